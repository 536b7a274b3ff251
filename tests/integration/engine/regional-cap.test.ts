import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createCampaign } from '@core/campaigns/campaign-store';
import { openDatabase } from '@core/db/open';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cliSandbox, navaiaBin } from '../../helpers/cli-sandbox';
import { insertCustomers, manyCustomers, nyMorning } from '../../helpers/engine-harness';

const day = 86_400_000;
const { dir } = cliSandbox('regional-cap');

/** A database of Florida customers and a campaign that retries unanswered calls every hour, 6 times. */
function floridaCampaign(name: string): { file: string; id: number } {
  const file = join(dir, `${name}.db`);
  const db = openDatabase(file);
  insertCustomers(db, manyCustomers(120, { region: 'US-FL', consent: 'written' }), nyMorning);
  const { id } = createCampaign(
    db,
    {
      name: 'Florida follow-up',
      objective: 'booking_reminder',
      script: { firstMessage: 'Hello, this is Navaia Realty. Say stop to opt out.' },
      schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
      pacing: { maxConcurrent: 20, maxPerMinute: 60 },
      retryPolicy: {
        retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
        delayMinutes: 60,
        maxAttempts: 6,
      },
    },
    nyMorning,
  );
  db.$client.close();
  return { file, id };
}

/** Every customer's dials in any 24 hours, at most. */
function mostDialsIn24h(dialsByCustomer: Map<number, number[]>): number {
  let most = 0;
  for (const dials of dialsByCustomer.values()) {
    dials.sort((a, b) => a - b);
    for (let i = 0; i < dials.length; i++) {
      most = Math.max(most, dials.filter((t) => t >= dials[i] && t < dials[i] + day).length);
    }
  }
  return most;
}

describe('Florida’s 3-attempts-per-24-hours rule', () => {
  it('a dry run over Florida customers finishes, and nobody gets a 4th call within 24 hours', () => {
    const { file, id } = floridaCampaign('run');
    const run = spawnSync(
      process.execPath,
      [navaiaBin, 'campaign', 'run', String(id), '--simulate', '--json', '--db', file],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.error?.message ?? run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'completed' });
    const db = openDatabase(file);
    const rows = db.$client
      .prepare('select customer_id as c, dialed_at as d from call_attempts where dialed_at is not null')
      .all() as { c: number; d: number }[];
    db.$client.close();
    const byCustomer = new Map<number, number[]>();
    for (const r of rows) byCustomer.set(r.c, [...(byCustomer.get(r.c) ?? []), r.d]);
    // Some customers needed more than 3 attempts: the cap was reached and waited out.
    expect(Math.max(...[...byCustomer.values()].map((d) => d.length))).toBeGreaterThan(3);
    expect(mostDialsIn24h(byCustomer)).toBeLessThanOrEqual(3);
    // Florida closes at 20:00 local time.
    for (const r of rows)
      expect(DateTime.fromMillis(r.d, { zone: 'America/New_York' }).hour).toBeLessThan(20);
  }, 150_000);

  it('a rehearsal over Florida customers ends with its forecast', () => {
    const { file, id } = floridaCampaign('rehearse');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'rehearse-child.ts'), file, String(id)],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.error?.message ?? run.stderr).toBe('');
    const reply = JSON.parse(run.stdout);
    expect(reply).toMatchObject({ ok: true, result: { customers: 120 } });
    expect(reply.result.attempts).toBeGreaterThan(120 * 3 * 0.2);
  }, 150_000);
});
