import { ErrorCode as SlackErrorCode } from "@slack/web-api";

/** Slack's limits for posting, as this process keeps them. */
export interface RateLimits {
  /** Least time between two posts to one channel (Slack: about one message per second per channel). */
  perChannelMs: number;
  /** At most `workspaceLimit` posts start in any rolling `workspaceWindowMs`, across all channels. */
  workspaceLimit: number;
  workspaceWindowMs: number;
  /** Posts in flight at once (each one a Web API call waiting for Slack). */
  maxInFlight: number;
  /** Tries per post while Slack answers 429 (each after its Retry-After). */
  maxAttempts: number;
}

/**
 * Defaults: Slack's documented 1/s per channel, with a small margin so two posts 1 s apart at our end do not arrive
 * closer at Slack's; and a workspace cap under chat.postMessage's workspace allowance.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perChannelMs: 1050,
  workspaceLimit: 20,
  workspaceWindowMs: 1100,
  maxInFlight: 16,
  maxAttempts: 5,
};

export interface RateLimiterStats {
  /** Calls started (a call retried after a 429 counts again). */
  started: number;
  /** 429s answered by Slack and waited out. */
  rateLimited: number;
  /** Largest number of calls in flight at once. */
  peakInFlight: number;
}

interface Job {
  channel: string;
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  attempts: number;
}

/** Seconds Slack asked us to wait, when `e` is a 429 (the client hands 429s back: `rejectRateLimitedCalls`). */
export function retryAfterSeconds(e: unknown): number | null {
  const err = e as { code?: unknown; retryAfter?: unknown } | null;
  if (err?.code !== SlackErrorCode.RateLimitedError) return null;
  return typeof err.retryAfter === "number" && err.retryAfter >= 0 ? err.retryAfter : 1;
}

/**
 * One queue for every post this process makes (launch fan-out, reminders, digests, meetings, answers). Calls start
 * in the order they were asked for, each as soon as its channel's last post is `perChannelMs` old, the workspace's
 * rolling window has room, and fewer than `maxInFlight` are in flight; so posts run concurrently, at Slack's rate and
 * no faster. A 429 pauses that channel for Retry-After and puts the call back at the head of the queue (a 429 posted
 * nothing, so trying again cannot double it).
 */
export class RateLimiter {
  readonly limits: RateLimits;
  readonly stats: RateLimiterStats = { started: 0, rateLimited: 0, peakInFlight: 0 };
  private readonly queue: Job[] = [];
  private readonly channelFree = new Map<string, number>();
  /** Start times within the rolling window, oldest first. */
  private readonly starts: number[] = [];
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Infinity;

  constructor(limits: Partial<RateLimits> = {}) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
  }

  /** Runs `call` (one post to `channel`) when the limits allow, waiting out 429s. */
  run<T>(channel: string, call: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ channel, run: call, resolve: resolve as (v: unknown) => void, reject, attempts: 0 });
      this.pump();
    });
  }

  /** Calls waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  private workspaceFreeAt(now: number): number {
    const { workspaceLimit, workspaceWindowMs } = this.limits;
    while (this.starts.length && this.starts[0]! <= now - workspaceWindowMs) this.starts.shift();
    return this.starts.length < workspaceLimit ? now : this.starts[this.starts.length - workspaceLimit]! + workspaceWindowMs;
  }

  private pump(): void {
    const now = Date.now();
    let nextAt = Infinity;
    // Channels already passed over in this round: a later call to the same channel must not overtake an earlier one.
    const blocked = new Set<string>();
    for (let i = 0; i < this.queue.length && this.inFlight < this.limits.maxInFlight;) {
      const job = this.queue[i]!;
      if (blocked.has(job.channel)) {
        i++;
        continue;
      }
      const workspaceAt = this.workspaceFreeAt(now);
      if (workspaceAt > now) {
        nextAt = Math.min(nextAt, workspaceAt);
        break;
      }
      const channelAt = this.channelFree.get(job.channel) ?? 0;
      if (channelAt > now) {
        nextAt = Math.min(nextAt, channelAt);
        blocked.add(job.channel);
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(job, now);
    }
    for (const [channel, at] of this.channelFree) if (at <= now - this.limits.perChannelMs) this.channelFree.delete(channel);
    if (this.queue.length && nextAt < Infinity && this.inFlight < this.limits.maxInFlight) this.wakeAt(nextAt, now);
  }

  private wakeAt(at: number, now: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - now),
    );
  }

  private start(job: Job, now: number): void {
    job.attempts++;
    this.inFlight++;
    this.stats.started++;
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    this.starts.push(now);
    this.channelFree.set(job.channel, now + this.limits.perChannelMs);
    job.run().then(
      (value) => this.finish(() => job.resolve(value)),
      (error: unknown) => {
        const wait = retryAfterSeconds(error);
        if (wait === null || job.attempts >= this.limits.maxAttempts) return this.finish(() => job.reject(error));
        this.stats.rateLimited++;
        const until = Date.now() + wait * 1000;
        this.channelFree.set(job.channel, Math.max(this.channelFree.get(job.channel) ?? 0, until));
        this.queue.unshift(job);
        this.finish(() => {});
      },
    );
  }

  private finish(settle: () => void): void {
    this.inFlight--;
    settle();
    this.pump();
  }
}

const shared = new Map<number, RateLimiter>();

/** Limits for `postsPerSecond` across the workspace; 0 paces nothing (only bounds the calls in flight). */
export function limitsFor(postsPerSecond: number): Partial<RateLimits> {
  if (postsPerSecond === 0) return { perChannelMs: 0, workspaceLimit: Number.MAX_SAFE_INTEGER, maxInFlight: 64 };
  return { workspaceLimit: postsPerSecond };
}

/**
 * The process's limiter: every Delivery in this process (the app's, the CLI's, every sweep's) shares it, so all
 * senders together keep Slack's limits. One per setting, so a test that turns pacing off does not share with one
 * that keeps it.
 */
export function processRateLimiter(postsPerSecond = DEFAULT_RATE_LIMITS.workspaceLimit): RateLimiter {
  let limiter = shared.get(postsPerSecond);
  if (!limiter) shared.set(postsPerSecond, (limiter = new RateLimiter(limitsFor(postsPerSecond))));
  return limiter;
}
