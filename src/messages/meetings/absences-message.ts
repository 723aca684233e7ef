import type { AbsenceRecord, HeadAbsences, MissedMeeting } from "../../domain/meetings/absence-record.ts";
import type { Lang } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { absenceCriterion } from "./rows/absence-rows.ts";
import { periodText } from "./rows/people-text.ts";
import { context, escapeMrkdwn as esc, header, person, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { listSections } from "./mrkdwn.ts";
import { localDate, meetingTime } from "./time-text.ts";

function missLine(m: MissedMeeting, lang: Lang): string {
  const zh = lang === "zh";
  const instead =
    m.attendedBy.length > 0
      ? `${zh ? "代参会：" : "attended by "}${joinList(
          m.attendedBy.map((a) => person(a, lang)),
          lang,
        )}`
      : zh
        ? "无人参会"
        : "nobody attended";
  return `　◦ ${meetingTime(m.startsAt, lang)} ${esc(m.title)} — ${instead}`;
}

function leaveLine(m: MissedMeeting, lang: Lang): string {
  const zh = lang === "zh";
  const reason = m.leaveReason ? (zh ? `：${esc(m.leaveReason)}` : `: ${esc(m.leaveReason)}`) : "";
  const instead = m.attendedBy.length
    ? `${zh ? "，代参会：" : ", attended by "}${joinList(
        m.attendedBy.map((a) => person(a, lang)),
        lang,
      )}`
    : "";
  return `　◦ ${meetingTime(m.startsAt, lang)} ${esc(m.title)} — ${zh ? "请假（已批准）" : "on approved leave"}${reason}${instead}`;
}

function headLines(h: HeadAbsences, lang: Lang): string[] {
  const zh = lang === "zh";
  const depts = joinList(
    h.departments.map((d) => esc(zh ? d.nameZh : d.nameEn)),
    lang,
  );
  const flag = h.flagged
    ? zh
      ? ` 🔴 *列入约谈名单*（${h.flaggedPeriods.map((p) => periodText(p, lang)).join("、")}）`
      : ` 🔴 *summons list* (${h.flaggedPeriods.join(", ")})`
    : "";
  const first = zh
    ? `• *${person(h.head, lang)}* · ${depts} · 应本人参会 ${h.required} 次，未本人参会 ${h.missed.length} 次${h.onLeave.length ? `，请假 ${h.onLeave.length} 次（已批准，不计入约谈）` : ""}${flag}`
    : `• *${person(h.head, lang)}* · ${depts} · required in person ${h.required}, missed ${h.missed.length}${h.onLeave.length ? `, on approved leave ${h.onLeave.length} (not counted)` : ""}${flag}`;
  return [first, ...h.missed.map((m) => missLine(m, lang)), ...h.onLeave.map((m) => leaveLine(m, lang))];
}

/** A 约谈 the office recorded (hazard ledger), listed beside the absence-based summons list. */
export interface RecordedInterviewLine {
  onDay: string;
  unit: { nameZh: string; nameEn: string };
  summoned: string;
  note: string | null;
  hazardNumber: string | null;
}

export interface AbsencesMessageInput {
  record: AbsenceRecord;
  /** 约谈 already held with these units. */
  interviews?: readonly RecordedInterviewLine[];
  /** What the record was narrowed to ("卫辉市", "王强"), if anything. */
  scope: string | null;
  lang: Lang;
}

/** The repeat-absence record: per principal head, the mandatory meetings missed in person, and the summons (约谈) list. */
export function buildAbsencesMessage(input: AbsencesMessageInput): SlackMessage {
  const { record, lang } = input;
  const zh = lang === "zh";
  const since = record.since ? localDate(record.since, lang) : zh ? "全部" : "all time";
  const scope = input.scope ? (zh ? `（${esc(input.scope)}）` : ` (${esc(input.scope)})`) : "";
  const blocks: Block[] = [
    header(zh ? `主要负责人未按要求参会记录${scope}` : `Heads who missed mandatory meetings${scope}`),
    section(
      zh
        ? `统计范围：${since}${record.since ? "起" : ""}，已结束的须主要负责人本人参会的会议 ${record.meetingsCounted} 次。${absenceCriterion(record, lang)}。`
        : `Counted: ${record.meetingsCounted} closed mandatory meetings (since ${since}). ${absenceCriterion(record, lang)}.`,
    ),
  ];
  if (record.heads.length === 0 && record.withoutRegisteredHead.length === 0) {
    blocks.push(section(zh ? "✅ 没有主要负责人未本人参会的记录。" : "✅ No principal head has missed a mandatory meeting in person."));
  }
  if (record.summons.length > 0) {
    const lines = record.summons.map((h) => {
      const periods = h.missesByPeriod
        .filter((p) => h.flaggedPeriods.includes(p.period))
        .map((p) => (zh ? `${periodText(p.period, lang)} ${p.count} 次` : `${p.period}: ${p.count}`));
      return `• ${person(h.head, lang)} · ${esc(
        joinList(
          h.departments.map((d) => (zh ? d.nameZh : d.nameEn)),
          lang,
        ),
      )} · ${periods.join(zh ? "，" : "; ")}`;
    });
    blocks.push(
      ...listSections(zh ? `*🔴 约谈名单（${record.summons.length} 人）*` : `*🔴 Summons list (${record.summons.length})*`, lines, 6, lang),
    );
  }
  const interviews = input.interviews ?? [];
  if (interviews.length > 0) {
    const lines = interviews.map(
      (i) =>
        `• ${i.onDay} ${esc(zh ? i.unit.nameZh : i.unit.nameEn)} · ${zh ? "约谈" : "summoned"} ${esc(i.summoned)}` +
        `${i.hazardNumber ? ` · ${i.hazardNumber}` : ""}${i.note ? ` · ${esc(i.note)}` : ""}`,
    );
    blocks.push(
      ...listSections(zh ? `*🗂️ 已约谈记录（${interviews.length} 次）*` : `*🗂️ Interviews held (${interviews.length})*`, lines, 4, lang),
    );
  }
  if (record.heads.length > 0) {
    blocks.push(
      ...listSections(
        zh ? "*未本人参会明细*" : "*Meetings missed in person*",
        record.heads.flatMap((h) => headLines(h, lang)),
        30,
        lang,
      ),
    );
  }
  if (record.withoutRegisteredHead.length > 0) {
    const lines = record.withoutRegisteredHead.map((m) => `• *${esc(zh ? m.nameZh : m.nameEn)}*${missLine(m, lang).replace("　◦", "")}`);
    blocks.push(
      ...listSections(
        zh
          ? "*未登记主要负责人的单位（无法点名，请登记主要负责人）*"
          : "*Departments with no registered head (nobody to name; please register one)*",
        lines,
        6,
        lang,
      ),
    );
  }
  blocks.push(
    context(
      zh
        ? "导出 Excel：npx redline absences --xlsx <文件>，或 /redline 缺席 导出"
        : "Export to Excel: npx redline absences --xlsx <file>, or /redline absences export",
    ),
  );
  return {
    text: zh
      ? `未按要求参会记录：${record.heads.length} 名主要负责人，约谈名单 ${record.summons.length} 人`
      : `Absence record: ${record.heads.length} heads, ${record.summons.length} on the summons list`,
    blocks,
  };
}
