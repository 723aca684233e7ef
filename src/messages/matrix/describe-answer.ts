import { DateTime } from "luxon";
import { leadSource } from "../../domain/matrix/lead-source.ts";
import type { WhoLeadsAnswer, VenueAnswer, MatrixLead, OfficeSource } from "../../domain/matrix/types.ts";
import { hasHan, type Lang } from "../../lib/i18n.ts";

/** The general rule the speech gives where no lead is named. */
export const SAN_GUAN_SAN_BI_XU = "认真履行“三管三必须”(管行业必须管安全、管业务必须管安全、管生产经营单位必须管安全)";

/** An answer as parts, rendered by the CLI as text and by Slack as Block Kit. */
export interface AnswerPart {
  kind: "line" | "quote" | "note";
  text: string;
}

export interface DescribeOptions {
  lang: Lang;
  /** Slack channel of the safety office, linked where the answer sends people there. */
  officeChannelId?: string | null;
  /** Slack mrkdwn (bold, channel links) or plain text. */
  markup?: "mrkdwn" | "plain";
  /** The office's time zone, for the day an office-set lead was set. */
  zone?: string;
}

/** Who in the office set a lead and when: the answer cites the office's row, not the speech. */
function officeNote(office: OfficeSource, options: DescribeOptions): AnswerPart {
  const who = options.markup === "mrkdwn" ? `<@${office.by}>` : office.by;
  const day = DateTime.fromJSDate(office.at, { zone: options.zone ?? "Asia/Shanghai" }).toISODate();
  return {
    kind: "note",
    text: options.lang === "zh" ? `（此条由安委办 ${who} 于 ${day} 设定）` : `(set by the safety office, ${who}, on ${day})`,
  };
}

export function describeAnswer(answer: WhoLeadsAnswer, options: DescribeOptions): AnswerPart[] {
  const { lang } = options;
  const b = (s: string) => (options.markup === "mrkdwn" ? `*${s}*` : s);
  const parts: AnswerPart[] = [];
  if (answer.department) return describeReverse(answer, answer.department, options);
  if (answer.venues.length === 0) {
    const asked = answer.query.trim();
    const place = answer.understood ?? "";
    parts.push({
      kind: "line",
      text: !asked
        ? lang === "zh"
          ? "请说明场所类型，例如：/redline who-leads 养老院"
          : "Please name a kind of place, e.g. /redline who-leads nursing home"
        : !place
          ? lang === "zh"
            ? "没有从问题中识别出场所类型，未分配牵头部门。请说明场所，例如“养老院归谁管”。"
            : 'No kind of place was recognised in the question; no lead department is assigned. Name the place, e.g. "who leads nursing homes".'
          : lang === "zh"
            ? `责任矩阵中没有“${clip(place)}”这类场所，未分配牵头部门。`
            : `The responsibility matrix has no place like "${clip(place)}"; no lead department is assigned.`,
    });
    const suggestions = answer.suggestions ?? [];
    if (suggestions.length)
      parts.push({
        kind: "note",
        text:
          lang === "zh"
            ? `相近的场所类型：${suggestions.map((v) => v.nameZh).join("、")}`
            : `Close kinds of place: ${suggestions.map((v) => v.nameEn).join(", ")}`,
      });
    if (asked) parts.push(...generalRule(options));
    return parts;
  }
  if (answer.via === "llm") {
    const names = answer.venues.map((v) => name(v, lang)).join(lang === "zh" ? "、" : ", ");
    parts.push({
      kind: "note",
      text:
        lang === "zh"
          ? `（由 AI 理解为：${names}；以下答案来自责任矩阵）`
          : `(Understood by AI as: ${names}; the answer below is from the matrix)`,
    });
  }
  for (const venue of answer.venues) {
    if (venue.outcome === "unassigned") {
      const note = venue.unassigned ? (lang === "zh" ? venue.unassigned.noteZh : venue.unassigned.noteEn) : "";
      parts.push({
        kind: "line",
        text:
          lang === "zh"
            ? `${b(name(venue, lang))}：未分配牵头部门。${note}`
            : `${b(name(venue, lang))}: no lead department is assigned. ${note}`,
      });
      if (venue.unassigned) parts.push({ kind: "quote", text: venue.unassigned.source });
      continue;
    }
    if (venue.outcome === "ambiguous") {
      parts.push({
        kind: "line",
        text:
          lang === "zh"
            ? `${b(name(venue, lang))}按场所性质由不同部门分别牵头：`
            : `${b(name(venue, lang))} is split between leads by kind of place:`,
      });
      for (const lead of venue.leads)
        parts.push({ kind: "line", text: `• ${scopeOf(lead, lang) ?? name(venue, lang)} → ${b(dept(lead, lang))}` });
      parts.push({
        kind: "note",
        text:
          lang === "zh"
            ? "请说明是哪一类，例如“中小学图书馆”或“公共图书馆”。"
            : 'Say which kind, e.g. "school library" or "public library".',
      });
      for (const source of new Set(venue.leads.map(leadSource))) parts.push({ kind: "quote", text: source });
      for (const lead of venue.leads) if (lead.office) parts.push(officeNote(lead.office, options));
      continue;
    }
    for (const lead of venue.leads) {
      const scope = scopeOf(lead, lang);
      parts.push({
        kind: "line",
        text:
          lang === "zh"
            ? `${b(name(venue, lang))} → 牵头部门：${b(dept(lead, lang))}${scope ? `（范围：${scope}）` : ""}`
            : `${b(name(venue, lang))} → lead: ${b(dept(lead, lang))}${scope ? ` (scope: ${scope})` : ""}`,
      });
      parts.push({ kind: "quote", text: leadSource(lead) });
      if (lead.office) parts.push(officeNote(lead.office, options));
    }
    if (venue.members?.length)
      parts.push({
        kind: "note",
        text:
          lang === "zh"
            ? `${name(venue, lang)}包括：${venue.members.map((m) => m.nameZh).join("、")}`
            : `${name(venue, lang)} covers: ${venue.members.map((m) => m.nameEn).join(", ")}`,
      });
  }
  if (answer.county)
    parts.push({
      kind: "note",
      text:
        lang === "zh"
          ? `${answer.county.nameZh}为属地，对辖区内的这类场所负属地管理责任；行业牵头部门如上。`
          : `${answer.county.nameEn} is the locality (属地): it answers for such places within its area; the sector lead is as above.`,
    });
  if (answer.venues.some((v) => v.outcome === "unassigned")) parts.push(...generalRule(options));
  return dedupeQuotes(parts);
}

