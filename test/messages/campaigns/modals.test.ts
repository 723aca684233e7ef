import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/errors.ts";
import { buildStateValues, clientSideErrors, type RawValues } from "../../../src/sandbox/view-state.ts";
import { buildEducationModal, parseEducationSubmission } from "../../../src/messages/campaigns/education-modal.ts";
import {
  EDUCATION_FIELDS,
  EDUCATION_MODAL_CALLBACK,
  PLEDGE_CONFIRM_VALUE,
  PLEDGE_FIELDS,
  PLEDGE_MODAL_CALLBACK,
  REPORT_FIELDS,
  REPORT_MODAL_CALLBACK,
} from "../../../src/messages/campaigns/ids.ts";
import { responseErrors } from "../../../src/messages/modal-state.ts";
import { buildPledgeModal, parsePledgeSubmission } from "../../../src/messages/campaigns/pledge-modal.ts";
import { buildReportModal, parseReportSubmission } from "../../../src/messages/campaigns/report-modal.ts";
import { parseCampaignModalMetadata } from "../../../src/messages/campaigns/task-ref.ts";
import { ack, bj, campaign, civil, education, pledge, report, ZONE } from "../../domain/campaigns/factories.ts";
import { expectValidModal, textOf } from "./helpers.ts";

const NOW = bj("2026-06-02T10:00");
const ref = (taskKey: string) => ({ campaignId: campaign.id, taskKey, departmentId: civil.id });

const reportModal = (lang: "zh" | "en" = "zh") =>
  buildReportModal({ ref: ref(report.key), campaign, task: report, department: civil, zone: ZONE, now: NOW, lang });
/** `view.state.values` as Slack would send them for these raw inputs. */
const submit = (blocks: readonly unknown[], raw: RawValues) => buildStateValues(blocks, raw);

function reportValues(status: string | null, found: string | null, rectified: string | null, note: string | null = null) {
  return submit(reportModal().blocks, {
    [REPORT_FIELDS.status.block]: { [REPORT_FIELDS.status.action]: status },
    [REPORT_FIELDS.hazardsFound.block]: { [REPORT_FIELDS.hazardsFound.action]: found },
    [REPORT_FIELDS.hazardsRectified.block]: { [REPORT_FIELDS.hazardsRectified.action]: rectified },
    [REPORT_FIELDS.note.block]: { [REPORT_FIELDS.note.action]: note },
  });
}

describe("report modal", () => {
  it("is a valid modal with the callback id, the task in its metadata and the four fields", () => {
    const view = reportModal();
    expectValidModal(view);
    expect(view.callback_id).toBe(REPORT_MODAL_CALLBACK);
    expect(parseCampaignModalMetadata(view.private_metadata)).toEqual({ ...ref(report.key), pledgeVersion: null, correctsRevision: null });
    expect(view.blocks.flatMap((b) => (b.type === "input" ? [b.block_id] : []))).toEqual([
      REPORT_FIELDS.status.block,
      REPORT_FIELDS.hazardsFound.block,
      REPORT_FIELDS.hazardsRectified.block,
      REPORT_FIELDS.note.block,
    ]);
    expect(textOf(view.blocks)).toContain("*民政部门* · 上报隐患整治情况\n夏季消防安全专项行动 · 截止6月5日（周五）24:00前");
    expectValidModal(reportModal("en"));
  });

  it("parses a complete report", () => {
    expect(parseReportSubmission(reportValues("rectifying", "12", "10", "  两处需停业整改  "))).toEqual({
      ok: true,
      data: { status: "rectifying", hazardsFound: 12, hazardsRectified: 10, note: "两处需停业整改" },
    });
    expect(parseReportSubmission(reportValues("none-found", "0", "0"))).toEqual({
      ok: true,
      data: { status: "none-found", hazardsFound: 0, hazardsRectified: 0, note: null },
    });
  });

  it("puts each problem under its field: missing, negative, fractional", () => {
    expect(parseReportSubmission(reportValues(null, "-3", "1.5"))).toEqual({
      ok: false,
      errors: {
        [REPORT_FIELDS.status.block]: { zh: "此项为必填项。", en: "This field is required." },
        [REPORT_FIELDS.hazardsFound.block]: { zh: "不能为负数。", en: "Cannot be negative." },
        [REPORT_FIELDS.hazardsRectified.block]: { zh: "请填写整数。", en: "Please enter a whole number." },
      },
    });
  });

  it("refuses more rectified than found, and a status the numbers contradict", () => {
    const more = parseReportSubmission(reportValues("rectifying", "3", "5"));
    expect(more.ok === false && more.errors).toEqual({
      [REPORT_FIELDS.hazardsRectified.block]: {
        zh: "已整改数（5）不能多于排查发现的隐患数（3）。",
        en: "Hazards rectified (5) cannot exceed hazards found (3).",
      },
    });
    const status = parseReportSubmission(reportValues("all-rectified", "12", "10"));
    expect(status.ok === false && Object.keys(status.errors)).toEqual([REPORT_FIELDS.status.block]);
  });

  it("turns the problems into the ack body Slack expects, in the person's language", () => {
    const r = parseReportSubmission(reportValues("rectifying", "3", "5"));
    if (r.ok) throw new Error("expected problems");
    expect(responseErrors(r.errors, "en")).toEqual({
      response_action: "errors",
      errors: { [REPORT_FIELDS.hazardsRectified.block]: "Hazards rectified (5) cannot exceed hazards found (3)." },
    });
  });

  it("lets Slack's client catch a negative number before it is even sent", () => {
    expect(
      clientSideErrors(reportModal().blocks, { [REPORT_FIELDS.hazardsFound.block]: { [REPORT_FIELDS.hazardsFound.action]: "-1" } }),
    ).toHaveProperty(REPORT_FIELDS.hazardsFound.block);
  });

  it("refuses state of another shape as a bad request, not a field error", () => {
    expect(() => parseReportSubmission({ report_status: "x" })).toThrow(AppError);
  });

  it("can be opened with a report already on file", () => {
    const view = buildReportModal({
      ref: ref(report.key),
      campaign,
      task: report,
      department: civil,
      zone: ZONE,
      now: NOW,
      initial: { status: "rectifying", hazardsFound: 4, hazardsRectified: 1, note: "跟进中" },
    });
    expectValidModal(view);
    expect(parseReportSubmission(submit(view.blocks, {}))).toEqual({
      ok: true,
      data: { status: "rectifying", hazardsFound: 4, hazardsRectified: 1, note: "跟进中" },
    });
  });
});

