import type { AbsenceRecord, HeadAbsences, MissedMeeting } from "../domain/meetings/absence-record.ts";
import { formatLocalDateTime, formatLocalStamp } from "../domain/meetings/local-time.ts";
import type { Lang } from "../lib/i18n.ts";
import { joinList } from "../lib/i18n.ts";
import { absenceCriterion } from "../messages/meetings/rows/absence-rows.ts";
import { periodText, personText } from "../messages/meetings/rows/people-text.ts";

function missJson(m: MissedMeeting) {
  return {
    meetingId: m.meetingId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    startsAtLocal: formatLocalStamp(m.startsAt),
    departmentId: m.departmentId,
    department: { zh: m.nameZh, en: m.nameEn },
    status: m.status,
    attendedBy: m.attendedBy.map((a) => ({
      slackUserId: a.slackUserId,
      name: a.name,
      title: a.title,
      signedInAt: a.signedInAt.toISOString(),
    })),
    period: m.period,
    ...(m.leaveReason !== undefined ? { leaveReason: m.leaveReason } : {}),
  };
}

function headJson(h: HeadAbsences) {
  return {
    slackUserId: h.head.slackUserId,
    name: h.head.name,
    title: h.head.title,
    departments: h.departments.map((d) => ({ id: d.departmentId, zh: d.nameZh, en: d.nameEn })),
    required: h.required,
    attendedInPerson: h.attendedInPerson,
    missedCount: h.missed.length,
    missesByPeriod: h.missesByPeriod,
    flagged: h.flagged,
    flaggedPeriods: h.flaggedPeriods,
    missed: h.missed.map(missJson),
    onLeaveCount: h.onLeave.length,
    onLeave: h.onLeave.map(missJson),
  };
}

/** The record as `redline absences --json` prints it: ISO instants plus Beijing wall-clock stamps, stable keys. */
export function absenceRecordJson(record: AbsenceRecord) {
  return {
    since: record.since?.toISOString() ?? null,
    threshold: record.threshold,
    per: record.per,
    meetingsCounted: record.meetingsCounted,
    summons: record.summons.map((h) => ({
      slackUserId: h.head.slackUserId,
      name: h.head.name,
      title: h.head.title,
      periods: h.flaggedPeriods,
    })),
    heads: record.heads.map(headJson),
    withoutRegisteredHead: record.withoutRegisteredHead.map(missJson),
  };
}

/** The record as plain text for a terminal. */
export function absenceRecordText(record: AbsenceRecord, lang: Lang): string {
  const zh = lang === "zh";
  const lines: string[] = [
    zh
      ? `已结束的须主要负责人本人参会的会议：${record.meetingsCounted} 次。${absenceCriterion(record, lang)}。`
      : `${record.meetingsCounted} closed mandatory meetings. ${absenceCriterion(record, lang)}.`,
  ];
  if (record.heads.length === 0 && record.withoutRegisteredHead.length === 0)
    lines.push(zh ? "没有主要负责人未本人参会的记录。" : "No principal head missed a mandatory meeting in person.");
  if (record.summons.length > 0) {
    lines.push("", zh ? "约谈名单：" : "Summons list:");
    for (const h of record.summons)
      lines.push(`  ${personText(h.head, lang)} — ${h.flaggedPeriods.map((p) => periodText(p, lang)).join(", ")}`);
  }
  for (const h of record.heads) {
    const depts = joinList(
      h.departments.map((d) => (zh ? d.nameZh : d.nameEn)),
      lang,
    );
    lines.push(
      "",
      zh
        ? `${personText(h.head, lang)} · ${depts} · 应本人参会 ${h.required} 次，未本人参会 ${h.missed.length} 次${h.onLeave.length ? `，请假 ${h.onLeave.length} 次（已批准，不计入约谈）` : ""}${h.flagged ? " · 列入约谈名单" : ""}`
        : `${personText(h.head, lang)} · ${depts} · required ${h.required}, missed ${h.missed.length}${h.onLeave.length ? `, on approved leave ${h.onLeave.length} (not counted)` : ""}${h.flagged ? " · SUMMONS" : ""}`,
    );
    for (const m of h.missed) {
      const instead =
        m.attendedBy.length > 0
          ? joinList(
              m.attendedBy.map((a) => personText(a, lang)),
              lang,
            )
          : zh
            ? "无人参会"
            : "nobody";
      lines.push(`  ${formatLocalDateTime(m.startsAt, lang)}  ${m.title}  ${zh ? "代参会：" : "instead: "}${instead}`);
    }
    for (const m of h.onLeave) {
      const instead = m.attendedBy.map((a) => personText(a, lang));
      lines.push(
        `  ${formatLocalDateTime(m.startsAt, lang)}  ${m.title}  ${zh ? "请假（已批准）" : "on approved leave"}${m.leaveReason ? (zh ? `：${m.leaveReason}` : `: ${m.leaveReason}`) : ""}${instead.length ? `  ${zh ? "代参会：" : "instead: "}${joinList(instead, lang)}` : ""}`,
      );
    }
  }
  if (record.withoutRegisteredHead.length > 0) {
    lines.push("", zh ? "未登记主要负责人的单位：" : "Departments without a registered head:");
    for (const m of record.withoutRegisteredHead)
      lines.push(`  ${zh ? m.nameZh : m.nameEn}  ${formatLocalDateTime(m.startsAt, lang)}  ${m.title}`);
  }
  return lines.join("\n");
}
