import { createHmac } from "node:crypto";

/** Slack's request signature: v0=HMAC_SHA256(secret, "v0:" + timestamp + ":" + body). */
export function signSlackRequest(signingSecret: string, body: string, timestampSeconds: number): Record<string, string> {
  const signature = createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${signature}`, "x-slack-request-timestamp": String(timestampSeconds) };
}

export interface BotReply {
  /** HTTP status, or undefined when the bot did not answer at all. */
  status?: number;
  body: string;
  /** What Slack would show for a failed delivery: `dispatch_failed`, `operation_timeout`, `http_401`. */
  failure?: string;
}

export interface BotEndpoint {
  url: string;
  signingSecret: string;
  timeoutMs: number;
}

/**
 * Posts one signed request the way Slack does. The signature uses the real time, not the simulated clock:
 * the bot checks it against its own wall clock.
 */
export async function postToBot(endpoint: BotEndpoint, body: string, contentType: string): Promise<BotReply> {
  const headers = { "content-type": contentType, ...signSlackRequest(endpoint.signingSecret, body, Math.floor(Date.now() / 1000)) };
  try {
    const response = await fetch(endpoint.url, { method: "POST", headers, body, signal: AbortSignal.timeout(endpoint.timeoutMs) });
    const text = await response.text();
    return response.status === 200
      ? { status: 200, body: text }
      : { status: response.status, body: text, failure: `http_${response.status}` };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return { body: "", failure: timedOut ? "operation_timeout" : "dispatch_failed" };
  }
}

/** The acknowledgement body as JSON when it is JSON, else the raw text (Bolt answers `ack("text")` with plain text). */
export function parseAck(body: string): unknown {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