describe("education-session modal", () => {
  const modal = () => buildEducationModal({ ref: ref(education.key), campaign, task: education, department: civil, zone: ZONE, now: NOW });
  const values = (raw: Partial<Record<keyof typeof EDUCATION_FIELDS, string | null>>) =>
    submit(
      modal().blocks,
      Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [
          EDUCATION_FIELDS[k as keyof typeof EDUCATION_FIELDS].block,
          { [EDUCATION_FIELDS[k as keyof typeof EDUCATION_FIELDS].action]: v },
        ]),
      ),
    );
  const options = { today: "2026-06-02", earliest: "2026-05-27" };

  it("is a valid modal whose date defaults to today in the office's zone", () => {
    const view = modal();
    expectValidModal(view);
    expect(view.callback_id).toBe(EDUCATION_MODAL_CALLBACK);
    expect(parseEducationSubmission(values({ attendees: "80", location: "三楼会议室" }), options)).toEqual({
      ok: true,
      data: { heldOn: "2026-06-02", attendees: 80, location: "三楼会议室", note: null },
    });
  });

  it("refuses a date in the future or before the window opened", () => {
    const future = parseEducationSubmission(values({ heldOn: "2026-06-03", attendees: "80", location: "会议室" }), options);
    expect(future.ok === false && future.errors[EDUCATION_FIELDS.heldOn.block]?.zh).toBe("举办日期不能晚于今天。");
    const early = parseEducationSubmission(values({ heldOn: "2026-05-20", attendees: "80", location: "会议室" }), options);
    expect(early.ok === false && early.errors[EDUCATION_FIELDS.heldOn.block]?.zh).toBe(
      "举办日期不能早于本次警示教育开始日（2026-05-27）。",
    );
  });

  it("refuses no attendees, negative attendees and a missing location", () => {
    const r = parseEducationSubmission(values({ attendees: "0", location: "   " }), options);
    expect(r).toEqual({
      ok: false,
      errors: {
        [EDUCATION_FIELDS.attendees.block]: { zh: "不能少于 1。", en: "Must be at least 1." },
        [EDUCATION_FIELDS.location.block]: { zh: "此项为必填项。", en: "This field is required." },
      },
    });
    const negative = parseEducationSubmission(values({ attendees: "-5", location: "会议室" }), options);
    expect(negative.ok === false && negative.errors[EDUCATION_FIELDS.attendees.block]?.zh).toBe("不能为负数。");
  });
});

describe("pledge modal", () => {
  const modal = (lang: "zh" | "en" = "zh") =>
    buildPledgeModal({ ref: ref(pledge.key), campaign, task: pledge, department: civil, zone: ZONE, now: NOW, lang });
  const ticked = (yes: boolean) =>
    submit(modal().blocks, { [PLEDGE_FIELDS.confirm.block]: { [PLEDGE_FIELDS.confirm.action]: yes ? [PLEDGE_CONFIRM_VALUE] : [] } });

  it("shows the pledge text, its version and who signs, and carries the version in its metadata", () => {
    const view = modal();
    expectValidModal(view);
    expect(view.callback_id).toBe(PLEDGE_MODAL_CALLBACK);
    const text = textOf(view.blocks);
    expect(text).toContain(">本人郑重承诺……");
    expect(text).toContain("承诺书第 2 版 · 签署人：<@U0LIMING>（局长）");
    expect(text).not.toContain("李明，");
    expect(parseCampaignModalMetadata(view.private_metadata).pledgeVersion).toBe(2);
    expect(textOf(modal("en").blocks)).toContain(">I solemnly pledge…");
  });

  it("signs the version shown when the box is ticked", () => {
    expect(parsePledgeSubmission(ticked(true), { shownVersion: 2, currentVersion: 2 })).toEqual({ ok: true, data: { pledgeVersion: 2 } });
  });

  it("asks for the tick, and refuses a signature on a text that changed while the modal was open", () => {
    const untouched = parsePledgeSubmission(ticked(false), { shownVersion: 2, currentVersion: 2 });
    expect(untouched.ok === false && untouched.errors[PLEDGE_FIELDS.confirm.block]?.zh).toBe("请勾选确认后再签署。");
    const changed = parsePledgeSubmission(ticked(true), { shownVersion: 2, currentVersion: 3 });
    expect(changed.ok === false && changed.errors[PLEDGE_FIELDS.confirm.block]?.zh).toBe(
      "承诺书已更新为第 3 版，请关闭此窗口后重新打开签署。",
    );
  });

  it("cannot be built for a task that is not a pledge", () => {
    expect(() => buildPledgeModal({ ref: ref(ack.key), campaign, task: ack, department: civil, zone: ZONE, now: NOW })).toThrow(RangeError);
  });
});
