import type Database from 'better-sqlite3';

/**
 * The engine's reads and bulk writes of a campaign's queue, prepared once. Existence and bounded counts:
 * the pump runs after every call, and counting a 2,000-row queue each time was most of its own cost.
 */
export function createPreparedQueries(c: Database.Database) {
  return {
    due: c.prepare(`select a.id, a.campaign_id as campaignId, a.customer_id as customerId,
      a.attempt_number as attemptNumber, a.idempotency_key as idempotencyKey, a.state, a.mode, a.provider,
      a.provider_call_id as providerCallId, a.to_number as toNumber, a.from_number as fromNumber, a.not_before as notBefore,
      a.dialed_at as dialedAt, a.held_by as heldBy, a.disposition,
      cu.time_zone as timeZone, cu.time_zones as timeZones, cu.regions, cu.phone, cu.consent, cu.demo
    from call_attempts a join customers cu on cu.id = a.customer_id
    where a.campaign_id = ? and a.state = 'queued' and a.not_before <= ?
    order by a.not_before, a.id limit ?`),
    hasQueued: c
      .prepare("select exists (select 1 from call_attempts where campaign_id = ? and state = 'queued')")
      .pluck(),
    dueCount: c
      .prepare(`select count(*) from (select 1 from call_attempts
        where campaign_id = ? and state = 'queued' and not_before <= ? limit ?)`)
      .pluck(),
    // The first entry of the queue index, not min(): min(coalesce(…)) read every queued row, and customers
    // waiting for their local morning can be tens of thousands.
    earliestQueued: c
      .prepare(`select coalesce(not_before, 0) from call_attempts where campaign_id = ? and state = 'queued'
        order by not_before limit 1`)
      .pluck(),
    earliestWaiting: c.prepare(`select not_before as notBefore, attempt_number as attemptNumber
      from call_attempts where campaign_id = ? and state = 'queued' and not_before > ? order by not_before limit 1`),
    firstCursor: c
      .prepare(
        'select coalesce(max(customer_id), 0) from call_attempts where campaign_id = ? and attempt_number = 1',
      )
      .pluck(),
    cancelQueued: c.prepare(`update call_attempts set state = 'cancelled', ended_at = ?, updated_at = ?
      where campaign_id = ? and state = 'queued' returning id`),
    insertCancelEvent: c.prepare(
      "insert into call_events (attempt_id, at, type, from_state, to_state) values (?, ?, 'state', 'queued', 'cancelled')",
    ),
    waitingForZone: c
      .prepare(`select count(*) from call_attempts a join customers cu on cu.id = a.customer_id
        where a.campaign_id = ? and a.state = 'queued' and cu.time_zones = ''`)
      .pluck(),
    counts: c.prepare(`select
        coalesce(sum(state = 'queued'), 0) as queued,
        coalesce(sum(state in ('dialing', 'ringing', 'in_progress', 'escalated')), 0) as live,
        coalesce(sum(state in ('completed', 'no_answer', 'busy', 'voicemail', 'failed', 'cancelled')), 0) as done,
        coalesce(sum(dialed_at >= ?), 0) as lastMinute
      from call_attempts where campaign_id = ?`),
    /** Status and reason as another process may have written them (a pause from the CLI, say). */
    status: c.prepare('select status, status_reason as statusReason from campaigns where id = ?'),
  };
}

export type PreparedQueries = ReturnType<typeof createPreparedQueries>;
