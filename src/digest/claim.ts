// The claim step: the digests a sending run works through, claimed a batch at a time (one store call
// a batch: the rows, their subscribers and what those were shown already) and refilled a batch ahead
// when it runs low, so the sending lanes never stand still while the next batch is claimed.

import type { ClaimedWithHistory } from '../store/digest-marks.js';

export class ClaimFeed {
  private readonly queue: ClaimedWithHistory[] = [];
  private refilling: Promise<void> | undefined;
  private failure: unknown;
  private isExhausted = false;

  constructor(
    private readonly claim: () => Promise<ClaimedWithHistory[]>,
    private readonly lowWater: number,
  ) {}

  async next(): Promise<ClaimedWithHistory | undefined> {
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
  stop(): ClaimedWithHistory[] {
    this.isExhausted = true;
    return this.queue.splice(0);
  }
}
