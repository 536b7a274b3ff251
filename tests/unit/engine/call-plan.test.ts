import type { PlaceCallRequest } from '@core/providers/provider';
import { callCost, planCall } from '@core/providers/simulator/call-plan';
import { describe, expect, it } from 'vitest';

const startedAt = Date.UTC(2026, 0, 13, 16);
const request = (n: number, extra: Partial<PlaceCallRequest> = {}): PlaceCallRequest => ({
  attemptId: n,
  idempotencyKey: `1:${n}:1`,
  campaignId: 1,
  customerId: n,
  to: '+12125550100',
  from: null,
  agentId: null,
  firstMessage: 'Hi Ann, Navaia Realty here.',
  variables: { 'customer.first_name': 'Ann' },
  objective: 'neighborhood_interest',
  customerTimeZone: 'America/New_York',
  ...extra,
});
const options = { seed: 1, timeScale: 1, transcripts: true };
const plans = Array.from({ length: 2_000 }, (_, n) => planCall(request(n), startedAt, options));

describe('a simulated call’s plan', () => {
  it('is the same for the same attempt and seed (a restarted app replays it)', () => {
    expect(planCall(request(5), startedAt, options)).toEqual(plans[5]);
    expect(planCall(request(5), startedAt, { ...options, seed: 2 })).not.toEqual(plans[5]);
  });

  it('rings first, keeps its steps in time order and ends with a final status', () => {
    for (const plan of plans) {
      expect(plan.steps[0]).toMatchObject({ kind: 'status', status: 'ringing' });
      const times = plan.steps.map((s) => s.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const last = plan.steps.at(-1);
      expect(last?.kind).toBe('status');
      expect(last?.at).toBe(plan.endAt);
    }
  });

  it('has a conversation, an answer time and a disposition exactly when answered', () => {
    for (const plan of plans) {
      const answered = plan.outcome === 'answered';
      expect(plan.answeredAt !== undefined).toBe(answered || plan.outcome === 'voicemail');
      if (answered) {
        expect(plan.disposition).not.toBe('');
        expect(plan.steps.some((s) => s.kind === 'analysis')).toBe(true);
        expect(plan.steps.filter((s) => s.kind === 'line').length).toBeGreaterThan(0);
      }
    }
  });

  it('comes out in realistic shares: most calls answered, a few busy or failed', () => {
    const share = (outcome: string) => plans.filter((p) => p.outcome === outcome).length / plans.length;
    expect(share('answered')).toBeGreaterThan(0.3);
    expect(share('busy')).toBeGreaterThan(0.03);
    expect(share('busy')).toBeLessThan(0.12);
    expect(share('failed')).toBeLessThan(0.04);
  });

  it('escalates now and then, and waits for a human as long as Settings say', () => {
    const escalated = plans.filter((p) => p.escalation);
    expect(escalated.length).toBeGreaterThan(0);
    for (const plan of escalated)
      expect(plan.escalation!.holdUntil - plan.escalation!.at).toBeGreaterThanOrEqual(30_000);
  });

  it('at time scale 0 happens in one instant, and without lines when transcripts are off', () => {
    const instant = planCall(request(3), startedAt, { seed: 1, timeScale: 0, transcripts: false });
    expect(instant.endAt).toBe(0);
    expect(instant.steps.some((s) => s.kind === 'line')).toBe(false);
  });

  it('bills telephony per started minute of connected time and the AI per second of talk', () => {
    const rates = { telephonyPerMinute: 0.02, aiPerMinute: 0.1 };
    expect(callCost(90_000, 60_000, rates)).toEqual({ costTelephony: 0.04, costAi: 0.1 });
    expect(callCost(0, 0, rates)).toEqual({ costTelephony: 0, costAi: 0 });
  });
});
