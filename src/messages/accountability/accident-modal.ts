import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { ACCIDENT_CATEGORIES, ACCIDENT_LEVELS } from "../../domain/accountability/categories.ts";
import type { Lang } from "../../lib/i18n.ts";
import { clip, plain } from "../mrkdwn.ts";
import { element, readText, readWholeNumber, REQUIRED, type FieldErrors, type ModalParse, type ViewStateValues } from "../modal-state.ts";
import { ACCIDENT_FIELDS as F, ACCIDENT_MODAL_CALLBACK, UNIT_RESPONSIBLE_VALUE } from "./ids.ts";

export interface UnitOption {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

const ZMeta = z.object({ lang: z.enum(["zh", "en"]), channelId: z.string().max(40).optional() });
export type AccidentModalMeta = z.infer<typeof ZMeta>;
export const encodeAccidentMeta = (m: AccidentModalMeta) => JSON.stringify(m);
export function parseAccidentMeta(raw: string): AccidentModalMeta {
  try {
    const parsed = ZMeta.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: a form from elsewhere
  }
  return { lang: "zh" };
}

const select = (lang: Lang, f: { block: string; action: string }, label: string, options: PlainTextOption[], optional = false) => ({
  type: "input" as const,
  block_id: f.block,
  optional,
  label: plain(label),
  element: { type: "static_select" as const, action_id: f.action, placeholder: plain(lang === "zh" ? "请选择" : "Choose"), options: options.slice(0, 100) },
});

/** The office's accident form: day, unit held to account, county, category, level, deaths, injuries, what happened. */
export function buildAccidentModal(input: { units: readonly UnitOption[]; today: string; lang: Lang; privateMetadata: string }): ModalView {
  const { lang } = input;
  const zh = lang === "zh";
  const name = (u: UnitOption) => clip(zh ? u.nameZh : u.nameEn, 75);
  const units = input.units.filter((u) => u.kind !== "office");
  return {
    type: "modal",
    callback_id: ACCIDENT_MODAL_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "登记事故" : "Record an accident"),
    submit: plain(zh ? "登记" : "Record"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      { type: "input", block_id: F.occurredOn.block, label: plain(zh ? "发生日期" : "Date"), element: { type: "datepicker", action_id: F.occurredOn.action, initial_date: input.today } },
      select(lang, F.unit, zh ? "责任单位" : "Unit held to account", units.map((u) => ({ text: plain(name(u)), value: u.id }))),
      select(lang, F.county, zh ? "发生地县（市）、区" : "County / district", units.filter((u) => u.kind === "county_district").map((u) => ({ text: plain(name(u)), value: u.id }))),
      select(lang, F.category, zh ? "事故类别" : "Category", ACCIDENT_CATEGORIES.map((c) => ({ text: plain(c[lang]), value: c.id }))),
      select(lang, F.level, zh ? "事故等级" : "Level", ACCIDENT_LEVELS.map((l) => ({ text: plain(l[lang]), value: l.id }))),
      { type: "input", block_id: F.deaths.block, label: plain(zh ? "死亡人数" : "Deaths"), element: { type: "number_input", action_id: F.deaths.action, is_decimal_allowed: false, min_value: "0", initial_value: "0" } },
      { type: "input", block_id: F.injuries.block, label: plain(zh ? "受伤人数" : "Injuries"), element: { type: "number_input", action_id: F.injuries.action, is_decimal_allowed: false, min_value: "0", initial_value: "0" } },
      { type: "input", block_id: F.description.block, label: plain(zh ? "事故简要情况" : "What happened"), element: { type: "plain_text_input", action_id: F.description.action, multiline: true, max_length: 2000 } },
      {
        type: "input",
        block_id: F.responsible.block,
        optional: true,
        label: plain(zh ? "责任认定" : "Responsibility"),
        element: {
          type: "checkboxes",
          action_id: F.responsible.action,
          options: [{ text: plain(zh ? "该单位负有责任（计入一票否决）" : "The unit is found responsible (counts towards the veto)"), value: UNIT_RESPONSIBLE_VALUE }],
        },
      },
    ],
  };
}

export interface AccidentForm {
  occurredOn: string;
  departmentId: string;
  countyId: string;
  category: string;
  level: string;
  deaths: number;
  injuries: number;
  description: string;
  unitResponsible: boolean;
}

/** Field by field; the service validates the rest (the units exist, the category is known). */
export function parseAccidentSubmission(values: ViewStateValues): ModalParse<AccidentForm> {
  const errors: FieldErrors = {};
  const chosen = (f: { block: string; action: string }) => {
    const v = element(values, f)?.selected_option?.value;
    if (!v) errors[f.block] = REQUIRED;
    return v ?? "";
  };
  const occurredOn = element(values, F.occurredOn)?.selected_date ?? "";
  if (!occurredOn) errors[F.occurredOn.block] = REQUIRED;
  const departmentId = chosen(F.unit);
  const countyId = chosen(F.county);
  const category = chosen(F.category);
  const level = chosen(F.level);
  const deaths = readWholeNumber(values, F.deaths, 0, 10_000);
  if ("error" in deaths) errors[F.deaths.block] = deaths.error;
  const injuries = readWholeNumber(values, F.injuries, 0, 10_000);
  if ("error" in injuries) errors[F.injuries.block] = injuries.error;
  const description = readText(values, F.description);
  if (!description) errors[F.description.block] = REQUIRED;
  const unitResponsible = (element(values, F.responsible)?.selected_options ?? []).some((o) => o.value === UNIT_RESPONSIBLE_VALUE);
  if (Object.keys(errors).length || "error" in deaths || "error" in injuries) return { ok: false, errors };
  return {
    ok: true,
    data: { occurredOn, departmentId, countyId, category, level, deaths: deaths.value, injuries: injuries.value, description: description ?? "", unitResponsible },
  };
}
