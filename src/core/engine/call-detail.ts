import type { CallDetail, CallSummary } from '../../shared/contract/calls';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';

/** Everything the call screen shows: transcript, timeline, and the customer's card. */
export function readCallDetail(
  db: Db,
  summary: CallSummary | undefined,
  takeover: CallDetail['takeover'] = { available: true },
): CallDetail {
  if (!summary) throw new AppError('not_found', 'No such call');
  const c = db.$client;
  const customer = c
    .prepare(`select id, trim(first_name || ' ' || last_name) as name, phone, city, neighborhood,
        lifecycle_stage as lifecycleStage from customers where id = ?`)
    .get(summary.customerId) as Omit<CallDetail['customer'], 'tags' | 'previousCalls' | 'bookings'>;
  return {
    call: summary,
    takeover,
    provider: c
      .prepare('select provider from call_attempts where id = ?')
      .pluck()
      .get(summary.attemptId) as string,
    transcript: c
      .prepare(
        // In the order said: a real call's transcript is written when its conversation ends, after
        // lines Navaia added live (takeover, voicemail), so arrival order is not speaking order.
        'select attempt_id as attemptId, seq, at, speaker, text from transcripts where attempt_id = ? order by at, seq',
      )
      .all(summary.attemptId) as CallDetail['transcript'],
    events: (
      c
        .prepare(
          'select id, at, type, from_state as fromState, to_state as toState, data from call_events where attempt_id = ? order by id',
        )
        .all(summary.attemptId) as (Omit<CallDetail['events'][number], 'data'> & { data: string | null })[]
    ).map((e) => ({ ...e, data: e.data ? JSON.parse(e.data) : null })),
    notes:
      (c.prepare('select notes from dispositions where attempt_id = ?').pluck().get(summary.attemptId) as
        | string
        | undefined) ?? null,
    customer: {
      ...customer,
      tags: c
        .prepare('select tag from customer_tags where customer_id = ? order by tag')
        .pluck()
        .all(summary.customerId) as string[],
      previousCalls: c
        .prepare(`select a.id as attemptId, c.name as campaignName, a.dialed_at as at, a.state, a.disposition
          from call_attempts a join campaigns c on c.id = a.campaign_id
          where a.customer_id = ? and a.id <> ? and a.dialed_at is not null order by a.dialed_at desc limit 20`)
        .all(summary.customerId, summary.attemptId) as CallDetail['customer']['previousCalls'],
      bookings: c
        .prepare(`select b.scheduled_at as at, b.status, p.title as property from bookings b
          left join properties p on p.id = b.property_id where b.customer_id = ? order by b.scheduled_at desc limit 10`)
        .all(summary.customerId) as CallDetail['customer']['bookings'],
    },
  };
}
