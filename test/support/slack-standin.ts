import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Slack's Web API played on loopback for benchmarks and fault trials: a real HTTP server (so child processes can post
 * to it too) that enforces Slack-like limits and adds latency, injects faults, and records every message it accepted.
 * - `chat.postMessage`: at most one post per channel per `perChannelMs`, at most `workspaceLimit` in any rolling
 *   `workspaceWindowMs`; over either → 429 with Retry-After (nothing posted). Latency: half before the post is made,
 *   half before the answer.
 * - Faults, drawn per post: `fault429` (a 429 though within limits), `fault500AfterPost` (the post is made, then
 *   answered 500).
 * - Uploads as files.uploadV2 makes them (`files.getUploadURLExternal`, the bytes to the URL it gave,
 *   `files.completeUploadExternal`): the completion shares the file as a message in the channel or thread, with the
 *   same faults as a post (a 429 shares nothing; a 500 after sharing).
 * - `conversations.history` / `conversations.replies` read what was posted (metadata with `include_all_metadata`).
 */
export interface StandInOptions {
  latencyMs?: number;
  perChannelMs?: number;
  workspaceLimit?: number;
  workspaceWindowMs?: number;
  /** Seconds in the Retry-After of a 429. */
  retryAfter?: number;
  fault429?: number;
  fault500AfterPost?: number;
  /** Random numbers in [0, 1) for the faults (seeded in trials, so a round can be replayed). */
  random?: () => number;
}

export interface StandInMessage {
  channel: string;
  ts: string;
  text?: string;
  threadTs?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  /** A shared upload's files. */
  files?: { name: string; title?: string }[];
  /** When the post was made (ms, this process's clock). */
  at: number;
}

export interface StandInCounts {
  /** Every Web API call received. */
  calls: number;
  posts: number;
  /** 429s for going over a limit (a client that paces well gets none). */
  limited: number;
  injected429: number;
  injected500: number;
  historyReads: number;
  uploads: number;
}

/** Everything the stand-in saw, as plain data (what a stand-in in another process sends back). */
export interface StandInSnapshot {
  messages: StandInMessage[];
  counts: StandInCounts;
  firstCallAt: number | null;
  lastPostAnsweredAt: number | null;
}

export interface SlackStandIn {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  apiUrl: string;
  readonly messages: StandInMessage[];
  readonly counts: StandInCounts;
  /** When the first call arrived, and when the last accepted post was answered. */
  firstCallAt: number | null;
  lastPostAnsweredAt: number | null;
  /** Faults on or off from now on (a trial turns them off to let the recovery finish). */
  setFaults(faults: { fault429?: number; fault500AfterPost?: number }): void;
  reset(): void;
  snapshot(): StandInSnapshot;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  const body: Record<string, any> = type.includes("json") ? JSON.parse(raw || "{}") : Object.fromEntries(new URLSearchParams(raw));
  for (const key of ["metadata", "blocks"]) if (typeof body[key] === "string") body[key] = JSON.parse(body[key]);
  return body;
}

