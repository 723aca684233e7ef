import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { splitAliases } from "../../domain/matrix/matrix-edits.ts";
import type { Lang } from "../../lib/i18n.ts";
import { clip, plain } from "../mrkdwn.ts";
import { element, readText, REQUIRED, type FieldErrors, type ModalParse, type ViewStateValues } from "../modal-state.ts";
import { readPayloadJson } from "../payload-json.ts";
import { MATRIX_CALLBACKS, MATRIX_FIELDS as F } from "./ids.ts";

export interface LeadOption {
  id: string;
  nameZh: string;
  nameEn: string;
}

/** What a form carries for its submission: the language, where to confirm, and for an edit the row as shown. */
const ZMeta = z.object({
  lang: z.enum(["zh", "en"]),
  channelId: z.string().max(40).optional(),
  venueTypeId: z.string().max(63).optional(),
  /** The leads as the form showed them, by entry id: the change is refused if one moved meanwhile. */
  seen: z.record(z.string(), z.unknown()).optional(),
});
export type MatrixFormMeta = z.infer<typeof ZMeta>;
export const encodeMatrixMeta = (m: MatrixFormMeta) => JSON.stringify(m);
export const parseMatrixMeta = (raw: unknown): MatrixFormMeta | null => readPayloadJson(raw, ZMeta);

/** The value of the "which lead" option for a venue type with no lead yet. */
export const NO_LEAD_YET = "none";

const text = (
  f: { block: string; action: string },
  label: string,
  o: { optional?: boolean; multiline?: boolean; max?: number; initial?: string | null; hint?: string } = {},
) => ({
  type: "input" as const,
  block_id: f.block,
  optional: o.optional ?? false,
  label: plain(label),
  ...(o.hint ? { hint: plain(o.hint) } : {}),
  element: {
    type: "plain_text_input" as const,
    action_id: f.action,
    multiline: o.multiline ?? false,
    max_length: o.max ?? 200,
    ...(o.initial ? { initial_value: o.initial } : {}),
  },
});

function leadBlocks(
  lang: Lang,
  departments: readonly LeadOption[],
  initial?: { departmentId?: string; scopeZh?: string | null; scopeEn?: string | null },
) {
  const zh = lang === "zh";
  const options: PlainTextOption[] = departments
    .slice(0, 100)
    .map((d) => ({ text: plain(clip(zh ? d.nameZh : d.nameEn, 75)), value: d.id }));
  const chosen = options.find((o) => o.value === initial?.departmentId);
  return [
    {
      type: "input" as const,
      block_id: F.department.block,
      label: plain(zh ? "牵头部门" : "Lead department"),
      element: {
        type: "static_select" as const,
        action_id: F.department.action,
        placeholder: plain(zh ? "请选择名录中的部门" : "Choose a department from the directory"),
        options,
        ...(chosen ? { initial_option: chosen } : {}),
      },
    },
    text(F.scopeZh, zh ? "范围（中文，可选）" : "Scope in Chinese (optional)", {
      optional: true,
      initial: initial?.scopeZh,
      hint: zh ? "一类场所分属不同部门时填写，例如“中小学校”" : "Only when the place is split between leads, e.g. 中小学校",
    }),
    text(F.scopeEn, zh ? "范围（英文，可选）" : "Scope in English (optional)", { optional: true, initial: initial?.scopeEn }),
    text(F.document, zh ? "依据文件" : "Source document", {
      optional: true,
      hint: zh
        ? "文号或文件名，例如“新安委〔2026〕12号”；与条款至少填一项"
        : "Its number or title, e.g. 新安委〔2026〕12号; give this, the clause, or both",
    }),
    text(F.clause, zh ? "依据条款（原文）" : "Source clause (quoted)", { optional: true, multiline: true, max: 1500 }),
  ];
}

