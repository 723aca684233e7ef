import type { AttendanceReport, DepartmentAttendance } from "../../domain/meetings/build-attendance-report.ts";
import type { Lang } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { attendanceSummary } from "./rows/attendance-rows.ts";
import { context, deptName, escapeMrkdwn as esc, header, mention, person, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { listSections } from "./mrkdwn.ts";
import { clockOrDate, formatLocalDateTime, meetingTime, signInWindow } from "./time-text.ts";

export interface ReportMessageInput {
  report: AttendanceReport;
  closedAt: Date;
  /** A Slack user id when someone closed sign-in early; null when it closed on time. */
  closedBy: string | null;
  /** When briefings were opened: their deadline. */
  briefingDueAt: Date | null;
  lang: Lang;
}

function headText(d: DepartmentAttendance, lang: Lang): string {
  if (!d.head) return lang === "zh" ? "未登记主要负责人" : "no registered principal head";
  return lang === "zh" ? `主要负责人 ${person(d.head, lang)}` : `principal head ${person(d.head, lang)}`;
}

function attendees(d: DepartmentAttendance, lang: Lang, startsAt: Date): string {
  return joinList(
    d.attendees.map((a) => `${person(a, lang)} ${clockOrDate(a.signedInAt, startsAt, lang)}`),
    lang,
  );
}

/** "• *民政部门* · 主要负责人 李明（局长）请假（事由：…） · 代参会：张伟 14:40", or who was to come and did not. */
export function leaveLine(d: DepartmentAttendance, lang: Lang, startsAt: Date): string {
  const zh = lang === "zh";
  const reason = d.leave?.reason ? (zh ? `（事由：${esc(d.leave.reason)}）` : ` (reason: ${esc(d.leave.reason)})`) : "";
  const who = d.leave ? esc(d.leave.substituteName) : "";
  const came =
    d.attendees.length > 0
      ? zh
        ? `代参会：${attendees(d, lang, startsAt)}`
        : `attended by ${attendees(d, lang, startsAt)}`
      : zh
        ? `替会人${who ? ` ${who} ` : ""}未签到`
        : `the substitute${who ? ` ${who}` : ""} did not sign in`;
  return zh
    ? `• *${deptName(d, lang)}* · ${headText(d, lang)}请假${reason} · ${came}`
    : `• *${deptName(d, lang)}* · ${headText(d, lang)} on leave${reason} · ${came}`;
}

/**
 * The attendance report for the safety office: heads who did not come in person, by name, title and department,
 * with who came instead; departments nobody came from; then those whose head came. Names are the point.
 */
export function buildReportMessage(input: ReportMessageInput): SlackMessage {
  const { report, lang } = input;
  const zh = lang === "zh";
  const { meeting } = report;
  const byDeputy = report.departments.filter((d) => d.status === "by_deputy");
  const absent = report.departments.filter((d) => d.status === "absent");
  const inPerson = report.departments.filter((d) => d.status === "head_in_person");
  const onLeave = report.departments.filter((d) => d.status === "on_leave");

  const blocks: Block[] = [
    header(`${zh ? "📋 会议签到情况：" : "📋 Attendance: "}${meeting.title}`),
    section(
      zh
        ? `会议时间：${meetingTime(meeting.startsAt, lang)}\n签到时间：${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}\n*${attendanceSummary(report, lang)}*`
        : `Time: ${meetingTime(meeting.startsAt, lang)}\nSign-in: ${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}\n*${attendanceSummary(report, lang)}*`,
    ),
  ];

  if (meeting.headMustAttend && byDeputy.length + absent.length > 0) {
    const n = byDeputy.length + absent.length;
    const names = [...byDeputy, ...absent].filter((d) => d.head).map((d) => esc(d.head!.name));
    blocks.push(
      section(
        zh
          ? `*本次会议要求主要负责人本人参会，${n} 个单位的主要负责人未本人参会${names.length ? `：${joinList(names, "zh")}` : ""}。*`
          : `*The principal head had to attend in person; ${n} did not${names.length ? `: ${joinList(names, "en")}` : ""}.*`,
      ),
    );
  }
  if (byDeputy.length > 0) {
    const lines = byDeputy.map((d) =>
      zh
        ? `• *${deptName(d, lang)}* · ${headText(d, lang)}${d.head ? "未本人参会" : ""} · 代参会：${attendees(d, lang, meeting.startsAt)}`
        : `• *${deptName(d, lang)}* · ${headText(d, lang)}${d.head ? " did not attend" : ""} · attended instead by ${attendees(d, lang, meeting.startsAt)}`,
    );
    blocks.push(
      ...listSections(zh ? `*⚠️ 他人代参会（${byDeputy.length}）*` : `*⚠️ Attended by someone else (${byDeputy.length})*`, lines, 14, lang),
    );
  }
  if (absent.length > 0) {
    const lines = absent.map((d) =>
      zh
        ? `• *${deptName(d, lang)}* · ${headText(d, lang)} · 无人签到`
        : `• *${deptName(d, lang)}* · ${headText(d, lang)} · nobody signed in`,
    );
    blocks.push(...listSections(zh ? `*❌ 整单位缺席（${absent.length}）*` : `*❌ Absent entirely (${absent.length})*`, lines, 14, lang));
  }
  if (onLeave.length > 0) {
    const lines = onLeave.map((d) => leaveLine(d, lang, meeting.startsAt));
    blocks.push(
      ...listSections(zh ? `*🟦 请假（已批准，${onLeave.length}）*` : `*🟦 On approved leave (${onLeave.length})*`, lines, 10, lang),
    );
  }
  if (inPerson.length > 0) {
    const lines = inPerson.map((d) =>
      `• ${deptName(d, lang)} · ${person(d.head!, lang)} ${d.headSignedInAt ? clockOrDate(d.headSignedInAt, meeting.startsAt, lang) : ""}`.trimEnd(),
    );
    blocks.push(
      ...listSections(
        zh ? `*✅ 主要负责人本人参会（${inPerson.length}）*` : `*✅ Principal head in person (${inPerson.length})*`,
        lines,
        12,
        lang,
      ),
    );
  }

  const early = input.closedAt < meeting.signInClosesAt;
  const closer = input.closedBy ? (/^[UW][A-Z0-9]+$/.test(input.closedBy) ? mention(input.closedBy) : esc(input.closedBy)) : null;
  const notes: string[] = [
    closer
      ? zh
        ? `签到由 ${closer} 于 ${formatLocalDateTime(input.closedAt, lang)}${early ? "提前" : ""}结束。`
        : `Sign-in closed${early ? " early" : ""} by ${closer} at ${formatLocalDateTime(input.closedAt, lang)}.`
      : zh
        ? `签到于 ${formatLocalDateTime(input.closedAt, lang)} 结束。`
        : `Sign-in closed at ${formatLocalDateTime(input.closedAt, lang)}.`,
  ];
  if (input.briefingDueAt) {
    notes.push(
      zh
        ? `未本人参会的单位须在 ${formatLocalDateTime(input.briefingDueAt, lang)} 前确认已原原本本传达会议精神（代参会人和主要负责人分别确认）。`
        : `Departments whose head did not attend must confirm by ${formatLocalDateTime(input.briefingDueAt, lang)} that the head was briefed in full (the attendee and the head each confirm).`,
    );
  }
  notes.push(zh ? `导出签到表：/redline meeting export ${meeting.id}` : `Export the sign-in sheet: /redline meeting export ${meeting.id}`);
  blocks.push(context(notes.join("\n")));

  const skipped = [...byDeputy, ...absent].filter((d) => d.head).map((d) => esc(d.head!.name));
  return {
    text: zh
      ? `【会议签到情况】${esc(meeting.title)}：${attendanceSummary(report, "zh")}${meeting.headMustAttend && skipped.length ? `。主要负责人未本人参会：${joinList(skipped, "zh")}` : ""}`
      : `Attendance — ${esc(meeting.title)}: ${attendanceSummary(report, "en")}${meeting.headMustAttend && skipped.length ? `. Heads not in person: ${joinList(skipped, "en")}` : ""}`,
    blocks,
  };
}
