import type { InputBlock, ModalView, PlainTextOption } from "@slack/types";
import type { Lang } from "../../lib/i18n.ts";
import {
  element,
  readStateValues,
  readText,
  REQUIRED,
  type FieldErrors,
  type FieldRef,
  type ModalParse,
  type ViewStateValues,
} from "../modal-state.ts";
import { clip, context, escapeMrkdwn, plain, section } from "../mrkdwn.ts";
import {
  HAZARD_RECTIFY_CALLBACK,
  HAZARD_REPORT_CALLBACK,
  HAZARD_RETURN_CALLBACK,
  FOUND_BY_SELF,
  foundByGroupValue,
  NO_VENUE_TYPE,
  RECTIFY_FIELDS,
  REPORT_FIELDS,
  RETURN_FIELDS,
} from "./ids.ts";

export interface ReportModalInput {
  units: { id: string; nameZh: string; nameEn: string }[];
  venueTypes: { id: string; nameZh: string; nameEn: string; leadsZh: string; leadsEn: string }[];
  /** The unit to start on (the reporter's own). */
  initialUnitId: string | null;
  /** The supervision groups the reporter is a member of, each with the counties it inspects: they may register as the group. */
  groups?: { id: string; nameZh: string; nameEn: string; counties: { id: string; nameZh: string; nameEn: string }[] }[];
  /** Prefilled description (the message shortcut). */
  initialDescription?: string;
  /** The message the shortcut 登记为隐患 was used on: a link to it and its files, which become before-evidence. */
  fromMessage?: { permalink: string | null; fileNames: (string | null)[] };
  today: string;
  privateMetadata: string;
  lang: Lang;
}

const IMAGE_TYPES = ["jpg", "jpeg", "png", "heic", "gif", "webp", "pdf"];

const opt = (text: string, value: string): PlainTextOption => ({ text: plain(text.slice(0, 75)), value });

export function textInput(
  field: FieldRef,
  label: string,
  options: { optional?: boolean; multiline?: boolean; max?: number; hint?: string; initial?: string } = {},
): InputBlock {
  return {
    type: "input",
    block_id: field.block,
    optional: options.optional ?? false,
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: field.action,
      multiline: options.multiline ?? false,
      max_length: options.max ?? 200,
      ...(options.initial ? { initial_value: options.initial.slice(0, options.max ?? 200) } : {}),
    },
  };
}

export function photos(field: FieldRef, label: string, optional: boolean): InputBlock {
  return {
    type: "input",
    block_id: field.block,
    optional,
    label: plain(label),
    element: { type: "file_input", action_id: field.action, filetypes: IMAGE_TYPES, max_files: 10 },
  };
}

function fromMessageLine(m: NonNullable<ReportModalInput["fromMessage"]>, zh: boolean): string {
  const link =
    m.permalink && /^https:\/\//.test(m.permalink) ? `<${m.permalink}|${zh ? "原消息" : "the message"}>` : zh ? "原消息" : "the message";
  const names = m.fileNames.map((n) => escapeMrkdwn(clip(n ?? (zh ? "文件" : "file"), 60)));
  if (!names.length)
    return zh ? `📎 从${link}登记，描述已按消息填写。` : `📎 Registered from ${link}; the description is the message's text.`;
  return zh
    ? `📎 从${link}登记，描述已按消息填写；消息中的 ${names.length} 个文件将作为整改前证据：${names.join("、")}`
    : `📎 Registered from ${link}; the description is the message's text, and its ${names.length} file(s) become before-evidence: ${names.join(", ")}`;
}

