import type { Db } from '@core/db/open';
import { expect } from 'vitest';
import type { FakeProviderApi } from '../../fakes/provider-api/server';

export function attemptsOf(db: Db, campaignId: number) {
  return db.$client
    .prepare(`select id, customer_id as c, attempt_number as n, idempotency_key as k, state, disposition,
      provider_call_id as callId, to_number as toNumber, error from call_attempts where campaign_id = ? order by c, n`)
    .all(campaignId) as {
    id: number;
    c: number;
    n: number;
    k: string;
    state: string;
    disposition: string | null;
    callId: string | null;
    toNumber: string;
    error: string | null;
  }[];
}

/** Every call the fake placed belongs to exactly one attempt, which knows its call sid. */
export function expectNoDoubleDial(db: Db, campaignId: number, fake: FakeProviderApi) {
  const attempts = attemptsOf(db, campaignId);
  const byKey = new Map(attempts.map((a) => [a.k, a]));
  const keys = [...fake.calls.values()].map((call) => {
    // The TwiML the call was created with streams to the registration Navaia made for the attempt.
    const stream = call.initialVerbs.find((v) => v.kind === 'stream');
    const registration =
      stream?.kind === 'stream' ? fake.registrations.get(stream.registrationId ?? '') : undefined;
    return { sid: call.sid, key: String(registration?.dynamicVariables.navaia_idempotency_key ?? '') };
  });
  expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  for (const { sid, key } of keys) expect(byKey.get(key)?.callId, `call ${sid} for ${key}`).toBe(sid);
}
