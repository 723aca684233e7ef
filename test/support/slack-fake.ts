import nock from "nock";

export interface SlackCall {
  method: string;
  /** Parsed body; `blocks`, `view` and `attachments` decoded from JSON. */
  body: Record<string, any>;
}

type Reply = (body: Record<string, any>) => { status?: number; json: Record<string, unknown>; headers?: Record<string, string> } | Record<string, unknown>;

/**
 * Slack faked at the HTTP edge with nock: every Web API call (https://slack.com/api/<method>) and every
 * response_url POST is recorded and answered like Slack would. `on(method, reply)` overrides one method.
 */
export class SlackFake {
  readonly calls: SlackCall[] = [];
  readonly responses: { url: string; body: Record<string, any> }[] = [];
  private overrides = new Map<string, Reply[]>();
  private ts = 1_700_000_000;
  readonly channelMembers = new Map<string, string[]>();
  readonly users = new Map<string, { real_name: string; title?: string }>();

  constructor() {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock("https://slack.com")
      .persist()
      .post(/\/api\/.+/)
      .reply((uri, requestBody) => {
        const method = uri.replace(/^\/api\//, "").split("?")[0]!;
        const body = decode(requestBody);
        this.calls.push({ method, body });
        const queued = this.overrides.get(method);
        const override = queued && queued.length > 1 ? queued.shift() : queued?.[0];
        if (override) {
          const r = override(body);
          if ("json" in r && typeof r.json === "object") return [(r.status as number) ?? 200, r.json, (r.headers as Record<string, string>) ?? {}];
          return [200, r];
        }
        return [200, this.defaultReply(method, body)];
      });
    nock("https://hooks.slack.com")
      .persist()
      .post(/.*/)
      .reply((uri, requestBody) => {
        this.responses.push({ url: `https://hooks.slack.com${uri}`, body: decode(requestBody) });
        return [200, { ok: true }];
      });
  }

  /** Answers `method` with `reply`; several calls queue replies in order (the last one sticks). */
  on(method: string, ...replies: Reply[]): this {
    this.overrides.set(method, replies);
    return this;
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
  }

  close(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  private defaultReply(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "redline" };
      case "chat.postMessage":
      case "chat.update":
      case "chat.postEphemeral": {
        const ts = method === "chat.update" ? body.ts : `${this.ts++}.000100`;
        return { ok: true, channel: body.channel, ts, message_ts: ts };
      }
      case "conversations.members":
        return { ok: true, members: this.channelMembers.get(body.channel) ?? [], response_metadata: { next_cursor: "" } };
      case "users.info": {
        const u = this.users.get(body.user);
        return u
          ? { ok: true, user: { id: body.user, name: body.user, real_name: u.real_name, profile: { real_name: u.real_name, title: u.title ?? "" } } }
          : { ok: false, error: "user_not_found" };
      }
      case "views.open":
      case "views.update":
      case "views.push":
      case "views.publish":
        return { ok: true, view: { id: `V${this.ts++}`, ...(body.view ?? {}) } };
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
  for (const key of ["blocks", "view", "attachments"]) if (typeof body[key] === "string") body[key] = JSON.parse(body[key]);
  return body;
}