/** 发现方式 for a group member: their unit's own inspection, or one option per (group, county it inspects). */
function foundByBlock(input: ReportModalInput, zh: boolean): InputBlock | null {
  const groups = input.groups ?? [];
  if (!groups.length) return null;
  const self = opt(zh ? "本单位自查" : "My unit's own inspection", FOUND_BY_SELF);
  const options = [
    self,
    ...groups.flatMap((g) =>
      g.counties.map((c) =>
        opt(zh ? `${g.nameZh}督导 → ${c.nameZh}` : `${g.nameEn} inspecting ${c.nameEn}`, foundByGroupValue(g.id, c.id)),
      ),
    ),
  ].slice(0, 100);
  return {
    type: "input",
    block_id: REPORT_FIELDS.foundBy.block,
    label: plain(zh ? "发现方式" : "Found by"),
    hint: plain(
      zh
        ? "督导组检查发现的，选择督导组和被督导的县（市、区）。"
        : "For a supervision group's finding, pick the group and the county inspected.",
    ),
    element: { type: "static_select", action_id: REPORT_FIELDS.foundBy.action, options, initial_option: self },
  };
}

/** The registration form (登记隐患): every field of the record, the 五落实 optional until the hazard is listed. */
export function buildReportModal(input: ReportModalInput): ModalView {
  const zh = input.lang === "zh";
  const units = input.units.map((u) => opt(zh ? u.nameZh : u.nameEn, u.id));
  const initialUnit = units.find((u) => u.value === input.initialUnitId);
  const venues = [
    ...input.venueTypes.map((v) => opt(zh ? `${v.nameZh} → ${v.leadsZh}` : `${v.nameEn} → ${v.leadsEn}`, v.id)),
    opt(zh ? "其他（矩阵未列明，本单位和安委办负责）" : "Other (not in the matrix: the unit and the office)", NO_VENUE_TYPE),
  ].slice(0, 100);
  const foundBy = foundByBlock(input, zh);
  const level = (v: "general" | "major") => opt(v === "general" ? (zh ? "一般隐患" : "General") : zh ? "重大隐患" : "Major", v);
  return {
    type: "modal",
    callback_id: HAZARD_REPORT_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "登记隐患" : "Report a hazard"),
    submit: plain(zh ? "登记" : "Register"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? "登记后隐患卡片发到隐患单位的频道，按责任矩阵交牵头部门验收。重大隐患挂牌督办前须补齐“五落实”（责任、措施、资金、时限、预案）。"
          : "The hazard card goes to the owning unit's channel and the matrix's lead department accepts the rectification. A major hazard needs the five implementations (responsibility, measures, funding, deadline, plan) before it can be listed.",
      ),
      ...(input.fromMessage ? [context(fromMessageLine(input.fromMessage, zh))] : []),
      ...(foundBy ? [foundBy] : []),
      {
        type: "input",
        block_id: REPORT_FIELDS.unit.block,
        // For a group's finding the unit is the county picked above, so the field may stay empty.
        optional: foundBy !== null,
        ...(foundBy
          ? {
              hint: plain(
                zh
                  ? "督导组发现的隐患记入所选县（市、区），此处可不选。"
                  : "A group's finding goes to the county picked above; leave this empty.",
              ),
            }
          : {}),
        label: plain(zh ? "隐患单位" : "Owning unit"),
        element: {
          type: "static_select",
          action_id: REPORT_FIELDS.unit.action,
          options: units.slice(0, 100),
          ...(initialUnit ? { initial_option: initialUnit } : {}),
        },
      },
      {
        type: "input",
        block_id: REPORT_FIELDS.venueType.block,
        label: plain(zh ? "场所类型（牵头部门）" : "Venue type (lead department)"),
        element: { type: "static_select", action_id: REPORT_FIELDS.venueType.action, options: venues },
      },
      textInput(REPORT_FIELDS.placeName, zh ? "隐患地点（名称）" : "Place (name)", {
        hint: zh ? "如：红旗区实验中学图书馆" : "e.g. Hongqi No. 1 School library",
      }),
      textInput(REPORT_FIELDS.placeAddress, zh ? "地址" : "Address", { optional: true, max: 300 }),
      textInput(REPORT_FIELDS.description, zh ? "隐患描述" : "Description", {
        multiline: true,
        max: 3000,
        initial: input.initialDescription,
      }),
      {
        type: "input",
        block_id: REPORT_FIELDS.level.block,
        label: plain(zh ? "隐患等级" : "Level"),
        element: {
          type: "radio_buttons",
          action_id: REPORT_FIELDS.level.action,
          options: [level("general"), level("major")],
          initial_option: level("general"),
        },
      },
      {
        type: "input",
        block_id: REPORT_FIELDS.deadline.block,
        label: plain(zh ? "整改期限" : "Rectification deadline"),
        element: { type: "datepicker", action_id: REPORT_FIELDS.deadline.action, initial_date: input.today },
      },
      {
        type: "input",
        block_id: REPORT_FIELDS.responsible.block,
        label: plain(zh ? "整改责任人" : "Person responsible"),
        element: { type: "users_select", action_id: REPORT_FIELDS.responsible.action },
      },
      textInput(REPORT_FIELDS.measures, zh ? "整改措施" : "Measures", { optional: true, multiline: true, max: 3000 }),
      textInput(REPORT_FIELDS.responsibility, zh ? "责任落实（重大隐患）" : "Responsibility (major hazards)", {
        optional: true,
        max: 1000,
      }),
      textInput(REPORT_FIELDS.funding, zh ? "资金落实（重大隐患）" : "Funding (major hazards)", { optional: true, max: 500 }),
      textInput(REPORT_FIELDS.contingencyPlan, zh ? "应急预案（重大隐患）" : "Contingency plan (major hazards)", {
        optional: true,
        multiline: true,
        max: 3000,
      }),
      photos(REPORT_FIELDS.photos, zh ? "隐患照片（整改前）" : "Photos (before)", true),
    ],
  };
}