export function renderAnswerText(answer: WhoLeadsAnswer, lang: Lang, zone?: string): string {
  return describeAnswer(answer, { lang, markup: "plain", zone })
    .map((p) => (p.kind === "quote" ? `  ${sourceLabel(lang)}「${p.text}」` : p.text))
    .join("\n");
}

/** One JSON line for `redline ask --json`. */
export function answerJson(answer: WhoLeadsAnswer) {
  return {
    query: answer.query,
    status: answer.status,
    leads: answer.leads.map((l) => ({ id: l.id, name: l.nameZh, nameEn: l.nameEn })),
    venueTypes: answer.venues.map((v) => ({
      id: v.venueType.id,
      name: v.venueType.nameZh,
      outcome: v.outcome,
      leads: v.leads.map((l) => ({
        id: l.departmentId,
        name: l.departmentNameZh,
        scope: l.scopeZh,
        ...(l.office ? { document: l.office.document, changedBy: l.office.by, changedAt: l.office.at.toISOString() } : {}),
      })),
    })),
    source: answer.sources.length ? answer.sources.join("\n") : null,
    via: answer.via,
    ...(answer.department ? { department: { id: answer.department.id, name: answer.department.nameZh } } : {}),
    ...(answer.county ? { county: { id: answer.county.id, name: answer.county.nameZh } } : {}),
    ...(answer.understood !== undefined ? { understood: answer.understood } : {}),
    ...(answer.suggestions?.length ? { suggestions: answer.suggestions.map((v) => ({ id: v.id, name: v.nameZh })) } : {}),
  };
}

function describeReverse(answer: WhoLeadsAnswer, department: { nameZh: string; nameEn: string }, options: DescribeOptions): AnswerPart[] {
  const { lang } = options;
  const b = (s: string) => (options.markup === "mrkdwn" ? `*${s}*` : s);
  const deptName = lang === "zh" ? department.nameZh : department.nameEn;
  if (answer.venues.length === 0)
    return [
      {
        kind: "line",
        text:
          lang === "zh" ? `责任矩阵中没有由${b(deptName)}牵头的场所。` : `The responsibility matrix names no place led by ${b(deptName)}.`,
      },
    ];
  const parts: AnswerPart[] = [
    { kind: "line", text: lang === "zh" ? `${b(deptName)}牵头负责以下场所：` : `${b(deptName)} leads these kinds of place:` },
  ];
  for (const venue of answer.venues) {
    const scopes = venue.leads.map((l) => scopeOf(l, lang)).filter(Boolean);
    parts.push({
      kind: "line",
      text: `• ${name(venue, lang)}${scopes.length ? (lang === "zh" ? `（${scopes.join("；")}）` : ` (${scopes.join("; ")})`) : ""}`,
    });
  }
  for (const source of answer.sources) parts.push({ kind: "quote", text: source });
  return parts;
}

function generalRule(options: DescribeOptions): AnswerPart[] {
  const office = options.officeChannelId && options.markup === "mrkdwn" ? `<#${options.officeChannelId}>` : null;
  return [
    {
      kind: "note",
      text:
        options.lang === "zh"
          ? `按照“三管三必须”原则，由管该行业、业务或生产经营单位的部门负责其安全；具体分工请咨询市政府安委会办公室${office ? `（${office}）` : ""}。`
          : `Under the "three musts" rule, whoever governs the industry, the business or the producer must govern its safety; ask the city Work Safety Committee Office${office ? ` (${office})` : ""} for the exact division of work.`,
    },
    { kind: "quote", text: SAN_GUAN_SAN_BI_XU },
  ];
}

function dedupeQuotes(parts: AnswerPart[]): AnswerPart[] {
  const seen = new Set<string>();
  return parts.filter((p) => p.kind !== "quote" || (!seen.has(p.text) && seen.add(p.text)));
}

/** A question that is only a Latin name from the matrix (`KTV`) says nothing of the asker's language: keep the default. */
export function answerLang(answer: WhoLeadsAnswer, detected: Lang, fallback: Lang): Lang {
  return answer.exactName && !hasHan(answer.query) ? fallback : detected;
}

export const sourceLabel = (lang: Lang) => (lang === "zh" ? "依据：" : "Source: ");
const name = (v: VenueAnswer, lang: Lang) => (lang === "zh" ? v.venueType.nameZh : v.venueType.nameEn);
const dept = (l: MatrixLead, lang: Lang) => (lang === "zh" ? l.departmentNameZh : l.departmentNameEn);
const scopeOf = (l: MatrixLead, lang: Lang) => (lang === "zh" ? l.scopeZh : l.scopeEn);
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
