import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isFinalState } from '@shared/calls/attempt-states';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeProviderApi, startFakeProviderApi } from '../../fakes/provider-api/server';
import { insertCustomers, manyCustomers } from '../../helpers/engine-harness';
import { createTempDb } from '../../helpers/temp-db';
import { campaignStatus, createRealCampaign } from './campaign-app';
import { attemptsOf, expectNoDoubleDial } from './no-double-dial';
import { createFastClock, nyMorning } from './provider-setup';

const child = join(__dirname, 'campaign-child.ts');
const speed = 50;

function runApp(
  args: string[],
  killWhen?: () => boolean,
): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    let killed = false;
    const watch = killWhen
      ? setInterval(() => {
          if (!killed && killWhen()) {
            killed = true;
            proc.kill('SIGKILL');
          }
        }, 5)
      : undefined;
    proc.on('exit', (code) => {
      clearInterval(watch);
      resolve({ killed, code, stderr });
    });
  });
}

describe('the app killed mid-campaign on the real provider', () => {
  const temp = createTempDb();
  let fake: FakeProviderApi;
  afterAll(async () => {
    await fake?.close();
    temp.cleanup();
  });

  it('reconciles live calls by call id after a restart and dials no customer twice for one attempt', async () => {
    const t0 = Date.now();
    const clock = createFastClock(nyMorning, speed, t0);
    fake = await startFakeProviderApi({ now: clock.now });
    insertCustomers(temp.db, manyCustomers(24), nyMorning);
    const id = createRealCampaign(temp.db, nyMorning);
    const args = [temp.file, fake.url, String(nyMorning), String(speed), String(t0)];
    const live = () =>
      temp.db.$client
        .prepare(
          `select count(*) from call_attempts where provider_call_id is not null and state in ('ringing', 'in_progress', 'escalated')`,
        )
        .pluck()
        .get() as number;

    const first = await runApp([...args, String(id)], () => live() >= 5);
    expect(first.killed, first.stderr).toBe(true);
    const leftLive = attemptsOf(temp.db, id).filter((a) => !isFinalState(a.state) && a.callId);
    expect(leftLive.length).toBeGreaterThanOrEqual(5);
    const callsBefore = fake.calls.size;

    const second = await runApp(args);
    expect(second.code, second.stderr).toBe(0);
    expect(campaignStatus(temp.db, id)).toBe('completed');

    const attempts = attemptsOf(temp.db, id);
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    expect(new Set(attempts.map((a) => a.c)).size).toBe(24);
    expectNoDoubleDial(temp.db, id, fake);
    expect(fake.calls.size).toBeGreaterThan(callsBefore);
    // The calls left live were asked about by call id and followed to their real outcome.
    for (const before of leftLive) {
      const after = attempts.find((a) => a.id === before.id)!;
      expect(after.callId).toBe(before.callId);
      expect(after.state).not.toBe('failed');
      const reconciled = temp.db.$client
        .prepare("select count(*) from call_events where attempt_id = ? and type = 'reconciled'")
        .pluck()
        .get(before.id) as number;
      expect(reconciled).toBe(1);
    }
    const answered = leftLive.filter((a) => a.toNumber.endsWith('5'));
    for (const a of answered)
      expect(attempts.find((b) => b.id === a.id)).toMatchObject({
        state: 'completed',
        disposition: 'booked_viewing',
      });
  }, 120_000);
});
