import { TokenBucket } from '@core/engine/token-bucket';
import { describe, expect, it } from 'vitest';

describe('the token bucket that paces calls', () => {
  it('starts with one token and refills at the rate', () => {
    const bucket = new TokenBucket(60, 0);
    expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    // 60 a minute: one a second.
    expect(bucket.nextTokenAt(0)).toBe(1_000);
    expect(bucket.tryTake(999)).toBe(false);
    expect(bucket.tryTake(1_000)).toBe(true);
  });

  it('never holds more than its burst, so the average rate is never exceeded', () => {
    const bucket = new TokenBucket(60, 0);
    // Five calls' worth at most, however long it waited.
    expect(bucket.available(3_600_000)).toBe(5);
    let taken = 0;
    while (bucket.tryTake(3_600_000)) taken++;
    expect(taken).toBe(5);
    // In the next minute, at most 60 more.
    let inMinute = 0;
    for (let t = 3_600_000; t < 3_660_000; t += 100) while (bucket.tryTake(t)) inMinute++;
    expect(inMinute).toBeLessThanOrEqual(60);
    expect(inMinute).toBeGreaterThanOrEqual(59);
  });

  it('holds one second’s worth at high rates, never more than five seconds’ worth', () => {
    expect(new TokenBucket(6_000, 0).available(60_000)).toBe(100);
    expect(new TokenBucket(24, 0).available(60_000)).toBe(2);
    expect(new TokenBucket(6, 0).available(60_000)).toBe(1);
  });

  it('says when it will be full again', () => {
    const bucket = new TokenBucket(600, 0);
    while (bucket.tryTake(0)) {}
    // Burst 10 at 10 a second: empty to full in one second.
    expect(bucket.fullAt(0)).toBe(1_000);
    expect(bucket.fullAt(2_000)).toBe(2_000);
  });

  it('takes a new rate from the next refill on', () => {
    const bucket = new TokenBucket(60, 0);
    bucket.tryTake(0);
    bucket.setRate(120);
    expect(bucket.nextTokenAt(0)).toBe(500);
  });
});
