import type { Db } from "../db/client.ts";
import { FileTooLarge, type Delivery } from "../delivery/delivery.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { parseCampaignText } from "./definition/load-campaign-file.ts";
import type { TCampaignFile } from "./definition/campaign-file-schema.ts";
import { saveTemplate, type SavedTemplate } from "./templates.ts";
import { MAX_TEMPLATE_BYTES } from "../messages/campaigns/upload-modal.ts";

export function tooLargeMessage(): { zh: string; en: string } {
  return {
    zh: `文件过大（上限 ${MAX_TEMPLATE_BYTES / 1024} KB），未读取。行动文件通常只有几 KB。`,
    en: `The file is too large (at most ${MAX_TEMPLATE_BYTES / 1024} KB) and was not read. A campaign file is usually a few KB.`,
  };
}

/**
 * A campaign YAML the office gave in Slack — in the upload form or shared as a file — read from Slack, checked with
 * the campaign schema (problems by field and line) and against the directory, and stored as a template. Every refusal
 * is an AppError in both languages and saves nothing. The caller has checked that the person is office staff.
 */
export async function uploadTemplate(
  deps: { db: Db; delivery: Delivery; logger: Logger },
  input: { fileId: string; fileName: string | null; uploadedBy: string; now: Date },
): Promise<{ file: TCampaignFile; fileName: string; saved: SavedTemplate }> {
  let read: { name: string; bytes: Buffer };
  try {
    read = await deps.delivery.readFile(input.fileId, MAX_TEMPLATE_BYTES);
  } catch (e) {
    deps.logger.warn({ file: input.fileId, user: input.uploadedBy, err: e }, "could not read the uploaded campaign file");
    if (e instanceof FileTooLarge) throw new AppError(ErrorCode.InputInvalid, tooLargeMessage(), { cause: e });
    throw new AppError(
      ErrorCode.SlackFailed,
      { zh: "无法从 Slack 读取该文件，请重新上传。", en: "The file could not be read from Slack; please upload it again." },
      { cause: e },
    );
  }
  const fileName = input.fileName ?? read.name;
  const file = parseCampaignText(read.bytes.toString("utf8"), fileName);
  const saved = await saveTemplate(deps.db, { file, fileName, uploadedBy: input.uploadedBy, now: input.now });
  deps.logger.info(
    { template: saved.id, user: input.uploadedBy, created: saved.created, revision: saved.revision },
    "campaign template uploaded",
  );
  return { file, fileName, saved };
}
