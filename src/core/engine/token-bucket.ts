/**
 * Calls per minute as a token bucket: tokens refill continuously at the target rate and a dial spends
 * one. A small burst allowance lets the rate catch up after a pause without ever exceeding it on average.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private perMinute: number,
    now: number,
    // Five calls, or one second's worth at high rates (so calls can start together and share a commit),
    // never more than five seconds' worth.
    private readonly burst = Math.max(1, Math.min(Math.max(5, perMinute / 60), perMinute / 12)),
  ) {
    this.tokens = Math.min(1, this.burst);
    this.updatedAt = now;
  }

  setRate(perMinute: number): void {
    this.perMinute = perMinute;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.perMinute) / 60_000);
      this.updatedAt = now;
    }
  }

  /** Tokens there now: how many calls could start at once. */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** When the bucket will be full again (holding its whole burst). */
  fullAt(now: number): number {
    this.refill(now);
    if (this.tokens >= this.burst) return now;
    return now + Math.ceil(((this.burst - this.tokens) * 60_000) / this.perMinute);
  }

  /** When the next token will be there. */
  nextTokenAt(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return now;
    return now + Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
  }
}
