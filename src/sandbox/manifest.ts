import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { SandboxShortcut } from "./store.ts";

/** The parts of a Slack app manifest the sandbox plays: `features.shortcuts` and `settings.event_subscriptions.bot_events`. */
const ZManifest = z.looseObject({
  features: z
    .looseObject({
      shortcuts: z
        .array(
          z.looseObject({
            name: z.string().min(1).max(80),
            type: z.enum(["message", "global"]),
            callback_id: z.string().min(1).max(255),
            description: z.string().max(150).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  settings: z
    .looseObject({
      event_subscriptions: z.looseObject({ bot_events: z.array(z.string().min(1).max(64)).optional() }).optional(),
    })
    .optional(),
});

export interface ManifestPlay {
  shortcuts: SandboxShortcut[];
  botEvents: string[];
}

/** The app's shortcuts and event subscriptions as its manifest (YAML or JSON text) declares them. */
export function parseManifest(text: string): ManifestPlay {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: `应用清单无法解析：${(e as Error).message}`,
      en: `The app manifest could not be read: ${(e as Error).message}`,
    });
  }
  const parsed = ZManifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "";
    throw new AppError(ErrorCode.ConfigInvalid, { zh: `应用清单无效：${where}`, en: `The app manifest is invalid: ${where}` });
  }
  const shortcuts = (parsed.data.features?.shortcuts ?? []).map((s) => ({
    callbackId: s.callback_id,
    name: s.name,
    type: s.type,
    ...(s.description ? { description: s.description } : {}),
  }));
  return { shortcuts, botEvents: parsed.data.settings?.event_subscriptions?.bot_events ?? [] };
}

/** slack-app-manifest.yaml at the project root (beside src/ and dist/, and in the Docker image's /app). */
export const MANIFEST_URL = new URL("../../slack-app-manifest.yaml", import.meta.url);

export async function readManifest(url: URL = MANIFEST_URL): Promise<ManifestPlay> {
  return parseManifest(await readFile(url, "utf8"));
}