function modal(
  callback: string,
  lang: Lang,
  title: { zh: string; en: string },
  meta: MatrixFormMeta,
  blocks: ModalView["blocks"],
): ModalView {
  const zh = lang === "zh";
  return {
    type: "modal",
    callback_id: callback,
    private_metadata: encodeMatrixMeta(meta),
    title: plain(title[lang]),
    submit: plain(zh ? "保存" : "Save"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks,
  };
}

/** 添加场所类型: names, category, aliases, and its lead with the office's source. */
export function buildAddVenueTypeModal(input: { lang: Lang; departments: readonly LeadOption[]; meta: MatrixFormMeta }): ModalView {
  const zh = input.lang === "zh";
  return modal(MATRIX_CALLBACKS.addVenueType, input.lang, { zh: "添加场所类型", en: "Add a venue type" }, input.meta, [
    text(F.nameZh, zh ? "名称（中文）" : "Name in Chinese", { max: 60 }),
    text(F.nameEn, zh ? "名称（英文）" : "Name in English", { max: 80 }),
    text(F.category, zh ? "类别" : "Category", { max: 60, hint: zh ? "例如“社会福利”“文化娱乐场所”" : "e.g. 社会福利, 文化娱乐场所" }),
    text(F.aliases, zh ? "别名（可选）" : "Aliases (optional)", {
      optional: true,
      multiline: true,
      max: 1500,
      hint: zh ? "每行一个，或用“、”“，”分隔" : "One per line, or separated by commas",
    }),
    ...leadBlocks(input.lang, input.departments),
  ]);
}

/** 添加别名 for one venue type. */
export function buildAddAliasesModal(input: {
  lang: Lang;
  venueType: LeadOption & { aliases: string[] };
  meta: MatrixFormMeta;
}): ModalView {
  const zh = input.lang === "zh";
  const v = input.venueType;
  const now = v.aliases.length ? v.aliases.join("、") : zh ? "（无）" : "(none)";
  return modal(MATRIX_CALLBACKS.addAliases, input.lang, { zh: "添加别名", en: "Add aliases" }, input.meta, [
    {
      type: "section",
      text: { type: "plain_text", text: clip(`${zh ? v.nameZh : v.nameEn} — ${zh ? "现有别名：" : "aliases now: "}${now}`, 3000) },
    },
    text(F.aliases, zh ? "新别名" : "New aliases", {
      multiline: true,
      max: 1500,
      hint: zh ? "每行一个，或用“、”“，”分隔" : "One per line, or separated by commas",
    }),
  ]);
}

export interface CurrentLead {
  entryId: number;
  departmentId: string;
  departmentNameZh: string;
  departmentNameEn: string;
  scopeZh: string | null;
  scopeEn: string | null;
}

/** 修改牵头部门: which lead (when the place has several), the new department, its scope and the office's source. */
export function buildChangeLeadModal(input: {
  lang: Lang;
  venueType: LeadOption;
  leads: readonly CurrentLead[];
  departments: readonly LeadOption[];
  meta: MatrixFormMeta;
}): ModalView {
  const zh = input.lang === "zh";
  const leadName = (l: CurrentLead) =>
    `${zh ? l.departmentNameZh : l.departmentNameEn}${(zh ? l.scopeZh : l.scopeEn) ? `（${zh ? l.scopeZh : l.scopeEn}）` : ""}`;
  const entryOptions: PlainTextOption[] = input.leads.length
    ? input.leads.map((l) => ({ text: plain(clip(leadName(l), 75)), value: String(l.entryId) }))
    : [{ text: plain(zh ? "（尚未分配牵头部门）" : "(no lead yet)"), value: NO_LEAD_YET }];
  const single = input.leads.length === 1 ? input.leads[0] : undefined;
  return modal(MATRIX_CALLBACKS.changeLead, input.lang, { zh: "修改牵头部门", en: "Change a lead" }, input.meta, [
    { type: "section", text: { type: "plain_text", text: clip(zh ? input.venueType.nameZh : input.venueType.nameEn, 3000) } },
    {
      type: "input",
      block_id: F.entry.block,
      label: plain(zh ? "要修改的牵头条目" : "Lead to change"),
      element: { type: "static_select", action_id: F.entry.action, options: entryOptions, initial_option: entryOptions[0]! },
    },
    ...leadBlocks(input.lang, input.departments, single ?? {}),
  ]);
}

export interface LeadForm {
  departmentId: string;
  scopeZh: string | null;
  scopeEn: string | null;
  document: string | null;
  clause: string | null;
}

function readLead(values: ViewStateValues, errors: FieldErrors): LeadForm {
  const departmentId = element(values, F.department)?.selected_option?.value ?? "";
  if (!departmentId) errors[F.department.block] = REQUIRED;
  const lead = {
    departmentId,
    scopeZh: readText(values, F.scopeZh, { singleLine: true }),
    scopeEn: readText(values, F.scopeEn, { singleLine: true }),
    document: readText(values, F.document, { singleLine: true }),
    clause: readText(values, F.clause),
  };
  if (!lead.document && !lead.clause)
    errors[F.clause.block] = { zh: "请填写依据文件或依据条款（至少一项）。", en: "Give the source document or the clause (at least one)." };
  if (!lead.scopeZh !== !lead.scopeEn)
    errors[lead.scopeZh ? F.scopeEn.block : F.scopeZh.block] = {
      zh: "范围需同时填写中文和英文。",
      en: "A scope needs both Chinese and English.",
    };
  return lead;
}

export function parseAddVenueType(
  values: ViewStateValues,
): ModalParse<{ nameZh: string; nameEn: string; category: string; aliases: string[]; lead: LeadForm }> {
  const errors: FieldErrors = {};
  const req = (f: { block: string; action: string }) => {
    const v = readText(values, f, { singleLine: true });
    if (!v) errors[f.block] = REQUIRED;
    return v ?? "";
  };
  const data = {
    nameZh: req(F.nameZh),
    nameEn: req(F.nameEn),
    category: req(F.category),
    aliases: splitAliases(readText(values, F.aliases)),
    lead: readLead(values, errors),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

export function parseAddAliases(values: ViewStateValues): ModalParse<{ aliases: string[] }> {
  const aliases = splitAliases(readText(values, F.aliases));
  return aliases.length ? { ok: true, data: { aliases } } : { ok: false, errors: { [F.aliases.block]: REQUIRED } };
}

export function parseChangeLead(values: ViewStateValues): ModalParse<{ entryId: number | null; lead: LeadForm }> {
  const errors: FieldErrors = {};
  const raw = element(values, F.entry)?.selected_option?.value ?? "";
  if (!raw || (raw !== NO_LEAD_YET && !/^\d{1,9}$/.test(raw))) errors[F.entry.block] = REQUIRED;
  const lead = readLead(values, errors);
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, data: { entryId: raw === NO_LEAD_YET ? null : Number(raw), lead } };
}
