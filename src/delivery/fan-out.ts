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
