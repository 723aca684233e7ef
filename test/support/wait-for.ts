/**
 * Polls until `check` returns (or resolves to) something truthy (Bolt answers after the ack); fails with `what` after
 * 10 s. A check that asks the database returns a promise: it is awaited, never taken as the truthy answer itself.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what = "condition",
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The same as waitFor, kept for the checks written with it. */
export const waitForAsync = waitFor;

/** Lets pending listener work finish, for asserting that something did NOT happen. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
