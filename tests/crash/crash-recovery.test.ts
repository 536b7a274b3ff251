import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countAudience } from '../../src/core/audience/count-audience';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { openDatabase } from '../../src/core/db/open';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { updateSettings } from '../../src/core/settings/settings-store';
import { isFinalState } from '../../src/shared/calls/attempt-states';

const bin = join(__dirname, '../../bin/navaia.js');
const dir = mkdtempSync(join(tmpdir(), 'navaia-crash-'));
const file = join(dir, 'navaia.db');
const maxAttempts = 3;

/** Runs the dry run in a child process; kills it with SIGKILL after `killAfterMs` unless it finishes first. */
function runChild(
  killAfterMs: number | null,
): Promise<{ finished: boolean; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [bin, 'campaign', 'run', '1', '--simulate', '--json', '--db', file],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ finished: signal === null && code === 0, code, stdout, stderr });
    });
  });
}

describe('a dry-run campaign killed at random moments', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never calls anyone twice, never exceeds max attempts, and ends with every attempt final', async () => {
    const now = Date.now();
    let eligible: number;
    {
      const db = openDatabase(file);
      // Enough work that a dozen runs killed within 1.6 s (start-up included) cannot finish it.
      seedDemoData(db, { customers: 20_000, now, seed: 7 });
      // Caps expire as virtual days pass, which would change the audience mid-run; this test is about crashes.
      updateSettings(db, { frequencyCapDays: 0 });
      createCampaign(
        db,
        {
          name: 'Crash test',
          objective: 'neighborhood_interest',
          script: { firstMessage: 'Hi {{customer.first_name}}, Navaia Realty here. Say stop to opt out.' },
          schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
          pacing: { maxConcurrent: 60, maxPerMinute: 600 },
          retryPolicy: {
            retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
            delayMinutes: 20,
            maxAttempts,
          },
        },
        now,
      );
      eligible = countAudience(db, { combinator: 'and', rules: [] }, { now, frequencyCapDays: 0 }).eligible;
      db.$client.close();
    }

    const kills: number[] = [];
    let finished = false;
    for (let run = 0; run < 40 && !finished; run++) {
      const killAfter = kills.length < 12 ? 600 + Math.floor(Math.random() * 1000) : null;
      const result = await runChild(killAfter);
      if (result.finished) finished = true;
      else if (killAfter !== null) kills.push(killAfter);
      else throw new Error(`the final run failed (${result.code}): ${result.stderr}`);
    }
    console.log(`killed after ${kills.join(', ')} ms`);
    expect(kills.length).toBeGreaterThanOrEqual(10);
    expect(finished).toBe(true);

    const db = openDatabase(file);
    const attempts = db.$client
      .prepare(`select customer_id as c, attempt_number as n, state, idempotency_key as k, provider_call_id as callId
        from call_attempts where campaign_id = 1`)
      .all() as { c: number; n: number; state: string; k: string; callId: string | null }[];
    const keys = new Set(attempts.map((a) => `${a.c}:${a.n}`));
    expect(keys.size).toBe(attempts.length);
    expect(Math.max(...attempts.map((a) => a.n))).toBeLessThanOrEqual(maxAttempts);
    expect(attempts.filter((a) => !isFinalState(a.state))).toEqual([]);
    // Demo customers share fictional numbers: when one says stop, the others on that number are not called
    // either. Every customer eligible at the start was called, or shares a number that opted out in this run.
    const optedOutUncalled = db.$client
      .prepare(`select count(*) from customers c join dnc_numbers d on d.phone = c.phone
        where d.source = 'call_request' and c.consent != 'none'
          and not exists (select 1 from call_attempts a where a.customer_id = c.id)`)
      .pluck()
      .get() as number;
    expect(new Set(attempts.map((a) => a.c)).size + optedOutUncalled).toBe(eligible);
    // Every call the provider placed is known to exactly one attempt: no customer was dialled blindly twice.
    const placed = db.$client
      .prepare('select idempotency_key as k, call_id as callId from simulator_calls')
      .all() as { k: string; callId: string }[];
    const byKey = new Map(attempts.map((a) => [a.k, a]));
    for (const call of placed) expect(byKey.get(call.k)?.callId).toBe(call.callId);
    expect(db.$client.prepare('select status from campaigns where id = 1').pluck().get()).toBe('completed');
    db.$client.close();

    // A kill can land after the campaign completed but before the run printed its summary: running it
    // again is a normal outcome that prints the same summary, and dials no one.
    const again = await runChild(null);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as { status: string; attempts: number };
    expect(summary.status).toBe('completed');
    expect(summary.attempts).toBe(attempts.length);
  }, 240_000);
});
