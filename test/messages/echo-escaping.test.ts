import { describe, expect, it } from "vitest";
import { buildEducationSummary } from "../../src/domain/campaigns/build-education-summary.ts";
import { buildStatusBoard } from "../../src/domain/campaigns/build-status-board.ts";
import { buildAttendanceReport } from "../../src/domain/meetings/build-attendance-report.ts";
import { buildEducationSummaryMessage } from "../../src/messages/campaigns/education-summary-message.ts";
import { buildStatusBoardMessage } from "../../src/messages/campaigns/status-board-message.ts";
import { buildBriefingMessage, type BriefingView } from "../../src/messages/meetings/briefing-message.ts";
import { buildCreatedMessage } from "../../src/messages/meetings/created-message.ts";
import { buildNoticeMessage } from "../../src/messages/meetings/notice-message.ts";
import { buildOverdueBriefingsMessage } from "../../src/messages/meetings/overdue-message.ts";
import { buildReportMessage } from "../../src/messages/meetings/report-message.ts";
import { escapeMrkdwn, noticeBlocks, plainToMrkdwn, type SlackMessage } from "../../src/messages/mrkdwn.ts";
import * as camp from "../domain/campaigns/factories.ts";
import { education, local, meeting } from "../domain/meetings/factories.ts";

const NASTY = "<!channel> <!here> <!subteam^S1> <@U1> &lt;";
const ESCAPED = "&lt;!channel&gt; &lt;!here&gt; &lt;!subteam^S1&gt; &lt;@U1&gt; &amp;lt;";

/** Every mrkdwn text in the blocks (plain_text, such as headers, is shown as is and never read as markup). */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  if (o.type === "mrkdwn" && typeof o.text === "string") return [o.text];
  return Object.values(o).flatMap(mrkdwnTexts);
}

/** The notification text and the blocks' mrkdwn carry the typed text escaped, and none of it as markup. */
function expectEscaped(message: SlackMessage) {
  for (const where of [message.text, ...mrkdwnTexts(message.blocks)]) {
    for (const raw of ["<!channel>", "<!here>", "<!subteam^S1>", "<@U1>"]) expect(where).not.toContain(raw);
  }
  expect(message.text).toContain(ESCAPED);
}

describe("plainToMrkdwn", () => {
  it("escapes a plain sentence, keeping user mentions only when the sentence names people on purpose", () => {
    expect(plainToMrkdwn(`须由 <@UHEAD> 签署；${NASTY}`)).toBe(`须由 &lt;@UHEAD&gt; 签署；${ESCAPED}`);
    expect(plainToMrkdwn("须由 <@UHEAD> 签署 <!channel>", { keepMentions: true })).toBe("须由 <@UHEAD> 签署 &lt;!channel&gt;");
    expect(escapeMrkdwn(NASTY)).toBe(ESCAPED);
    expect(noticeBlocks(escapeMrkdwn(NASTY)).text).toBe(ESCAPED);
  });
});

describe("the notification text of messages that carry a typed title", () => {
  const nastyMeeting = meeting({ title: NASTY });
  const briefing: BriefingView = {
    departmentId: "education",
    nameZh: NASTY,
    nameEn: NASTY,
    headSlackUserId: "U_ZHAO",
    headName: "赵刚",
    deputySlackUserId: "U_QIAN",
    deputyName: "钱伟",
    dueAt: local("2024-05-30 18:00"),
    deputyConfirmedAt: null,
    headConfirmedAt: null,
  };
  const nastyCampaign = { ...camp.campaign, title: { zh: NASTY, en: NASTY } };
  const NOW = camp.bj("2026-06-09T10:00");
  const board = buildStatusBoard(nastyCampaign, [camp.ack, camp.education], [camp.civil, camp.culture], [], NOW, camp.ZONE);

  it.each(["zh", "en"] as const)("meeting notices, reports, briefings and announcements (%s)", (lang) => {
    expectEscaped(
      buildNoticeMessage({
        meeting: nastyMeeting,
        department: education,
        kind: "day-before",
        signIns: [],
        now: local("2024-05-27 09:00"),
        lang,
      }),
    );
    expectEscaped(buildOverdueBriefingsMessage({ meeting: nastyMeeting, overdue: [briefing], lang }));
    expectEscaped(buildBriefingMessage({ meeting: { ...nastyMeeting, status: "closed" }, briefing, now: local("2024-05-29 09:00"), lang }));
    const report = buildAttendanceReport(nastyMeeting, [education], []);
    expectEscaped(buildReportMessage({ report, closedAt: local("2024-05-28 15:30"), closedBy: null, briefingDueAt: null, lang }));
    expectEscaped(
      buildCreatedMessage({
        meeting: { ...nastyMeeting, briefingDueWorkingDays: 2 },
        departments: [],
        createdBy: "UOFFICE",
        notices: [],
        warnings: [],
        lang,
      }),
    );
  });

  it.each(["zh", "en"] as const)("campaign boards and education summaries (%s)", (lang) => {
    expectEscaped(buildStatusBoardMessage(board, { lang }));
    const summary = buildEducationSummary(camp.education, [camp.civil], []);
    expectEscaped(buildEducationSummaryMessage({ campaign: nastyCampaign, summary, now: NOW, zone: camp.ZONE, lang }));
  });
});
