import type { AttendanceReport, DepartmentAttendance } from "../../domain/meetings/build-attendance-report.ts";
import type { Lang } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { context, deptName, escapeMrkdwn as esc, header, person, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { listSections } from "./mrkdwn.ts";
import { leaveLine } from "./report-message.ts";
import { clockOrDate, meetingTime, signInWindow } from "./time-text.ts";

export interface StartReportInput {
  report: AttendanceReport;
  lang: Lang;
}

function headOf(d: DepartmentAttendance, lang: Lang): string {
  if (!d.head) return lang === "zh" ? "未登记主要负责人" : "no registered head";
  return person(d.head, lang);
}

function came(d: DepartmentAttendance, lang: Lang, startsAt: Date): string {
  return joinList(
    d.attendees.map((a) => `${person(a, lang)} ${clockOrDate(a.signedInAt, startsAt, lang)}`),
    lang,
  );
}

/**
 * What the office reports to the leaders as the meeting starts (会议开始时的到会情况): heads signed in, heads on approved
 * leave, heads represented without leave, and departments nobody has signed in for yet — while sign-in is still open,
 * so "not yet" is the word, not "absent".
 */
export function buildStartReportMessage(input: StartReportInput): SlackMessage {
  const { report, lang } = input;
  const zh = lang === "zh";
  const { meeting } = report;
  const by = (s: DepartmentAttendance["status"]) => report.departments.filter((d) => d.status === s);
  const inPerson = by("head_in_person");
  const onLeave = by("on_leave");
  const byDeputy = by("by_deputy");
  const missing = by("absent");
  const pendingLeave = missing.concat(byDeputy).filter((d) => d.leave?.status === "pending");
  const t = report.totals;
  const summary = zh
    ? `应到 ${t.required} 个单位：主要负责人本人已签到 ${t.headInPerson} 个，请假 ${t.onLeave} 个，他人代参会 ${t.byDeputy} 个，尚无人签到 ${t.absent} 个`
    : `${t.required} departments required: head signed in ${t.headInPerson}, on leave ${t.onLeave}, by deputy ${t.byDeputy}, nobody yet ${t.absent}`;

  const blocks: Block[] = [
    header(`${zh ? "🕒 会议开始时到会情况：" : "🕒 Attendance at the start: "}${meeting.title}`),
    section(
      zh
        ? `会议时间：${meetingTime(meeting.startsAt, lang)}\n签到时间：${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}（仍可签到）\n*${summary}*`
        : `Time: ${meetingTime(meeting.startsAt, lang)}\nSign-in: ${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)} (still open)\n*${summary}*`,
    ),
  ];
  if (missing.length > 0) {
    const lines = missing.map((d) =>
      zh
        ? `• *${deptName(d, lang)}* · ${headOf(d, lang)}${d.leave?.status === "pending" ? " · 请假待审批" : ""}`
        : `• *${deptName(d, lang)}* · ${headOf(d, lang)}${d.leave?.status === "pending" ? " · leave awaiting a decision" : ""}`,
    );
    blocks.push(
      ...listSections(zh ? `*❓ 尚无人签到（${missing.length}）*` : `*❓ Nobody signed in yet (${missing.length})*`, lines, 12, lang),
    );
  }
  if (byDeputy.length > 0 && meeting.headMustAttend) {
    const lines = byDeputy.map((d) =>
      zh
        ? `• *${deptName(d, lang)}* · 主要负责人 ${headOf(d, lang)}未签到${d.leave?.status === "pending" ? "（请假待审批）" : ""} · 已签到：${came(d, lang, meeting.startsAt)}`
        : `• *${deptName(d, lang)}* · head ${headOf(d, lang)} not signed in${d.leave?.status === "pending" ? " (leave awaiting a decision)" : ""} · signed in: ${came(d, lang, meeting.startsAt)}`,
    );
    blocks.push(
      ...listSections(
        zh ? `*⚠️ 他人代参会，未请假（${byDeputy.length}）*` : `*⚠️ Someone else came, no leave (${byDeputy.length})*`,
        lines,
        12,
        lang,
      ),
    );
  }
  if (onLeave.length > 0) {
    blocks.push(
      ...listSections(
        zh ? `*🟦 请假（已批准，${onLeave.length}）*` : `*🟦 On approved leave (${onLeave.length})*`,
        onLeave.map((d) => leaveLine(d, lang, meeting.startsAt)),
        10,
        lang,
      ),
    );
  }
  if (inPerson.length > 0) {
    const lines = inPerson.map((d) =>
      `• ${deptName(d, lang)} · ${person(d.head!, lang)} ${d.headSignedInAt ? clockOrDate(d.headSignedInAt, meeting.startsAt, lang) : ""}`.trimEnd(),
    );
    blocks.push(
      ...listSections(zh ? `*✅ 主要负责人本人已签到（${inPerson.length}）*` : `*✅ Head signed in (${inPerson.length})*`, lines, 10, lang),
    );
  }
  blocks.push(
    context(
      zh
        ? `签到结束后另发最终签到情况。${pendingLeave.length ? `${pendingLeave.length} 个单位的请假尚待审批。` : ""}会议编号 ${meeting.id}`
        : `The final attendance follows when sign-in closes.${pendingLeave.length ? ` ${pendingLeave.length} leave requests await a decision.` : ""} Meeting id ${meeting.id}`,
    ),
  );
  const notYet = missing.filter((d) => d.head).map((d) => esc(d.head!.name));
  return {
    text: zh
      ? `【会议开始时到会情况】${esc(meeting.title)}：${summary}${notYet.length ? `。尚未签到的主要负责人：${joinList(notYet, "zh")}` : ""}`
      : `Attendance at the start — ${esc(meeting.title)}: ${summary}${notYet.length ? `. Heads not signed in: ${joinList(notYet, "en")}` : ""}`,
    blocks,
  };
}
