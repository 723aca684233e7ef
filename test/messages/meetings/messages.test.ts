import { describe, expect, it } from "vitest";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import { buildBriefingMessage, buildBriefingReminder, type BriefingView } from "../../../src/messages/meetings/briefing-message.ts";
import { MEETING_ACTIONS } from "../../../src/messages/meetings/ids.ts";
import { buildNoticeMessage } from "../../../src/messages/meetings/notice-message.ts";
import { buildOverdueBriefingsMessage } from "../../../src/messages/meetings/overdue-message.ts";
import { parseButtonValue } from "../../../src/messages/meetings/refs.ts";
import { buildReportMessage } from "../../../src/messages/meetings/report-message.ts";
import { civil, culture, education, local, meeting, signIn, weihui } from "../../domain/meetings/factories.ts";

const all = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);
const buttons = (m: { blocks: any[] }) => m.blocks.flatMap((b) => (b.accessory?.type === "button" ? [b.accessory] : []));

describe("notice message", () => {
  const open = meeting();
  it("carries the 签到 button for its department while sign-in is open", () => {
    const m = buildNoticeMessage({
      meeting: open,
      department: education,
      kind: "day-before",
      signIns: [],
      now: local("2024-05-27 09:00"),
      lang: "zh",
    });
    expect(m.text).toContain("【会议通知】全市安全生产工作电视电话会议");
    expect(all(m)).toContain("签到时间：2024年5月28日 14:00 至 15:30（北京时间）");
    expect(all(m)).toContain("须主要负责人本人参会");
    expect(all(m)).toContain("赵刚（局长）");
    const [button] = buttons(m);
    expect(button).toMatchObject({ action_id: MEETING_ACTIONS.signIn, text: { text: "签到" } });
    expect(parseButtonValue(button.value)).toEqual({ meetingId: "m-0528", departmentId: "education" });
  });

  it("lists who signed in for this department only, and drops the button once closed", () => {
    const signIns = [
      signIn({ departmentId: "education", slackUserId: "U_QIAN", name: "钱伟", title: "副局长", signedInAt: local("2024-05-28 14:12") }),
      signIn({
        departmentId: "civil-affairs",
        slackUserId: "U_LI",
        name: "李明",
        role: "head",
        title: "局长",
        signedInAt: local("2024-05-28 14:05"),
      }),
    ];
    const during = buildNoticeMessage({
      meeting: open,
      department: education,
      kind: "open",
      signIns,
      now: local("2024-05-28 14:20"),
      lang: "zh",
    });
    expect(all(during)).toContain("钱伟（副局长） · 代主要负责人参会 · 14:12");
    expect(all(during)).not.toContain("李明");
    const after = buildNoticeMessage({
      meeting: meeting({ status: "closed" }),
      department: education,
      kind: "open",
      signIns,
      now: local("2024-05-28 15:31"),
      lang: "en",
    });
    expect(buttons(after)).toEqual([]);
    expect(all(after)).toContain("Sign-in has closed.");
  });

  it("escapes names people typed", () => {
    const signIns = [
      signIn({ departmentId: "education", slackUserId: "U_X", name: "<!channel>", title: "a&b", signedInAt: local("2024-05-28 14:12") }),
    ];
    const m = buildNoticeMessage({
      meeting: open,
      department: education,
      kind: "open",
      signIns,
      now: local("2024-05-28 14:20"),
      lang: "zh",
    });
    expect(all(m)).not.toContain("<!channel>");
    expect(all(m)).toContain("&lt;!channel&gt;（a&amp;b）");
  });
});

