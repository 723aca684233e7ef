import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { writeAdminFile, type DataLock } from "../db/data-lock.ts";
import type { Logger } from "../lib/logger.ts";

/** What `npx redline …` sends the bot that holds the embedded folder: the command line and who typed it. */
export const ZAdminCliRequest = z.object({
  argv: z.array(z.string().max(10_000)).max(200),
  /** The caller's operating-system user (the audit's `cli:<user>`). */
  user: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.@-]+$/),
  /** The caller's REDLINE_LANG, when set. */
  lang: z.enum(["zh", "en"]).optional(),
  /** The caller's standard input, for `ask --json`. */
  stdin: z.string().max(4_000_000).optional(),
});
export type AdminCliRequest = z.infer<typeof ZAdminCliRequest>;

export const ZAdminCliResponse = z.object({ code: z.number().int(), out: z.array(z.string()), err: z.array(z.string()) });
export type AdminCliResponse = z.infer<typeof ZAdminCliResponse>;

export const ADMIN_CLI_PATH = "/cli";

export interface AdminEndpoint {
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 5_000_000;

/**
 * The bot's door for CLI commands while it owns the embedded folder: loopback only, one random token per start kept
 * in the folder's 0600 admin file, so only whoever can read the bot's data folder can run commands through it.
 */
export async function startAdminEndpoint(options: {
  lock: DataLock;
  logger: Logger;
  run: (request: AdminCliRequest) => Promise<AdminCliResponse>;
}): Promise<AdminEndpoint> {
  const { lock, logger } = options;
  const token = Buffer.from(randomBytes(32).toString("hex"));
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  };
  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
    return given.length === token.length && timingSafeEqual(given, token);
  };
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== ADMIN_CLI_PATH) return answer(res, 404, { error: "not_found" });
    if (!authorized(req)) {
      logger.warn({ remote: req.socket.remoteAddress }, "admin endpoint: wrong token refused");
      req.resume();
      return answer(res, 401, { error: "unauthorized" });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      let request: AdminCliRequest;
      try {
        request = ZAdminCliRequest.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        return answer(res, 400, { error: "bad_request" });
      }
      logger.info({ argv: request.argv.slice(0, 3), user: request.user }, "running a CLI command for its caller");
      options.run(request).then(
        (result) => answer(res, 200, result),
        (e: unknown) => {
          logger.error({ err: e }, "admin endpoint: command failed");
          answer(res, 500, { error: "internal" });
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  try {
    writeAdminFile(lock, port, token.toString());
  } catch (e) {
    server.close();
    throw e;
  }
  logger.info({ port }, "admin endpoint for CLI commands on loopback");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
