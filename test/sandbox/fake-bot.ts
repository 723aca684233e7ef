import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Received =
  | { kind: "command"; fields: Record<string, string> }
  | { kind: "interactive"; payload: Record<string, any> }
  | { kind: "event"; envelope: Record<string, any> };

export interface Ack {
  status?: number;
  body?: string | Record<string, unknown>;
}

/** Verifies Slack's signature the way Bolt does: HMAC over "v0:ts:body", five-minute window. */
function verify(secret: string, timestamp: string | undefined, signature: string | undefined, body: string): boolean {
  if (!timestamp || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A tiny stand-in for a Bolt app: one POST endpoint that checks the signature, records the request and lets the
 * test decide the acknowledgement (and call the Web API first, like processBeforeResponse).
 */
export async function startFakeBot(signingSecret: string, handler: (r: Received) => Promise<Ack | void> | Ack | void = () => {}) {
  const received: Received[] = [];
  let rejected = 0;
  let onRequest = handler;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const ok = verify(
        signingSecret,
        req.headers["x-slack-request-timestamp"] as string,
        req.headers["x-slack-signature"] as string,
        body,
      );
      if (req.url !== "/slack/events" || !ok) {
        rejected += 1;
        res.writeHead(401).end();
        return;
      }
      let request: Received;
      if (req.headers["content-type"]?.startsWith("application/json")) request = { kind: "event", envelope: JSON.parse(body) };
      else {
        const form = new URLSearchParams(body);
        const payload = form.get("payload");
        request = payload ? { kind: "interactive", payload: JSON.parse(payload) } : { kind: "command", fields: Object.fromEntries(form) };
      }
      received.push(request);
      try {
        const ack = (await onRequest(request)) ?? {};
        const text = typeof ack.body === "string" ? ack.body : ack.body ? JSON.stringify(ack.body) : "";
        res.writeHead(ack.status ?? 200, typeof ack.body === "object" ? { "content-type": "application/json" } : {}).end(text);
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get rejected() {
      return rejected;
    },
    handle(next: typeof handler) {
      onRequest = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