describe("attendance report message", () => {
  const report = buildAttendanceReport(
    meeting({ status: "closed" }),
    [civil, education, weihui, culture],
    [
      signIn({
        departmentId: "civil-affairs",
        slackUserId: "U_LI",
        name: "李明",
        role: "head",
        title: "局长",
        signedInAt: local("2024-05-28 14:05"),
      }),
      signIn({ departmentId: "education", slackUserId: "U_QIAN", name: "钱伟", title: "副局长", signedInAt: local("2024-05-28 14:12") }),
    ],
  );

  it("names each head who did not come in person, with who came instead, and the departments absent entirely", () => {
    const m = buildReportMessage({
      report,
      closedAt: local("2024-05-28 15:30"),
      closedBy: null,
      briefingDueAt: local("2024-05-30 18:00"),
      lang: "zh",
    });
    const text = all(m);
    expect(m.text).toContain("主要负责人未本人参会：赵刚、王强");
    expect(text).toContain("*市教育局* · 主要负责人 赵刚（局长）未本人参会 · 代参会：钱伟（副局长） 14:12");
    expect(text).toContain("*卫辉市政府* · 主要负责人 王强（市长） · 无人签到");
    expect(text).toContain("*市文化局* · 未登记主要负责人 · 无人签到");
    expect(text).toContain("✅ 主要负责人本人参会（1）");
    expect(text).toContain("市民政局 · 李明（局长） 14:05");
    expect(text).toContain("签到于 2024年5月28日 15:30 结束。");
    expect(text).toContain("2024年5月30日 18:00 前确认");
  });

  it("says who closed sign-in early", () => {
    const m = buildReportMessage({ report, closedAt: local("2024-05-28 15:00"), closedBy: "UOFFICE", briefingDueAt: null, lang: "en" });
    expect(all(m)).toContain("Sign-in closed early by <@UOFFICE> at 28 May 2024, 15:00.");
    expect(m.text).toContain("Heads not in person: 赵刚, 王强");
  });
});

describe("briefing confirmation", () => {
  const briefing: BriefingView = {
    departmentId: "education",
    nameZh: "市教育局",
    nameEn: "Education Bureau",
    headSlackUserId: "U_ZHAO",
    headName: "赵刚",
    deputySlackUserId: "U_QIAN",
    deputyName: "钱伟",
    dueAt: local("2024-05-30 18:00"),
    deputyConfirmedAt: null,
    headConfirmedAt: null,
  };

  it("has one button for the attendee and one for the head, each naming its person", () => {
    const m = buildBriefingMessage({ meeting: meeting({ status: "closed" }), briefing, now: local("2024-05-29 09:00"), lang: "zh" });
    const [deputy, head] = buttons(m);
    expect(deputy).toMatchObject({ action_id: MEETING_ACTIONS.confirmDeputy, text: { text: "已向主要负责人原原本本传达" } });
    expect(head).toMatchObject({ action_id: MEETING_ACTIONS.confirmHead, text: { text: "已听取传达" } });
    expect(all(m)).toContain("代参会人 钱伟 <@U_QIAN>：待确认已传达");
    expect(all(m)).toContain("主要负责人 赵刚 <@U_ZHAO>：待确认已听取传达");
  });

  it("drops a confirmed side's button and marks the rest overdue after the deadline", () => {
    const m = buildBriefingMessage({
      meeting: meeting({ status: "closed" }),
      briefing: { ...briefing, deputyConfirmedAt: local("2024-05-29 10:00") },
      now: local("2024-05-31 09:00"),
      lang: "zh",
    });
    expect(buttons(m).map((b) => b.action_id)).toEqual([MEETING_ACTIONS.confirmHead]);
    expect(all(m)).toContain("✅ 代参会人 钱伟 <@U_QIAN>：已确认已原原本本传达会议精神 · 2024年5月29日 10:00");
    expect(all(m)).toContain("🔴 主要负责人 赵刚 <@U_ZHAO>：待确认已听取传达（已逾期）");
  });

  it("asks only the head when nobody came", () => {
    const m = buildBriefingMessage({
      meeting: meeting({ status: "closed" }),
      briefing: { ...briefing, deputySlackUserId: null, deputyName: null },
      now: local("2024-05-29 09:00"),
      lang: "zh",
    });
    expect(buttons(m).map((b) => b.action_id)).toEqual([MEETING_ACTIONS.confirmHead]);
    expect(all(m)).toContain("本单位无人参加");
  });

  it("reminds only those who have not confirmed", () => {
    const r = buildBriefingReminder({
      meeting: meeting(),
      briefing: { ...briefing, deputyConfirmedAt: local("2024-05-29 10:00") },
      kind: "due",
      lang: "zh",
    });
    expect(r.text).toContain("今天 18:00 截止");
    expect(r.text).toContain("<@U_ZHAO> 请确认已听取传达");
    expect(r.text).not.toContain("U_QIAN");
  });

  it("lists overdue departments to the office with who has not confirmed", () => {
    const m = buildOverdueBriefingsMessage({
      meeting: meeting(),
      overdue: [{ ...briefing, deputyConfirmedAt: local("2024-05-29 10:00") }],
      lang: "zh",
    });
    expect(all(m)).toContain("*市教育局* · 主要负责人 赵刚 未确认已听取传达");
    expect(all(m)).not.toContain("钱伟 未确认");
  });
});
