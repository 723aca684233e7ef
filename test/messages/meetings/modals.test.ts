import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/errors.ts";
import type { DirectoryDepartment } from "../../../src/domain/meetings/definition/department-selection.ts";
import { buildCreateMeetingModal, parseCreateMeetingSubmission } from "../../../src/messages/meetings/create-modal.ts";
import { CREATE_FIELDS, HEAD_MUST_ATTEND_VALUE, SIGN_IN_FIELDS } from "../../../src/messages/meetings/ids.ts";
import { encodeSignInMetadata, parseButtonValue, parseSignInMetadata } from "../../../src/messages/meetings/refs.ts";
import { buildSignInModal, parseSignInSubmission } from "../../../src/messages/meetings/sign-in-modal.ts";
import { education, meeting } from "../../domain/meetings/factories.ts";

const radio = (value: string | null) => ({
  [SIGN_IN_FIELDS.role.block]: { [SIGN_IN_FIELDS.role.action]: { type: "radio_buttons", selected_option: value ? { value } : null } },
});
const title = (value: string | null) => ({
  [SIGN_IN_FIELDS.title.block]: { [SIGN_IN_FIELDS.title.action]: { type: "plain_text_input", value } },
});

describe("sign-in modal", () => {
  it("starts on 'principal head' for the registered head and pre-fills a deputy's title from Slack", () => {
    const head = buildSignInModal({
      meeting: meeting(),
      department: education,
      signer: { name: "赵刚", title: null },
      isRegisteredHead: true,
      privateMetadata: "{}",
      lang: "zh",
    });
    const roleBlock = head.blocks.find((b) => b.block_id === SIGN_IN_FIELDS.role.block) as any;
    expect(roleBlock.element.initial_option.value).toBe("head");
    const deputy = buildSignInModal({
      meeting: meeting(),
      department: education,
      signer: { name: "钱伟", title: "副局长" },
      isRegisteredHead: false,
      privateMetadata: "{}",
      lang: "zh",
    });
    expect((deputy.blocks.find((b) => b.block_id === SIGN_IN_FIELDS.role.block) as any).element.initial_option.value).toBe("deputy");
    expect((deputy.blocks.find((b) => b.block_id === SIGN_IN_FIELDS.title.block) as any).element.initial_value).toBe("副局长");
  });

  it("reads a head claim, a deputy claim with title, and refuses a deputy claim without one", () => {
    expect(parseSignInSubmission({ ...radio("head"), ...title(null) })).toEqual({ ok: true, data: { role: "head" } });
    expect(parseSignInSubmission({ ...radio("deputy"), ...title("  副局长 ") })).toEqual({
      ok: true,
      data: { role: "deputy", title: "副局长" },
    });
    const missing = parseSignInSubmission({ ...radio("deputy"), ...title("") });
    expect(missing).toEqual({
      ok: false,
      errors: { [SIGN_IN_FIELDS.title.block]: expect.objectContaining({ zh: "代主要负责人参会，请填写您的职务。" }) },
    });
    expect(parseSignInSubmission({ ...radio(null), ...title(null) }).ok).toBe(false);
  });

  it("refuses forged button values and metadata", () => {
    expect(() => parseButtonValue('{"m":"x","d":"../etc"}')).toThrow(AppError);
    expect(() => parseButtonValue("not json")).toThrow(AppError);
    const meta = encodeSignInMetadata({
      meetingId: "m-1",
      departmentId: "civil-affairs",
      channelId: "CCIVIL",
      messageTs: "1700000000.000100",
      lang: "en",
    });
    expect(parseSignInMetadata(meta)).toEqual({
      meetingId: "m-1",
      departmentId: "civil-affairs",
      channelId: "CCIVIL",
      messageTs: "1700000000.000100",
      lang: "en",
    });
    expect(() => parseSignInMetadata('{"m":"m-1","d":"x","l":"fr"}')).toThrow(AppError);
  });
});

