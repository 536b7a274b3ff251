import type { EventBatch } from '@shared/contract';
import type { CallSummary } from '@shared/contract/calls';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';

describe('what the monitor hears during a campaign', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('gets each changed call once per batch, in its latest state, ending in the state the database holds', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: false });
    const id = h.campaignFor(40, { pacing: { maxConcurrent: 10, maxPerMinute: 60 } });
    const batches: EventBatch[] = [];
    h.app.context.bus.subscribe((batch) => batches.push(batch));
    h.app.engine.startCampaign(id);
    // One delivery per simulated 20 seconds: many calls change several times between two deliveries.
    while (h.app.engine.progress(id).status === 'running') {
      await h.runUntilFinished(id, 20_000);
      h.app.context.bus.flush();
    }
    h.app.context.bus.flush();

    const lastSeen = new Map<number, CallSummary>();
    for (const batch of batches) {
      const changed = batch.filter((e) => e.name === 'call.changed').map((e) => e.payload as CallSummary);
      expect(new Set(changed.map((c) => c.attemptId)).size).toBe(changed.length);
      for (const call of changed) lastSeen.set(call.attemptId, call);
    }
    const rows = h.db.$client
      .prepare('select id, state from call_attempts where campaign_id = ?')
      .all(id) as { id: number; state: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const row of rows) expect(lastSeen.get(row.id)?.state, `call ${row.id}`).toBe(row.state);
    const progress = batches.flat().filter((e) => e.name === 'campaign.progress');
    expect(progress.at(-1)?.payload).toMatchObject({
      campaignId: id,
      status: 'completed',
      waitingReason: null,
    });
  });
});