export interface ReportForm {
  unitId: string;
  /** Registered as a supervision group's finding: the group; unitId is then the county it inspected. */
  groupId: string | null;
  venueTypeId: string | null;
  placeName: string;
  placeAddress: string | null;
  description: string;
  level: "general" | "major";
  deadlineDay: string;
  responsibleSlackUserId: string;
  measures: string | null;
  responsibility: string | null;
  funding: string | null;
  contingencyPlan: string | null;
  files: { slackFileId: string; name: string | null; mimetype: string | null; permalink: string | null }[];
}

export function readFiles(values: ViewStateValues, field: FieldRef): ReportForm["files"] {
  return (element(values, field)?.files ?? []).map((f) => ({
    slackFileId: f.id,
    name: f.name ?? null,
    mimetype: f.mimetype ?? null,
    permalink: f.permalink ?? null,
  }));
}

/** The registration form read field by field; a missing field is shown under it. */
export function parseReportSubmission(raw: unknown): ModalParse<ReportForm> {
  const values = readStateValues(raw);
  const errors: FieldErrors = {};
  const need = <T>(field: FieldRef, v: T | null | undefined): T | null => {
    if (v === null || v === undefined || v === "") errors[field.block] = REQUIRED;
    return v ?? null;
  };
  const foundBy = /^group:([^:]+):([^:]+)$/.exec(element(values, REPORT_FIELDS.foundBy)?.selected_option?.value ?? "");
  const picked = element(values, REPORT_FIELDS.unit)?.selected_option?.value;
  if (foundBy && picked && picked !== foundBy[2])
    errors[REPORT_FIELDS.unit.block] = {
      zh: "督导组发现的隐患记入所选的被督导县（市、区）；请不选隐患单位，或选同一县（市、区）。",
      en: "A group's finding goes to the county picked under Found by; leave the unit empty or pick the same county.",
    };
  const unitId = foundBy ? foundBy[2]! : need(REPORT_FIELDS.unit, picked);
  const venue = need(REPORT_FIELDS.venueType, element(values, REPORT_FIELDS.venueType)?.selected_option?.value);
  const placeName = need(REPORT_FIELDS.placeName, readText(values, REPORT_FIELDS.placeName, { singleLine: true }));
  const description = need(REPORT_FIELDS.description, readText(values, REPORT_FIELDS.description));
  const levelRaw = need(REPORT_FIELDS.level, element(values, REPORT_FIELDS.level)?.selected_option?.value);
  const deadlineDay = need(REPORT_FIELDS.deadline, element(values, REPORT_FIELDS.deadline)?.selected_date);
  const responsible = need(REPORT_FIELDS.responsible, element(values, REPORT_FIELDS.responsible)?.selected_user);
  if (levelRaw !== null && levelRaw !== "general" && levelRaw !== "major") errors[REPORT_FIELDS.level.block] = REQUIRED;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      unitId: unitId!,
      groupId: foundBy?.[1] ?? null,
      venueTypeId: venue === NO_VENUE_TYPE ? null : venue!,
      placeName: placeName!,
      placeAddress: readText(values, REPORT_FIELDS.placeAddress, { singleLine: true }),
      description: description!,
      level: levelRaw as "general" | "major",
      deadlineDay: deadlineDay!,
      responsibleSlackUserId: responsible!,
      measures: readText(values, REPORT_FIELDS.measures),
      responsibility: readText(values, REPORT_FIELDS.responsibility),
      funding: readText(values, REPORT_FIELDS.funding),
      contingencyPlan: readText(values, REPORT_FIELDS.contingencyPlan),
      files: readFiles(values, REPORT_FIELDS.photos),
    },
  };
}

