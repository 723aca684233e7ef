import nock from "nock";

export interface SlackCall {
  method: string;
  /** Parsed body; `blocks`, `view` and `attachments` decoded from JSON. */
  body: Record<string, any>;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, any>;
}

type Reply = (
  body: Record<string, any>,
) => { status?: number; json: Record<string, unknown>; headers?: Record<string, string> } | Record<string, unknown>;

/**
 * Slack faked at the HTTP edge with nock: every Web API call (https://slack.com/api/<method>) and every
 * response_url POST is recorded and answered like Slack would. `on(method, reply)` overrides one method.
 */
export class SlackFake {
  readonly calls: SlackCall[] = [];
  readonly responses: { url: string; body: Record<string, any> }[] = [];
  /** Bytes uploaded to the URLs files.getUploadURLExternal handed out (what files.uploadV2 sends). */
  readonly uploads: { fileId: string; bytes: Buffer }[] = [];
  private overrides = new Map<string, Reply[]>();
  /** How response_url posts are answered when not as Slack usually does (`failResponseUrls`). */
  private responseUrlFailure: { status: number; body: string } | null = null;
  // Slack-like timestamps from the wall clock (reconciliation reads history from a claim's time on); one second apart, so unique.
  private ts = Math.floor(Date.now() / 1000);
  readonly channelMembers = new Map<string, string[]>();
  readonly users = new Map<string, { real_name: string; title?: string }>();
  /** What each channel shows (conversations.history / replies read it): every message Slack accepted, in order. */
  readonly history = new Map<string, { ts: string; text?: string; thread_ts?: string; metadata?: Record<string, any> }[]>();

  constructor() {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock("https://slack.com")
      .persist()
      .post(/\/api\/.+/)
      .reply((uri, requestBody) => {
        const method = uri.replace(/^\/api\//, "").split("?")[0]!;
        const body = decode(requestBody);
        const call: SlackCall = { method, body };
        this.calls.push(call);
        const queued = this.overrides.get(method);
        const override = queued && queued.length > 1 ? queued.shift() : queued?.[0];
        if (override) {
          const r = override(body);
          if ("json" in r && typeof r.json === "object") {
            call.response = r.json as Record<string, any>;
            return [(r.status as number) ?? 200, r.json, (r.headers as Record<string, string>) ?? {}];
          }
          call.response = r;
          return [200, r];
        }
        call.response = this.defaultReply(method, body);
        return [200, call.response];
      });
    nock("https://hooks.slack.com")
      .persist()
      .post(/.*/)
      .reply((uri, requestBody) => {
        this.responses.push({ url: `https://hooks.slack.com${uri}`, body: decode(requestBody) });
        const failure = this.responseUrlFailure;
        return failure ? [failure.status, failure.body] : [200, { ok: true }];
      });
    this.installUploads();
  }

  private installUploads(): void {
    nock("https://files.slack.com")
      .persist()
      .post(/\/upload\/v1\/.+/)
      .reply((uri, body) => {
        const fileId = uri.split("/").pop()!;
        // nock hands over a body that is not UTF-8 as a hex string.
        const raw = Buffer.isBuffer(body)
          ? body
          : typeof body === "string" && /^([0-9a-f]{2})+$/i.test(body)
            ? Buffer.from(body, "hex")
            : Buffer.from(String(body), "utf8");
        this.uploads.push({ fileId, bytes: multipartFile(raw) });
        return [200, "OK - 1"];
      });
  }

  /** Answers `method` with `reply`; several calls queue replies in order (the last one sticks). */
  on(method: string, ...replies: Reply[]): this {
    this.overrides.set(method, replies);
    return this;
  }

  /** Slack accepts the post (it shows in history) and returns its ts: for a reply that posts and then fails. */
  accept(body: Record<string, any>): string {
    const ts = `${this.ts++}.000100`;
    const list = this.history.get(body.channel) ?? [];
    list.push({ ts, text: body.text, thread_ts: body.thread_ts, metadata: body.metadata });
    this.history.set(body.channel, list);
    return ts;
  }

  /** Every response_url post (recorded still) answered with this HTTP error, e.g. 404 `channel_not_found`; null: as usual. */
  failResponseUrls(failure: { status: number; body: string } | null): this {
    this.responseUrlFailure = failure;
    return this;
  }

  /** Drops every `on` override and response_url failure: Slack answers as usual again. */
  clearOverrides(): void {
    this.overrides.clear();
    this.responseUrlFailure = null;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Everything posted to a channel, in order (postMessage only). */
  postsIn(channel: string): SlackCall[] {
    return this.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
    this.history.clear();
  }

  close(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  private defaultReply(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "redline" };
      case "chat.postMessage": {
        const ts = this.accept(body);
        return { ok: true, channel: body.channel, ts, message_ts: ts };
      }
      case "conversations.history":
      case "conversations.replies": {
        const oldest = Number(body.oldest ?? 0);
        const metadata = String(body.include_all_metadata) === "true";
        const messages = (this.history.get(body.channel) ?? [])
          .filter((m) => Number(m.ts) > oldest)
          .filter((m) => (method === "conversations.replies" ? m.thread_ts === body.ts || m.ts === body.ts : !m.thread_ts))
          .map(({ metadata: md, ...m }) => (metadata && md ? { ...m, metadata: md } : m))
          .reverse();
        return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
      }
      case "chat.update":
      case "chat.postEphemeral": {
        const ts = method === "chat.update" ? body.ts : `${this.ts++}.000100`;
        return { ok: true, channel: body.channel, ts, message_ts: ts };
      }
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users).replace(/^[UW]/, "")}` } };
      case "conversations.members":
        return { ok: true, members: this.channelMembers.get(body.channel) ?? [], response_metadata: { next_cursor: "" } };
      case "users.info": {
        const u = this.users.get(body.user);
        return u
          ? {
              ok: true,
              user: { id: body.user, name: body.user, real_name: u.real_name, profile: { real_name: u.real_name, title: u.title ?? "" } },
            }
          : { ok: false, error: "user_not_found" };
      }
      case "views.open":
      case "views.update":
      case "views.push":
      case "views.publish":
        return { ok: true, view: { id: `V${this.ts++}`, ...(body.view ?? {}) } };
      case "files.getUploadURLExternal": {
        const fileId = `F${this.ts++}`;
        return { ok: true, file_id: fileId, upload_url: `https://files.slack.com/upload/v1/${fileId}` };
      }
      case "files.completeUploadExternal":
        return {
          ok: true,
          files: JSON.parse(body.files ?? "[]").map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title })),
        };
      default:
        return { ok: true };
    }
  }
}

function decode(requestBody: unknown): Record<string, any> {
  let body: Record<string, any>;
  if (typeof requestBody === "string") {
    const trimmed = requestBody.trim();
    body = trimmed.startsWith("{") ? JSON.parse(trimmed) : Object.fromEntries(new URLSearchParams(requestBody));
  } else body = { ...(requestBody as Record<string, any>) };
  for (const key of ["blocks", "view", "attachments", "metadata"]) if (typeof body[key] === "string") body[key] = JSON.parse(body[key]);
  return body;
}

/** The file inside a multipart/form-data body (what files.uploadV2 sends), or the body itself. */
function multipartFile(raw: Buffer): Buffer {
  if (!raw.subarray(0, 2).equals(Buffer.from("--"))) return raw;
  const boundary = raw.subarray(0, raw.indexOf("\r\n"));
  const start = raw.indexOf("\r\n\r\n") + 4;
  const end = raw.indexOf(Buffer.concat([Buffer.from("\r\n"), boundary]), start);
  return raw.subarray(start, end);
}
