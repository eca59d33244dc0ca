// The claimed digests a delivery run works through: claimed a batch at a time and refilled a batch
// ahead (when it runs low), so the sending lanes never stand still while the next batch is claimed.

import type { ClaimedDigest } from '../store/digest-outbox.js';

export interface Claimed {
  digest: ClaimedDigest;
  shown: ReadonlySet<number>;
}

/**
 * Claimed digests waiting to be sent, refilled a batch ahead (when it runs low) so the sending
 * lanes never stand still while the next batch is claimed.
 */
export class ClaimFeed {
  private readonly queue: Claimed[] = [];
  private refilling: Promise<void> | undefined;
  private failure: unknown;
  private isExhausted = false;

  constructor(
    private readonly claim: () => Promise<Claimed[]>,
    private readonly lowWater: number,
  ) {}

  async next(): Promise<Claimed | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.queue.length <= this.lowWater && !this.isExhausted && !this.refilling) {
        this.refilling = this.claim()
          .then((batch) => {
            if (batch.length === 0) this.isExhausted = true;
            this.queue.push(...batch);
          })
          .catch((error: unknown) => {
            this.failure = error;
          })
          .finally(() => {
            this.refilling = undefined;
          });
      }
      const item = this.queue.shift();
      if (item) return item;
      if (this.refilling) await this.refilling;
      else if (this.isExhausted) return undefined;
    }
  }

  /** No more claims; returns what was claimed and not yet handed out (to release it). */
  stop(): Claimed[] {
    this.isExhausted = true;
    return this.queue.splice(0);
  }
}
