import type { types } from "@slack/bolt";
import type { Lang } from "../../lib/i18n.ts";
import { MAX_ATTENDEES, MAX_NOTE_LENGTH, type EducationSessionData } from "../../domain/campaigns/completion-data.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { DaySchema } from "../../domain/calendar/working-days.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { EDUCATION_FIELDS, EDUCATION_MODAL_CALLBACK } from "./ids.ts";
import { modalHeader, plain } from "./modal-header.ts";
import { element, readWholeNumber, readStateValues, readText, REQUIRED, type FieldErrors, type ModalParse } from "../modal-state.ts";
import { section } from "../mrkdwn.ts";
import { encodeCampaignModalMetadata, type CampaignTaskRef } from "./task-ref.ts";

export interface EducationModalInput {
  ref: CampaignTaskRef;
  campaign: Pick<CampaignInfo, "title">;
  task: CampaignTask;
  department: Pick<CampaignDepartment, "nameZh" | "nameEn">;
  zone: string;
  now: Date;
  lang?: Lang;
}

export const MAX_LOCATION_LENGTH = 200;

/** The warning-education form: the day it was held (today by default), attendees, where, note. */
export function buildEducationModal(input: EducationModalInput): types.ModalView {
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  return {
    type: "modal",
    callback_id: EDUCATION_MODAL_CALLBACK,
    private_metadata: encodeCampaignModalMetadata(input.ref),
    title: plain(zh ? "填报警示教育" : "Education session"),
    submit: plain(zh ? "提交" : "Submit"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      modalHeader(input.campaign, input.task, input.department, input.zone, lang, input.now),
      section(
        zh
          ? "请填报本单位观看消防安全警示教育专题片、开展警示教育的情况。"
          : "Report how your unit held fire-safety warning education with the film.",
      ),
      {
        type: "input",
        block_id: EDUCATION_FIELDS.heldOn.block,
        label: plain(zh ? "举办日期" : "Date held"),
        element: { type: "datepicker", action_id: EDUCATION_FIELDS.heldOn.action, initial_date: localDay(input.now, input.zone) },
      },
      {
        type: "input",
        block_id: EDUCATION_FIELDS.attendees.block,
        label: plain(zh ? "参加人数" : "Attendees"),
        element: {
          type: "number_input",
          action_id: EDUCATION_FIELDS.attendees.action,
          is_decimal_allowed: false,
          min_value: "1",
          max_value: String(MAX_ATTENDEES),
        },
      },
      {
        type: "input",
        block_id: EDUCATION_FIELDS.location.block,
        label: plain(zh ? "地点" : "Location"),
        element: { type: "plain_text_input", action_id: EDUCATION_FIELDS.location.action, max_length: MAX_LOCATION_LENGTH },
      },
      {
        type: "input",
        block_id: EDUCATION_FIELDS.note.block,
        optional: true,
        label: plain(zh ? "说明" : "Note"),
        element: { type: "plain_text_input", action_id: EDUCATION_FIELDS.note.action, multiline: true, max_length: MAX_NOTE_LENGTH },
      },
    ],
  };
}

export interface EducationParseOptions {
  /** Today in the office's timezone, YYYY-MM-DD: a session cannot have been held in the future. */
  today: string;
  /** The first day a session counts, usually the day the window opened. */
  earliest?: string;
}

/** The submitted session, or the problems under each field. */
export function parseEducationSubmission(rawValues: unknown, options: EducationParseOptions): ModalParse<EducationSessionData> {
  const values = readStateValues(rawValues);
  const errors: FieldErrors = {};

  const heldOn = element(values, EDUCATION_FIELDS.heldOn)?.selected_date ?? null;
  if (!heldOn) errors[EDUCATION_FIELDS.heldOn.block] = REQUIRED;
  else if (!DaySchema.safeParse(heldOn).success) errors[EDUCATION_FIELDS.heldOn.block] = { zh: "日期无效。", en: "Not a valid date." };
  else if (heldOn > options.today)
    errors[EDUCATION_FIELDS.heldOn.block] = { zh: "举办日期不能晚于今天。", en: "The date held cannot be in the future." };
  else if (options.earliest && heldOn < options.earliest) {
    errors[EDUCATION_FIELDS.heldOn.block] = {
      zh: `举办日期不能早于本次警示教育开始日（${options.earliest}）。`,
      en: `The date held cannot be before this warning-education window opened (${options.earliest}).`,
    };
  }

  const attendees = readWholeNumber(values, EDUCATION_FIELDS.attendees, 1, MAX_ATTENDEES);
  if ("error" in attendees) errors[EDUCATION_FIELDS.attendees.block] = attendees.error;

  const location = readText(values, EDUCATION_FIELDS.location);
  if (location === null) errors[EDUCATION_FIELDS.location.block] = REQUIRED;
  else if ([...location].length > MAX_LOCATION_LENGTH) {
    errors[EDUCATION_FIELDS.location.block] = {
      zh: `地点不能超过 ${MAX_LOCATION_LENGTH} 字。`,
      en: `The location cannot be longer than ${MAX_LOCATION_LENGTH} characters.`,
    };
  }

  const note = readText(values, EDUCATION_FIELDS.note);
  if (note !== null && [...note].length > MAX_NOTE_LENGTH) {
    errors[EDUCATION_FIELDS.note.block] = {
      zh: `说明不能超过 ${MAX_NOTE_LENGTH} 字。`,
      en: `The note cannot be longer than ${MAX_NOTE_LENGTH} characters.`,
    };
  }

  if (Object.keys(errors).length > 0 || !heldOn || "error" in attendees || location === null) return { ok: false, errors };
  return { ok: true, data: { heldOn, attendees: attendees.value, location, note } };
}
