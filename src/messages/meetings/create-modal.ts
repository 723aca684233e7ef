import type { ModalView, Option, PlainTextOption } from "@slack/types";
import type { DepartmentKind } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import {
  DEPARTMENT_GROUPS,
  GROUP_LABELS,
  type DepartmentGroup,
  type DepartmentSelection,
  type DirectoryDepartment,
} from "../../domain/meetings/definition/department-selection.ts";
import {
  DEFAULT_BRIEFING_WORKING_DAYS,
  DEFAULT_CLOSES_MINUTES_AFTER,
  DEFAULT_OPENS_MINUTES_BEFORE,
} from "../../domain/meetings/definition/meeting-file-schema.ts";
import type { MeetingField } from "../../domain/meetings/plan-meeting.ts";
import { CREATE_FIELDS, CREATE_MODAL_CALLBACK, EDIT_MODAL_CALLBACK, HEAD_MUST_ATTEND_VALUE } from "./ids.ts";
import { clip, plain } from "../mrkdwn.ts";
import { element, readStateValues, readText, readWholeNumber, REQUIRED, type FieldErrors, type ModalParse } from "../modal-state.ts";

const KIND_GROUPS: { kind: DepartmentKind; label: { zh: string; en: string } }[] = [
  { kind: "county_district", label: { zh: "县（市）、区", en: "Counties, cities, districts" } },
  { kind: "department", label: { zh: "市直部门", en: "Departments" } },
  { kind: "university", label: { zh: "高校", en: "Universities" } },
];

/** The groups the modal offers ("all" is the three together, so it is left out to keep the choice plain). */
const MODAL_GROUPS: DepartmentGroup[] = DEPARTMENT_GROUPS.filter((g) => g !== "all");

/**
 * The create-meeting form: title, date and start time (the office's local time), the sign-in window around the
 * start, required departments by group and/or one by one, whether the head must attend in person, and the briefing
 * deadline. Departments without a Slack channel are listed but marked, since the meeting cannot be called for them.
 */
export function buildCreateMeetingModal(input: {
  directory: readonly DirectoryDepartment[];
  privateMetadata: string;
  lang: Lang;
  today: string;
  /** The edit form: the same fields, filled with the meeting as it stands. */
  edit?: MeetingFormValues;
}): ModalView {
  const { lang, edit } = input;
  const zh = lang === "zh";
  const option = (d: DirectoryDepartment): PlainTextOption => ({
    text: plain(clip(`${zh ? d.nameZh : d.nameEn}${d.slackChannelId ? "" : zh ? "（未登记频道）" : " (no channel)"}`, 75)),
    value: d.id,
  });
  const optionGroups = KIND_GROUPS.map((g) => ({
    label: plain(g.label[lang]),
    options: input.directory
      .filter((d) => d.kind === g.kind)
      .slice(0, 100)
      .map(option),
  })).filter((g) => g.options.length > 0);
  const groupOption = (g: DepartmentGroup): Option => ({ text: plain(GROUP_LABELS[g][lang]), value: g });
  const headOption: Option = {
    text: plain(
      zh ? "须主要负责人本人参会（未本人参会的须确认传达）" : "The principal head must attend in person (others confirm a briefing)",
    ),
    value: HEAD_MUST_ATTEND_VALUE,
  };
  const chosen = new Set(edit?.departmentIds ?? []);
  const initialDepartments = optionGroups.flatMap((g) => g.options).filter((o) => chosen.has(o.value!));
  const number = (action: string, initial: number, min: number, max: number) => ({
    type: "number_input" as const,
    action_id: action,
    is_decimal_allowed: false,
    initial_value: String(initial),
    min_value: String(min),
    max_value: String(max),
  });

  return {
    type: "modal",
    callback_id: edit ? EDIT_MODAL_CALLBACK : CREATE_MODAL_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(edit ? (zh ? "修改会议" : "Change the meeting") : zh ? "创建会议" : "Create a meeting"),
    submit: plain(edit ? (zh ? "保存并通知" : "Save and notify") : zh ? "创建" : "Create"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      {
        type: "input",
        block_id: CREATE_FIELDS.title.block,
        label: plain(zh ? "会议名称" : "Title"),
        element: {
          type: "plain_text_input",
          action_id: CREATE_FIELDS.title.action,
          max_length: 120,
          ...(edit ? { initial_value: edit.title } : {}),
          placeholder: plain(zh ? "例如：全市安全生产工作电视电话会议" : "e.g. City work-safety conference"),
        },
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.date.block,
        label: plain(zh ? "会议日期" : "Date"),
        element: { type: "datepicker", action_id: CREATE_FIELDS.date.action, initial_date: edit?.day ?? input.today },
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.time.block,
        label: plain(zh ? "开始时间（北京时间）" : "Start time (Beijing time)"),
        element: { type: "timepicker", action_id: CREATE_FIELDS.time.action, ...(edit ? { initial_time: edit.time } : {}) },
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.opensBefore.block,
        label: plain(zh ? "会前多少分钟开始签到" : "Sign-in opens (minutes before the start)"),
        element: number(CREATE_FIELDS.opensBefore.action, edit?.opensMinutesBefore ?? DEFAULT_OPENS_MINUTES_BEFORE, 0, 1440),
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.closesAfter.block,
        label: plain(zh ? "会议开始后多少分钟截止签到" : "Sign-in closes (minutes after the start)"),
        element: number(CREATE_FIELDS.closesAfter.action, edit?.closesMinutesAfter ?? DEFAULT_CLOSES_MINUTES_AFTER, 0, 720),
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.groups.block,
        optional: true,
        label: plain(zh ? "应参会单位（分组）" : "Required (groups)"),
        element: { type: "checkboxes", action_id: CREATE_FIELDS.groups.action, options: MODAL_GROUPS.map(groupOption) },
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.departments.block,
        optional: true,
        label: plain(zh ? "应参会单位（逐个选择）" : "Required (one by one)"),
        hint: plain(zh ? "可与分组同时使用" : "Adds to the groups above"),
        element: {
          type: "multi_static_select",
          action_id: CREATE_FIELDS.departments.action,
          option_groups: optionGroups,
          ...(initialDepartments.length > 0 ? { initial_options: initialDepartments } : {}),
          placeholder: plain(zh ? "选择单位" : "Choose departments"),
        },
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.headMustAttend.block,
        optional: true,
        label: plain(zh ? "参会要求" : "Attendance"),
        element: {
          type: "checkboxes",
          action_id: CREATE_FIELDS.headMustAttend.action,
          options: [headOption],
          ...(edit && !edit.headMustAttend ? {} : { initial_options: [headOption] }),
        },
      },
      {
        type: "input",
        block_id: CREATE_FIELDS.briefingDays.block,
        label: plain(zh ? "传达确认期限（工作日）" : "Briefing deadline (working days)"),
        element: number(CREATE_FIELDS.briefingDays.action, edit?.briefingDueWorkingDays ?? DEFAULT_BRIEFING_WORKING_DAYS, 1, 20),
      },
    ],
  };
}

