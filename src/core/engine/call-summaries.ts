import type { CallSummary } from '../../shared/contract/calls';
import type { Db } from '../db/open';

const select = `select a.id as attemptId, a.campaign_id as campaignId, c.name as campaignName, c.objective as campaignObjective, a.customer_id as customerId,
    trim(cu.first_name || ' ' || cu.last_name) as customerName, a.to_number as toNumber, a.attempt_number as attemptNumber,
    a.state, a.mode, a.held_by as heldBy, a.escalated, a.disposition, a.dialed_at as dialedAt, a.answered_at as answeredAt,
    a.ended_at as endedAt, a.duration_seconds as durationSeconds, a.sentiment, a.cost_telephony + a.cost_ai as cost,
    (select t.text from transcripts t where t.attempt_id = a.id order by t.seq desc limit 1) as lastLine
  from call_attempts a join campaigns c on c.id = a.campaign_id join customers cu on cu.id = a.customer_id`;

type Row = Omit<CallSummary, 'escalated'> & { escalated: number };
const toSummary = (row: Row): CallSummary => ({ ...row, escalated: row.escalated === 1 });

/** Reads call summaries for the monitor and history screens. */
export function createCallSummaries(db: Db) {
  const c = db.$client;
  const one = c.prepare(`${select} where a.id = ?`);
  const live = c.prepare(
    `${select} where a.state in ('dialing', 'ringing', 'in_progress', 'escalated')
       and (? is null or a.campaign_id = ?) and (? = 0 or a.escalated = 1) order by a.dialed_at limit 5000`,
  );
  return {
    get: (attemptId: number) => {
      const row = one.get(attemptId) as Row | undefined;
      return row ? toSummary(row) : undefined;
    },
    live: (campaignId: number | undefined, escalatedOnly: boolean) =>
      (live.all(campaignId ?? null, campaignId ?? null, escalatedOnly ? 1 : 0) as Row[]).map(toSummary),
    history(filter: {
      campaignId?: number;
      state?: string;
      disposition?: string;
      search?: string;
      offset: number;
      limit: number;
    }) {
      const where = [
        'a.dialed_at is not null',
        filter.campaignId !== undefined ? 'a.campaign_id = @campaignId' : '',
        filter.state ? 'a.state = @state' : '',
        filter.disposition ? 'a.disposition = @disposition' : '',
        filter.search
          ? "(cu.first_name like @search escape '\\' or cu.last_name like @search escape '\\' or a.to_number like @search escape '\\')"
          : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const params = {
        campaignId: filter.campaignId ?? null,
        state: filter.state ?? null,
        disposition: filter.disposition ?? null,
        search: filter.search ? `${filter.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null,
        limit: filter.limit,
        offset: filter.offset,
      };
      const total = c
        .prepare(
          `select count(*) from call_attempts a join customers cu on cu.id = a.customer_id where ${where}`,
        )
        .pluck()
        .get(params) as number;
      const rows = c
        .prepare(`${select} where ${where} order by a.dialed_at desc, a.id desc limit @limit offset @offset`)
        .all(params) as Row[];
      return { total, rows: rows.map(toSummary) };
    },
  };
}

export type CallSummaries = ReturnType<typeof createCallSummaries>;
