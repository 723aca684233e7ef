import type { types } from "@slack/bolt";
import type { Lang } from "../../lib/i18n.ts";
import {
  MAX_HAZARDS,
  MAX_NOTE_LENGTH,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  reportProblems,
  type ReportData,
  type ReportStatus,
} from "../../domain/campaigns/completion-data.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { REPORT_FIELDS, REPORT_MODAL_CALLBACK } from "./ids.ts";
import { modalHeader, plain } from "./modal-header.ts";
import { element, readWholeNumber, readStateValues, readText, REQUIRED, type FieldErrors, type ModalParse } from "../modal-state.ts";
import { encodeCampaignModalMetadata, type CampaignTaskRef } from "./task-ref.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import { context, escapeMrkdwn } from "../mrkdwn.ts";

export interface ReportModalInput {
  ref: CampaignTaskRef;
  campaign: Pick<CampaignInfo, "title">;
  task: CampaignTask;
  department: Pick<CampaignDepartment, "nameZh" | "nameEn">;
  zone: string;
  now: Date;
  lang?: Lang;
  /** A report already on file, to correct rather than retype. */
  initial?: ReportData;
  /** Correcting the report on file: the revision the form replaces, who wrote it and when (shown). */
  correcting?: { revision: number; byName: string; at: Date };
  /** The unit's hazard-ledger figures since the campaign started: shown, and prefilled when no report is on file. */
  ledger?: { sinceDay: string; found: number; rectified: number; open: number; major: number };
}

/** The report the ledger implies: its counts, and the status they mean. */
function fromLedger(l: NonNullable<ReportModalInput["ledger"]>): ReportData {
  const status: ReportStatus = l.found === 0 ? "none-found" : l.rectified === l.found ? "all-rectified" : "rectifying";
  return { status, hazardsFound: l.found, hazardsRectified: l.rectified, note: null };
}

const option = (status: ReportStatus, lang: Lang) => ({ text: plain(REPORT_STATUS_LABELS[status][lang]), value: status });