/** A meeting's current values, to fill the edit form. */
export interface MeetingFormValues {
  title: string;
  day: string;
  time: string;
  opensMinutesBefore: number;
  closesMinutesAfter: number;
  departmentIds: readonly string[];
  headMustAttend: boolean;
  briefingDueWorkingDays: number;
}

export interface CreateMeetingForm {
  title: string;
  /** YYYY-MM-DD and HH:mm in the office's zone. */
  day: string;
  time: string;
  opensMinutesBefore: number;
  closesMinutesAfter: number;
  departments: DepartmentSelection;
  headMustAttend: boolean;
  briefingDueWorkingDays: number;
}

/** The form as submitted, or the problems under each field. The directory and the clock are checked afterwards (`planMeeting`). */
export function parseCreateMeetingSubmission(rawValues: unknown): ModalParse<CreateMeetingForm> {
  const values = readStateValues(rawValues);
  const errors: FieldErrors = {};
  const title = readText(values, CREATE_FIELDS.title, { singleLine: true });
  if (!title) errors[CREATE_FIELDS.title.block] = REQUIRED;
  const day = element(values, CREATE_FIELDS.date)?.selected_date ?? null;
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) errors[CREATE_FIELDS.date.block] = REQUIRED;
  const time = element(values, CREATE_FIELDS.time)?.selected_time ?? null;
  if (!time || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors[CREATE_FIELDS.time.block] = REQUIRED;
  const opens = readWholeNumber(values, CREATE_FIELDS.opensBefore, 0, 1440);
  if ("error" in opens) errors[CREATE_FIELDS.opensBefore.block] = opens.error;
  const closes = readWholeNumber(values, CREATE_FIELDS.closesAfter, 0, 720);
  if ("error" in closes) errors[CREATE_FIELDS.closesAfter.block] = closes.error;
  const days = readWholeNumber(values, CREATE_FIELDS.briefingDays, 1, 20);
  if ("error" in days) errors[CREATE_FIELDS.briefingDays.block] = days.error;

  const groups = (element(values, CREATE_FIELDS.groups)?.selected_options ?? [])
    .map((o) => o.value)
    .filter((v): v is DepartmentGroup => (DEPARTMENT_GROUPS as readonly string[]).includes(v));
  const ids = (element(values, CREATE_FIELDS.departments)?.selected_options ?? []).map((o) => o.value);
  if (groups.length === 0 && ids.length === 0) {
    errors[CREATE_FIELDS.departments.block] = {
      zh: "请至少选择一个应参会单位或分组。",
      en: "Choose at least one required department or group.",
    };
  }
  const headMustAttend = (element(values, CREATE_FIELDS.headMustAttend)?.selected_options ?? []).some(
    (o) => o.value === HEAD_MUST_ATTEND_VALUE,
  );

  if (Object.keys(errors).length > 0 || !title || !day || !time || "error" in opens || "error" in closes || "error" in days)
    return { ok: false, errors };
  return {
    ok: true,
    data: {
      title,
      day,
      time,
      opensMinutesBefore: opens.value,
      closesMinutesAfter: closes.value,
      departments: { groups, ids, except: [] },
      headMustAttend,
      briefingDueWorkingDays: days.value,
    },
  };
}

/** Where `planMeeting`'s problems show in the form. */
export const FIELD_BLOCKS: Record<MeetingField, string> = {
  title: CREATE_FIELDS.title.block,
  startsAt: CREATE_FIELDS.date.block,
  signIn: CREATE_FIELDS.closesAfter.block,
  departments: CREATE_FIELDS.departments.block,
  briefingDueWorkingDays: CREATE_FIELDS.briefingDays.block,
};
