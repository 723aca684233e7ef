import type { PGlite } from "@electric-sql/pglite";
import type { ClientConfig } from "pg";

/** What a `LISTEN` on one channel reports. */
export interface ChannelListener {
  /** A notification on the channel, with its payload. */
  onNotify(payload: string): void;
  /** Listening (again): notifications from now on arrive; any sent before (or while the connection was down) did not. */
  onLive(): void;
  /** The connection is gone: notifications may be missed until the next `onLive`. */
  onLost(): void;
}

export interface Listening {
  close(): Promise<void>;
}

/** Listens on a channel; the returned handle is live or retrying (see `onLive` / `onLost`) until closed. */
export type Listen = (channel: string, listener: ChannelListener) => Promise<Listening>;

const PLAIN_CHANNEL = /^[a-z_][a-z0-9_]*$/;

/** The embedded database has one session in this process: every write, whoever makes it, notifies here. */
export function pgliteListen(pglite: PGlite): Listen {
  return async (channel, listener) => {
    if (!PLAIN_CHANNEL.test(channel)) throw new Error(`channel name ${channel} must be a plain lower-case identifier`);
    const unlisten = await pglite.listen(channel, (payload) => listener.onNotify(payload));
    listener.onLive();
    return {
      async close() {
        // Closing the database first ends the subscription too.
        if (!pglite.closed) await unlisten().catch(() => undefined);
      },
    };
  };
}

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * PostgreSQL: one dedicated connection outside the pool (a pooled one would be handed back and its LISTEN lost),
 * with TCP keep-alive so a dead peer is noticed, and reconnection with back-off for as long as it is open.
 */
export function pgListen(config: ClientConfig): Listen {
  return async (channel, listener) => {
    if (!PLAIN_CHANNEL.test(channel)) throw new Error(`channel name ${channel} must be a plain lower-case identifier`);
    const { default: pg } = await import("pg");
    let closed = false;
    let live: InstanceType<typeof pg.Client> | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = RETRY_FIRST_MS;
    const retry = () => {
      if (closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void attempt();
      }, delay);
      timer.unref();
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    };
    const attempt = async () => {
      const client = new pg.Client({ ...config, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
      let dead = false;
      const die = () => {
        if (dead) return;
        dead = true;
        client.end().catch(() => undefined);
        if (live === client) {
          live = undefined;
          listener.onLost();
        }
        retry();
      };
      client.on("error", die);
      client.on("end", die);
      client.on("notification", (n) => {
        if (n.channel === channel) listener.onNotify(n.payload ?? "");
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${channel}`);
      } catch {
        die();
        return;
      }
      if (dead) return;
      if (closed) {
        dead = true;
        await client.end().catch(() => undefined);
        return;
      }
      live = client;
      delay = RETRY_FIRST_MS;
      listener.onLive();
    };
    await attempt();
    return {
      async close() {
        closed = true;
        clearTimeout(timer);
        const client = live;
        live = undefined;
        if (client) {
          client.removeAllListeners("end");
          await client.end().catch(() => undefined);
        }
      },
    };
  };
}