/** The report form: rectification status, hazards found, hazards rectified, note. */
export function buildReportModal(input: ReportModalInput): types.ModalView {
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const init = input.initial ?? (input.ledger ? fromLedger(input.ledger) : undefined);
  const l = input.ledger;
  const ledgerBlock = l
    ? [
        {
          type: "section" as const,
          text: {
            type: "mrkdwn" as const,
            text: zh
              ? `*隐患台账（${l.sinceDay} 起）：* 发现 ${l.found} 处，已整改销号 ${l.rectified} 处，未销号 ${l.open} 处，其中重大隐患 ${l.major} 处。${input.initial ? "" : "以下数字已按台账预填，报告应与台账一致。"}`
              : `*Hazard ledger (since ${l.sinceDay}):* ${l.found} found, ${l.rectified} rectified and closed, ${l.open} open, ${l.major} of them major. ${input.initial ? "" : "The figures below are filled in from the ledger; the report should agree with it."}`,
          },
        },
      ]
    : [];
  const fix = input.correcting;
  const correctingBlock = fix
    ? [
        context(
          zh
            ? `✏️ 更正${escapeMrkdwn(fix.byName)}于${formatInstant(fix.at, input.zone, lang, input.now)}${fix.revision === 0 ? "提交" : "更正"}的报告。原报告和每次更正都会保留，安委办可查看更正记录。`
            : `✏️ Correcting the report ${escapeMrkdwn(fix.byName)} ${fix.revision === 0 ? "submitted" : "corrected"} ${formatInstant(fix.at, input.zone, lang, input.now)}. The original and every correction are kept; the safety office can see the history.`,
        ),
      ]
    : [];
  return {
    type: "modal",
    callback_id: REPORT_MODAL_CALLBACK,
    private_metadata: encodeCampaignModalMetadata(input.ref, undefined, fix?.revision),
    title: plain(fix ? (zh ? "更正报告" : "Correct report") : zh ? "提交报告" : "Submit report"),
    submit: plain(fix ? (zh ? "提交更正" : "Save correction") : zh ? "提交" : "Submit"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      modalHeader(input.campaign, input.task, input.department, input.zone, lang, input.now),
      ...correctingBlock,
      ...ledgerBlock,
      {
        type: "input",
        block_id: REPORT_FIELDS.status.block,
        label: plain(zh ? "整改状态" : "Rectification status"),
        element: {
          type: "static_select",
          action_id: REPORT_FIELDS.status.action,
          placeholder: plain(zh ? "请选择" : "Choose one"),
          options: REPORT_STATUSES.map((s) => option(s, lang)),
          ...(init ? { initial_option: option(init.status, lang) } : {}),
        },
      },
      {
        type: "input",
        block_id: REPORT_FIELDS.hazardsFound.block,
        label: plain(zh ? "排查发现隐患数（处）" : "Hazards found"),
        element: {
          type: "number_input",
          action_id: REPORT_FIELDS.hazardsFound.action,
          is_decimal_allowed: false,
          min_value: "0",
          max_value: String(MAX_HAZARDS),
          ...(init ? { initial_value: String(init.hazardsFound) } : {}),
        },
      },
      {
        type: "input",
        block_id: REPORT_FIELDS.hazardsRectified.block,
        label: plain(zh ? "已整改隐患数（处）" : "Hazards rectified"),
        element: {
          type: "number_input",
          action_id: REPORT_FIELDS.hazardsRectified.action,
          is_decimal_allowed: false,
          min_value: "0",
          max_value: String(MAX_HAZARDS),
          ...(init ? { initial_value: String(init.hazardsRectified) } : {}),
        },
      },
      {
        type: "input",
        block_id: REPORT_FIELDS.note.block,
        optional: true,
        label: plain(zh ? "说明" : "Note"),
        hint: plain(zh ? "未整改隐患的原因、措施和时限等" : "Why hazards are still open, what is being done and by when"),
        element: {
          type: "plain_text_input",
          action_id: REPORT_FIELDS.note.action,
          multiline: true,
          max_length: MAX_NOTE_LENGTH,
          ...(init?.note ? { initial_value: init.note } : {}),
        },
      },
    ],
  };
}

/**
 * The submitted report, or the problems under each field: missing values, negative or fractional numbers, more
 * rectified than found, and a status that contradicts the numbers.
 */
export function parseReportSubmission(rawValues: unknown): ModalParse<ReportData> {
  const values = readStateValues(rawValues);
  const errors: FieldErrors = {};

  const statusValue = element(values, REPORT_FIELDS.status)?.selected_option?.value;
  const status = REPORT_STATUSES.find((s) => s === statusValue);
  if (!status) errors[REPORT_FIELDS.status.block] = REQUIRED;
  const found = readWholeNumber(values, REPORT_FIELDS.hazardsFound, 0, MAX_HAZARDS);
  if ("error" in found) errors[REPORT_FIELDS.hazardsFound.block] = found.error;
  const rectified = readWholeNumber(values, REPORT_FIELDS.hazardsRectified, 0, MAX_HAZARDS);
  if ("error" in rectified) errors[REPORT_FIELDS.hazardsRectified.block] = rectified.error;
  const note = readText(values, REPORT_FIELDS.note);
  if (note !== null && [...note].length > MAX_NOTE_LENGTH) {
    errors[REPORT_FIELDS.note.block] = {
      zh: `说明不能超过 ${MAX_NOTE_LENGTH} 字。`,
      en: `The note cannot be longer than ${MAX_NOTE_LENGTH} characters.`,
    };
  }
  if (!status || "error" in found || "error" in rectified || Object.keys(errors).length > 0) return { ok: false, errors };

  const data: ReportData = { status, hazardsFound: found.value, hazardsRectified: rectified.value, note };
  const problems = reportProblems(data);
  if (problems.status) errors[REPORT_FIELDS.status.block] = problems.status;
  if (problems.hazardsFound) errors[REPORT_FIELDS.hazardsFound.block] = problems.hazardsFound;
  if (problems.hazardsRectified) errors[REPORT_FIELDS.hazardsRectified.block] = problems.hazardsRectified;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}