/** 提交整改: what was done and the after-photos (both required). */
export function buildRectifyModal(input: { number: string; privateMetadata: string; lang: Lang }): ModalView {
  const zh = input.lang === "zh";
  return {
    type: "modal",
    callback_id: HAZARD_RECTIFY_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "提交整改" : "Submit rectification"),
    submit: plain(zh ? "提交验收" : "Submit"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? `隐患 *${input.number}*：写明整改情况并附整改后照片，提交后由牵头部门或安委办验收。`
          : `Hazard *${input.number}*: say what was done and attach after-photos; the lead department or the office accepts it.`,
      ),
      textInput(RECTIFY_FIELDS.note, zh ? "整改情况" : "What was done", { multiline: true, max: 3000 }),
      photos(RECTIFY_FIELDS.photos, zh ? "整改后照片" : "After-photos", false),
    ],
  };
}

export function parseRectifySubmission(raw: unknown): ModalParse<{ note: string; files: ReportForm["files"] }> {
  const values = readStateValues(raw);
  const note = readText(values, RECTIFY_FIELDS.note);
  const files = readFiles(values, RECTIFY_FIELDS.photos);
  const errors: FieldErrors = {};
  if (!note) errors[RECTIFY_FIELDS.note.block] = REQUIRED;
  if (!files.length)
    errors[RECTIFY_FIELDS.photos.block] = { zh: "请上传整改后照片作为证据。", en: "Please attach after-photos as evidence." };
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { note: note!, files } };
}

/** 退回: the reason is required. */
export function buildReturnModal(input: { number: string; privateMetadata: string; lang: Lang }): ModalView {
  const zh = input.lang === "zh";
  return {
    type: "modal",
    callback_id: HAZARD_RETURN_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "退回整改" : "Return"),
    submit: plain(zh ? "退回" : "Return"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? `隐患 *${input.number}* 验收不通过，退回继续整改（继续挂账）。`
          : `Hazard *${input.number}* fails acceptance and goes back for rectification (stays on the books).`,
      ),
      textInput(RETURN_FIELDS.reason, zh ? "退回原因" : "Reason", { multiline: true, max: 2000 }),
    ],
  };
}

export function parseReturnSubmission(raw: unknown): ModalParse<{ reason: string }> {
  const values = readStateValues(raw);
  const reason = readText(values, RETURN_FIELDS.reason);
  if (!reason) return { ok: false, errors: { [RETURN_FIELDS.reason.block]: REQUIRED } };
  return { ok: true, data: { reason } };
}
