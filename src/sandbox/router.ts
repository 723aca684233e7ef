/** The sandbox's HTTP surface: Web API, upload and response URLs, files, the page and the page's actions. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { asAppError, ErrorCode, isAppError } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { clockTarget, formatClock, ZClockStepSchema } from "./clock.ts";
import type { SandboxDriver } from "./driver.ts";
import { BodyTooLargeError, parseApiArgs, parseUploadedFile, readBody, sendJson, sendText } from "./http-body.ts";
import { failure } from "./message-content.ts";
import { renderPage } from "./render/page.ts";
import { renderPageState } from "./render/state.ts";
import { handleResponseUrl } from "./response-url.ts";
import type { Json, SandboxStore } from "./store.ts";
import { FILE_INPUT_MAX_BYTES, hasThumbnail, sniffMimetype } from "./person-files.ts";
import { callWebApi, fileUrl } from "./web-api.ts";

export interface RouterContext {
  store: SandboxStore;
  driver: SandboxDriver;
  botToken: string;
  timeZone: string;
  logger: Logger;
  assets: { js: string; css: string };
  baseUrl(): string;
  advanceClock(to: Date): Promise<void>;
}

const API_BODY_LIMIT = 5 * 1024 * 1024;
const UPLOAD_LIMIT = 50 * 1024 * 1024;

const ZRaw = z.union([z.string(), z.array(z.string()), z.null()]);
const ZRawValues = z.record(z.string(), z.record(z.string(), ZRaw));
const ZMessage = z.object({
  user: z.string(),
  channel: z.string(),
  text: z.string().max(40000),
  files: z.array(z.string()).max(10).optional(),
});
const ZClick = z.object({
  user: z.string(),
  actionId: z.string(),
  blockId: z.string().optional(),
  value: ZRaw.optional(),
  channel: z.string().optional(),
  messageTs: z.string().optional(),
  viewId: z.string().optional(),
  values: ZRawValues.optional(),
});
const ZShortcut = z.object({ user: z.string(), channel: z.string(), messageTs: z.string(), callbackId: z.string() });
const ZSubmit = z.object({ user: z.string(), viewId: z.string().optional(), values: ZRawValues });
const ZUserOnly = z.object({ user: z.string(), viewId: z.string().optional() });

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
}

export function createRouter(ctx: RouterContext) {
  const { store, driver, logger } = ctx;
  const fileUrlFor = (id: string) => {
    const file = store.file(id);
    return file ? fileUrl({ baseUrl: ctx.baseUrl() }, file) : undefined;
  };

  async function webApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const body = await readBody(req, API_BODY_LIMIT);
    let args: Json;
    try {
      args = await parseApiArgs(body, req.headers["content-type"]);
    } catch {
      sendJson(res, 200, failure("invalid_form_data"));
      return;
    }
    webApiCall(req, res, method, args);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const file = store.file(fileId);
    if (!file || file.data !== null) return sendText(res, 404, "file_not_found");
    const data = await parseUploadedFile(await readBody(req, UPLOAD_LIMIT), req.headers["content-type"]);
    file.data = data;
    file.mimetype = sniffMimetype(data, file.name);
    sendText(res, 200, `OK - ${data.length}`);
  }

  async function respond(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const raw = (await readBody(req, API_BODY_LIMIT)).toString("utf8");
    let body: Json;
    try {
      const parsed: unknown = req.headers["content-type"]?.includes("json")
        ? JSON.parse(raw)
        : JSON.parse(new URLSearchParams(raw).get("payload") ?? raw);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      body = parsed as Json;
    } catch {
      return sendJson(res, 400, failure("invalid_payload"));
    }
    const outcome = handleResponseUrl(store, id, body);
    if (outcome.status !== 200) logger.warn({ responseUrl: id, outcome: outcome.body }, "sandbox: response_url post refused");
    sendJson(res, outcome.status, outcome.body);
  }

  /**
   * A file's bytes (url_private). People upload anything, so nothing served here may run in the page's origin:
   * scripts are off (CSP sandbox), the type is never sniffed, and only raster images are shown inline.
   */
  function serveFile(res: ServerResponse, fileId: string): void {
    const file = store.file(fileId);
    if (!file?.data) return sendText(res, 404, "file_not_found");
    res.writeHead(200, {
      "content-type": file.mimetype,
      "content-length": file.data.length,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "content-disposition": `${hasThumbnail(file.mimetype) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
    res.end(file.data);
  }

  /** POST /sandbox/upload?user=U…&name=…: the raw bytes of one file a person picked; answers the stored file. */
  async function personUpload(req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
    const mb = FILE_INPUT_MAX_BYTES / 1024 / 1024;
    const tooLarge = () => {
      res.setHeader("connection", "close");
      sendJson(res, 400, {
        error: { zh: `文件超过 Slack 的 ${mb} MB 上限，无法上传。`, en: `The file is over Slack's ${mb} MB limit and cannot be uploaded.` },
      });
    };
    if (Number(req.headers["content-length"] ?? 0) > FILE_INPUT_MAX_BYTES) return tooLarge();
    let data: Buffer;
    try {
      data = await readBody(req, FILE_INPUT_MAX_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return tooLarge();
      throw e;
    }
    const file = driver.uploadFile({ userId: params.get("user") ?? "", name: params.get("name") ?? "", data });
    sendJson(res, 200, {
      file: {
        id: file.id,
        name: file.name,
        mimetype: file.mimetype,
        size: file.length,
        url: fileUrlFor(file.id),
        thumbnail: hasThumbnail(file.mimetype),
      },
    });
  }

  async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
    const raw = (await readBody(req, API_BODY_LIMIT)).toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw || "{}");
    } catch {
      parsed = undefined;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new BadRequest(result.error.issues);
    return result.data;
  }

  function state(res: ServerResponse, params: URLSearchParams): void {
    const userId = params.get("user") ?? store.users.keys().next().value ?? "";
    if (!store.users.has(userId)) return sendJson(res, 400, { error: `unknown user ${userId}` });
    const now = store.clock.now();
    const rendered = renderPageState(
      store,
      { userId, view: params.get("view") ?? undefined },
      { timeZone: ctx.timeZone, fileUrl: fileUrlFor },
    );
    sendJson(res, 200, { ...rendered, clock: { iso: now.toISOString(), label: formatClock(now, ctx.timeZone) } });
  }

  async function pageAction(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
    switch (action) {
      case "message": {
        const body = await readJson(req, ZMessage);
        return sendJson(
          res,
          200,
          await driver.typeMessage({ userId: body.user, channel: body.channel, text: body.text, fileIds: body.files }),
        );
      }
      case "click": {
        const body = await readJson(req, ZClick);
        const { user, ...rest } = body;
        return sendJson(res, 200, await driver.click({ userId: user, ...rest }));
      }
      case "shortcut": {
        const body = await readJson(req, ZShortcut);
        return sendJson(
          res,
          200,
          await driver.messageShortcut({
            userId: body.user,
            channel: body.channel,
            messageTs: body.messageTs,
            callbackId: body.callbackId,
          }),
        );
      }
      case "submit": {
        const body = await readJson(req, ZSubmit);
        return sendJson(res, 200, await driver.submitView({ userId: body.user, viewId: body.viewId, values: body.values }));
      }
      case "close": {
        const body = await readJson(req, ZUserOnly);
        return sendJson(res, 200, await driver.closeView({ userId: body.user, viewId: body.viewId }));
      }
      case "home": {
        const body = await readJson(req, ZUserOnly);
        return sendJson(res, 200, await driver.openHome({ userId: body.user }));
      }
      case "clock": {
        const step = await readJson(req, ZClockStepSchema);
        const to = clockTarget(step, store.clock.now(), ctx.timeZone);
        await ctx.advanceClock(to);
        return sendJson(res, 200, { to: to.toISOString(), label: formatClock(store.clock.now(), ctx.timeZone) });
      }
      default:
        return sendText(res, 404, "not found");
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = url.pathname;
    const method = req.method ?? "GET";
    let match: RegExpExecArray | null;
    if ((match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path)) && (method === "POST" || method === "GET")) {
      // Slack also accepts GET with the arguments in the query string.
      return method === "GET" ? webApiCall(req, res, match[1]!, Object.fromEntries(url.searchParams)) : webApi(req, res, match[1]!);
    }
    if ((match = /^\/upload\/([A-Z0-9]+)$/.exec(path)) && method === "POST") return upload(req, res, match[1]!);
    if ((match = /^\/respond\/([a-z0-9]+)$/.exec(path)) && method === "POST") return respond(req, res, match[1]!);
    if ((match = /^\/files\/([A-Z0-9]+)(\/.*)?$/.exec(path)) && method === "GET") return serveFile(res, match[1]!);
    if (path === "/" && method === "GET") {
      return sendText(
        res,
        200,
        renderPage(store, { clockLabel: formatClock(store.clock.now(), ctx.timeZone), timeZone: ctx.timeZone }),
        "text/html; charset=utf-8",
      );
    }
    if (path === "/assets/sandbox.js" && method === "GET") return sendText(res, 200, ctx.assets.js, "text/javascript; charset=utf-8");
    if (path === "/assets/sandbox.css" && method === "GET") return sendText(res, 200, ctx.assets.css, "text/css; charset=utf-8");
    if (path === "/state" && method === "GET") return state(res, url.searchParams);
    if (path === "/sandbox/upload" && method === "POST") return personUpload(req, res, url.searchParams);
    if ((match = /^\/sandbox\/([a-z]+)$/.exec(path)) && method === "POST") return pageAction(req, res, match[1]!);
    sendText(res, 404, "not found");
  }

  function webApiCall(req: IncomingMessage, res: ServerResponse, method: string, args: Json): void {
    const token = bearer(req) ?? (typeof args.token === "string" ? args.token : undefined);
    if (!token) return sendJson(res, 200, failure("not_authed"));
    if (token !== ctx.botToken) return sendJson(res, 200, failure("invalid_auth"));
    delete args.token;
    sendJson(res, 200, callWebApi({ store, baseUrl: ctx.baseUrl(), timeZone: ctx.timeZone, logger }, method, args));
  }

  /** Node's request listener; errors become a JSON answer the page can show, never a crash. */
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      if (e instanceof BodyTooLargeError) return sendJson(res, 413, failure("request_too_large"));
      if (e instanceof BadRequest)
        return sendJson(res, 400, { error: { zh: "请求格式不对。", en: "Malformed request." }, issues: e.issues });
      const error = asAppError(e);
      if (!isAppError(e) || error.code === ErrorCode.Internal) logger.error({ err: e, url: req.url }, "sandbox request failed");
      sendJson(res, error.code === ErrorCode.Internal ? 500 : 400, { error: error.userMessage, code: error.code });
    });
  };
}

export class BadRequest extends Error {
  constructor(readonly issues: unknown) {
    super("bad request");
  }
}
