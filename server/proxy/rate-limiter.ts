export interface RateLimitOptions {
  /** Sustained requests per second per client IP. */
  perSecond: number;
  /** Bucket size: how many requests a client may burst. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token bucket per client key (IP). Idle full buckets are swept so memory stays bounded. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.sweepTimer = setInterval(() => this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  /** Takes a token; returns 0 if allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updatedAt: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      const refilled = bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond;
      if (refilled >= this.options.burst) this.buckets.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }
}