describe("create-meeting modal", () => {
  const directory: DirectoryDepartment[] = [
    {
      id: "weihui",
      nameZh: "卫辉市",
      nameEn: "Weihui",
      kind: "county_district",
      slackChannelId: "CWEIHUI",
      headSlackUserId: null,
      headName: null,
      headTitle: null,
    },
    {
      id: "education",
      nameZh: "教育部门",
      nameEn: "Education",
      kind: "department",
      slackChannelId: null,
      headSlackUserId: null,
      headName: null,
      headTitle: null,
    },
  ];

  it("groups departments by kind and marks those without a channel", () => {
    const view = buildCreateMeetingModal({ directory, privateMetadata: "{}", lang: "zh", today: "2026-05-25" });
    const select = (view.blocks.find((b) => b.block_id === CREATE_FIELDS.departments.block) as any).element;
    expect(select.option_groups.map((g: any) => [g.label.text, g.options.map((o: any) => o.text.text)])).toEqual([
      ["县（市）、区", ["卫辉市"]],
      ["市直部门", ["教育部门（未登记频道）"]],
    ]);
    const head = (view.blocks.find((b) => b.block_id === CREATE_FIELDS.headMustAttend.block) as any).element;
    expect(head.initial_options.map((o: any) => o.value)).toEqual([HEAD_MUST_ATTEND_VALUE]);
  });

  const values = (over: Record<string, unknown> = {}) => ({
    [CREATE_FIELDS.title.block]: { [CREATE_FIELDS.title.action]: { type: "plain_text_input", value: "全市安全生产会议" } },
    [CREATE_FIELDS.date.block]: { [CREATE_FIELDS.date.action]: { type: "datepicker", selected_date: "2026-05-29" } },
    [CREATE_FIELDS.time.block]: { [CREATE_FIELDS.time.action]: { type: "timepicker", selected_time: "15:00" } },
    [CREATE_FIELDS.opensBefore.block]: { [CREATE_FIELDS.opensBefore.action]: { type: "number_input", value: "60" } },
    [CREATE_FIELDS.closesAfter.block]: { [CREATE_FIELDS.closesAfter.action]: { type: "number_input", value: "30" } },
    [CREATE_FIELDS.groups.block]: { [CREATE_FIELDS.groups.action]: { type: "checkboxes", selected_options: [{ value: "all-counties" }] } },
    [CREATE_FIELDS.departments.block]: {
      [CREATE_FIELDS.departments.action]: { type: "multi_static_select", selected_options: [{ value: "education" }] },
    },
    [CREATE_FIELDS.headMustAttend.block]: { [CREATE_FIELDS.headMustAttend.action]: { type: "checkboxes", selected_options: [] } },
    [CREATE_FIELDS.briefingDays.block]: { [CREATE_FIELDS.briefingDays.action]: { type: "number_input", value: "3" } },
    ...over,
  });

  it("reads a complete form", () => {
    expect(parseCreateMeetingSubmission(values())).toEqual({
      ok: true,
      data: {
        title: "全市安全生产会议",
        day: "2026-05-29",
        time: "15:00",
        opensMinutesBefore: 60,
        closesMinutesAfter: 30,
        departments: { groups: ["all-counties"], ids: ["education"], except: [] },
        headMustAttend: false,
        briefingDueWorkingDays: 3,
      },
    });
  });

  it("puts each problem under its field", () => {
    const r = parseCreateMeetingSubmission(
      values({
        [CREATE_FIELDS.title.block]: { [CREATE_FIELDS.title.action]: { type: "plain_text_input", value: " " } },
        [CREATE_FIELDS.closesAfter.block]: { [CREATE_FIELDS.closesAfter.action]: { type: "number_input", value: "2.5" } },
        [CREATE_FIELDS.groups.block]: { [CREATE_FIELDS.groups.action]: { type: "checkboxes", selected_options: [] } },
        [CREATE_FIELDS.departments.block]: { [CREATE_FIELDS.departments.action]: { type: "multi_static_select", selected_options: [] } },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      [CREATE_FIELDS.closesAfter.block, CREATE_FIELDS.departments.block, CREATE_FIELDS.title.block].sort(),
    );
    expect(r.errors[CREATE_FIELDS.departments.block]!.zh).toBe("请至少选择一个应参会单位或分组。");
  });
});
