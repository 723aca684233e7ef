import type { IncomingMessage, ServerResponse } from "node:http";
import type { Json } from "./store.ts";

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw new BodyTooLargeError(`body over ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Arguments Slack's Web API receives JSON-encoded inside form fields (what @slack/web-api sends for objects). */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "metadata"]);

/** Web API arguments from a form-urlencoded, multipart or JSON body, JSON-encoded fields decoded. */
export async function parseApiArgs(body: Buffer, contentType: string | undefined): Promise<Json> {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  let args: Json = {};
  if (type === "application/json") {
    const parsed: unknown = body.length > 0 ? JSON.parse(body.toString("utf8")) : {};
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) args = parsed as Json;
  } else if (type === "multipart/form-data") {
    const form = await new Request("http://sandbox.invalid/", {
      method: "POST",
      headers: { "content-type": contentType ?? "" },
      body: new Uint8Array(body),
    }).formData();
    for (const [key, value] of form) if (typeof value === "string") args[key] = value;
  } else {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) args[key] = value;
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value === "string") {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // left as a string: the method answers with Slack's "invalid_*_format"-style error
      }
    }
  }
  return args;
}

/** The file bytes @slack/web-api posts to an upload URL: a multipart form (field "body" or any file) or a raw body. */
export async function parseUploadedFile(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!(contentType ?? "").toLowerCase().startsWith("multipart/form-data")) return body;
  const form = await new Request("http://sandbox.invalid/", {
    method: "POST",
    headers: { "content-type": contentType ?? "" },
    body: new Uint8Array(body),
  }).formData();
  for (const [, value] of form) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  const field = form.get("body") ?? form.get("file");
  return Buffer.from(typeof field === "string" ? field : "");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}