export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const latency = options.latencyMs ?? 0;
  const perChannelMs = options.perChannelMs ?? 1000;
  const workspaceLimit = options.workspaceLimit ?? Infinity;
  const windowMs = options.workspaceWindowMs ?? 1000;
  const retryAfter = options.retryAfter ?? 1;
  const random = options.random ?? Math.random;
  let faults = { fault429: options.fault429 ?? 0, fault500AfterPost: options.fault500AfterPost ?? 0 };

  const messages: StandInMessage[] = [];
  const lastPostIn = new Map<string, number>();
  const recent: number[] = [];
  const counts: StandInCounts = { calls: 0, posts: 0, limited: 0, injected429: 0, injected500: 0, historyReads: 0, uploads: 0 };
  /** Uploads asked for and not completed yet: file id → name. */
  const pendingFiles = new Map<string, string>();
  let fileSeq = 0;
  let seq = 0;
  const state = {
    firstCallAt: null as number | null,
    lastPostAnsweredAt: null as number | null,
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  };

  /** A message (a post, or a shared upload) under Slack's limits and the faults. */
  const share = (
    channel: string,
    message: Omit<StandInMessage, "channel" | "ts" | "at">,
    answer: (ts: string) => Record<string, unknown>,
  ): { status: number; body: unknown; headers?: Record<string, string>; accepted: boolean } => {
    const now = Date.now();
    if (!channel) return { status: 200, body: { ok: false, error: "channel_not_found" }, accepted: false };
    while (recent.length && recent[0]! <= now - windowMs) recent.shift();
    const last = lastPostIn.get(channel);
    if ((last !== undefined && now - last < perChannelMs) || recent.length >= workspaceLimit) {
      counts.limited++;
      return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": String(retryAfter) }, accepted: false };
    }
    if (random() < faults.fault429) {
      counts.injected429++;
      return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": String(retryAfter) }, accepted: false };
    }
    lastPostIn.set(channel, now);
    recent.push(now);
    // Unique, increasing, Slack-shaped timestamps on the wall clock, as Slack's are: a reconciliation reads history
    // from shortly before its claim, so a ts that lagged the clock (a counter from the start) would hide old posts.
    const ts = `${Math.floor(now / 1000)}.${String(seq++ % 1_000_000).padStart(6, "0")}`;
    messages.push({ channel, ts, ...message, at: now });
    if (message.files) counts.uploads++;
    else counts.posts++;
    if (random() < faults.fault500AfterPost) {
      counts.injected500++;
      return { status: 500, body: { ok: false, error: "internal_error" }, accepted: true };
    }
    return { status: 200, body: answer(ts), accepted: true };
  };

  const post = (body: Record<string, any>) =>
    share(String(body.channel ?? ""), { text: body.text, threadTs: body.thread_ts, metadata: body.metadata }, (ts) => ({
      ok: true,
      channel: body.channel,
      ts,
      message: { ts, text: body.text },
    }));

  const completeUpload = (body: Record<string, any>) => {
    const files = (typeof body.files === "string" ? JSON.parse(body.files) : (body.files ?? [])) as { id: string; title?: string }[];
    const shared = files.map((f) => ({ id: f.id, name: pendingFiles.get(f.id) ?? f.id, title: f.title }));
    const r = share(
      String(body.channel_id ?? ""),
      { text: body.initial_comment, threadTs: body.thread_ts, files: shared.map(({ name, title }) => ({ name, title })) },
      () => ({ ok: true, files: shared.map(({ id, title }) => ({ id, title })) }),
    );
    if (r.accepted) for (const f of shared) pendingFiles.delete(f.id);
    return r;
  };

  const history = (method: string, body: Record<string, any>) => {
    counts.historyReads++;
    const oldest = Number(body.oldest ?? 0);
    const withMetadata = String(body.include_all_metadata) === "true";
    const found = messages
      .filter((m) => m.channel === body.channel && Number(m.ts) > oldest)
      .filter((m) => (method === "conversations.replies" ? m.threadTs === body.ts || m.ts === body.ts : !m.threadTs))
      .map((m) => ({
        type: "message",
        ts: m.ts,
        text: m.text,
        ...(m.files ? { files: m.files } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      }))
      .reverse();
    return { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: "" } };
  };

  let self: SlackStandIn;
  const server: Server = createServer((req, res) => {
    void (async () => {
      // The bytes of an upload, to the URL files.getUploadURLExternal gave: taken, not kept.
      if ((req.url ?? "").startsWith("/upload/")) {
        for await (const _ of req);
        res.writeHead(200, { "content-type": "text/plain" }).end("OK - 1");
        return;
      }
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
      const body = await readBody(req);
      // Control, for a stand-in in its own process: not Slack methods, not counted.
      if (method === "_snapshot") return json(res, 200, self.snapshot());
      if (method === "_reset") return (self.reset(), json(res, 200, { ok: true }));
      if (method === "_faults") return (self.setFaults(body), json(res, 200, { ok: true }));
      counts.calls++;
      state.firstCallAt ??= Date.now();
      await sleep(latency / 2);
      if (method === "chat.postMessage" || method === "files.completeUploadExternal") {
        const r = method === "chat.postMessage" ? post(body) : completeUpload(body);
        await sleep(latency / 2);
        if (r.accepted) state.lastPostAnsweredAt = Date.now();
        return json(res, r.status, r.body, r.headers);
      }
      let answer: unknown;
      switch (method) {
        case "auth.test":
          answer = { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "redline" };
          break;
        case "conversations.history":
        case "conversations.replies":
          answer = history(method, body);
          break;
        case "conversations.open":
          answer = { ok: true, channel: { id: `D${String(body.users ?? "").replace(/^[UW]/, "")}` } };
          break;
        case "files.getUploadURLExternal": {
          const id = `F${++fileSeq}`;
          pendingFiles.set(id, String(body.filename ?? id));
          answer = { ok: true, file_id: id, upload_url: `http://127.0.0.1:${port}/upload/${id}` };
          break;
        }
        case "chat.update":
          answer = { ok: true, channel: body.channel, ts: body.ts };
          break;
        case "users.info":
          answer = {
            ok: true,
            user: { id: body.user, name: body.user, real_name: body.user, profile: { real_name: body.user, title: "" } },
          };
          break;
        case "conversations.members":
          answer = { ok: true, members: [], response_metadata: { next_cursor: "" } };
          break;
        default:
          answer = { ok: true };
      }
      await sleep(latency / 2);
      json(res, 200, answer);
    })().catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: String(e) });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  self = {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    messages,
    counts,
    get firstCallAt() {
      return state.firstCallAt;
    },
    get lastPostAnsweredAt() {
      return state.lastPostAnsweredAt;
    },
    setFaults(next) {
      faults = { ...faults, ...next };
    },
    reset() {
      messages.length = 0;
      lastPostIn.clear();
      recent.length = 0;
      pendingFiles.clear();
      for (const k of Object.keys(counts) as (keyof StandInCounts)[]) counts[k] = 0;
      state.firstCallAt = null;
      state.lastPostAnsweredAt = null;
    },
    snapshot() {
      return {
        messages: [...messages],
        counts: { ...counts },
        firstCallAt: state.firstCallAt,
        lastPostAnsweredAt: state.lastPostAnsweredAt,
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return self;
}

/** Per dispatch key: how many messages carry it (0 = lost, 2+ = doubled). */
export function postsPerKey(messages: readonly StandInMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const key = m.metadata?.event_payload?.key;
    if (typeof key === "string") counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A stand-in in its own process, so the latency and limits it plays are not skewed by the load under test. */
export interface RemoteStandIn {
  apiUrl: string;
  snapshot(): Promise<StandInSnapshot>;
  reset(): Promise<void>;
  setFaults(faults: { fault429?: number; fault500AfterPost?: number }): Promise<void>;
  close(): Promise<void>;
}

export async function startSlackStandInProcess(options: Omit<StandInOptions, "random"> & { seed?: number } = {}): Promise<RemoteStandIn> {
  const { spawn } = await import("node:child_process");
  const { fileURLToPath } = await import("node:url");
  const main = fileURLToPath(new URL("./slack-standin-main.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", main, JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("http"));
      if (line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`stand-in exited ${code}`)));
  });
  const control = async (method: string, body: unknown = {}) => {
    const res = await fetch(`${apiUrl}${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  return {
    apiUrl,
    snapshot: async () => (await control("_snapshot")) as StandInSnapshot,
    reset: async () => void (await control("_reset")),
    setFaults: async (faults) => void (await control("_faults", faults)),
    async close() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
