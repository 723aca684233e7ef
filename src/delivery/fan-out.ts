/**
 * Runs `work` for every item, at most `concurrency` at once, and returns the results in the items' order. The pace
 * is the rate limiter's (every post waits for its slot there); this only keeps enough sends queued to use it.
 */
export async function fanOut<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/** Sends kept queued per fan-out: enough to fill a 20/s workspace allowance at Slack's latency, few enough to stay light. */
export const FAN_OUT_CONCURRENCY = 32;

/**
 * Sends started as they come and run concurrently (at most `concurrency` at once), one channel's in the order they
 * were added, so a reminder and an escalation to one channel keep their order. `add` waits only while the queue is
 * full; `drain` waits for everything. A send's own errors are its own to record: the queue swallows none it sees.
 */
export class SendQueue {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly concurrency = FAN_OUT_CONCURRENCY) {}

  async add(channel: string, work: () => Promise<void>): Promise<void> {
    while (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.active++;
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const done: Promise<void> = previous.then(work).finally(() => {
      this.active--;
      this.waiters.shift()?.();
      if (this.tails.get(channel) === settled) this.tails.delete(channel);
      this.running.delete(settled);
    });
    // The chain goes on after a failure; the failure itself surfaces in drain().
    const settled = done.catch(() => {});
    this.tails.set(channel, settled);
    this.running.add(settled);
    this.failures.push(done);
  }

  private failures: Promise<void>[] = [];

  /** Waits for every send added; rethrows the first failure, if a send threw. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
    const all = this.failures;
    this.failures = [];
    await Promise.all(all);
  }
}
