/** Polls until `check` returns something truthy (Bolt answers after the ack); fails with `what` after 10 s. */
export async function waitFor<T>(check: () => T | undefined | null | false, what = "condition", timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Like waitFor, for checks that must ask the database. */
export async function waitForAsync<T>(
  check: () => Promise<T | undefined | null | false>,
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

/** Lets pending listener work finish, for asserting that something did NOT happen. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
