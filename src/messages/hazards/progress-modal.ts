import type { ModalView } from "@slack/types";
import type { Lang } from "../../lib/i18n.ts";
import { readStateValues, readText, REQUIRED, type ModalParse } from "../modal-state.ts";
import { plain, section } from "../mrkdwn.ts";
import { HAZARD_PROGRESS_CALLBACK, PROGRESS_FIELDS } from "./ids.ts";
import { photos, readFiles, textInput, type ReportForm } from "./report-modal.ts";

/** 报送整改进展 (跟踪督办): this week's progress on a listed hazard, photos optional. It lands in the hazard's history. */
export function buildProgressModal(input: { number: string; privateMetadata: string; lang: Lang }): ModalView {
  const zh = input.lang === "zh";
  return {
    type: "modal",
    callback_id: HAZARD_PROGRESS_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "报送整改进展" : "Progress report"),
    submit: plain(zh ? "报送" : "Submit"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? `挂牌督办隐患 *${input.number}*：报送本周整改进展，记入隐患处理记录，安委办跟踪督办。`
          : `Listed hazard *${input.number}*: this week's progress goes into its history for the office to follow.`,
      ),
      textInput(PROGRESS_FIELDS.note, zh ? "本周进展" : "This week's progress", { multiline: true, max: 3000 }),
      photos(PROGRESS_FIELDS.photos, zh ? "现场照片" : "Photos", true),
    ],
  };
}

export function parseProgressSubmission(raw: unknown): ModalParse<{ note: string; files: ReportForm["files"] }> {
  const values = readStateValues(raw);
  const note = readText(values, PROGRESS_FIELDS.note);
  if (!note) return { ok: false, errors: { [PROGRESS_FIELDS.note.block]: REQUIRED } };
  return { ok: true, data: { note, files: readFiles(values, PROGRESS_FIELDS.photos) } };
}
