import type { ReportData } from "../../domain/campaigns/completion-data.ts";
import { REPORT_STATUS_LABELS } from "../../domain/campaigns/completion-data.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import { reportChanges } from "../../domain/campaigns/report-correction.ts";
import type { Bilingual, Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn, header, MAX_MESSAGE_BLOCKS, packLines, type Block, type SlackMessage } from "../mrkdwn.ts";

/** One report's versions, oldest first (the last is the report as it stands). */
export interface ReportHistoryView {
  departmentName: Bilingual;
  taskTitle: Bilingual;
  versions: { revision: number; data: ReportData | null; userName: string; writtenAt: Date }[];
}

function summary(data: ReportData | null, lang: Lang): string {
  if (!data) return lang === "zh" ? "（内容无法读取）" : "(unreadable)";
  const note = data.note ? (lang === "zh" ? `；说明：${escapeMrkdwn(data.note)}` : `; note: ${escapeMrkdwn(data.note)}`) : "";
  return lang === "zh"
    ? `发现隐患 ${data.hazardsFound} 处，已整改 ${data.hazardsRectified} 处（${REPORT_STATUS_LABELS[data.status].zh}）${note}`
    : `${data.hazardsFound} found, ${data.hazardsRectified} rectified (${REPORT_STATUS_LABELS[data.status].en})${note}`;
}

/**
 * The office's view of corrected reports: for each, who submitted what and when, then each correction with who, when
 * and what it changed, ending with the report as it stands.
 */
export function buildReportHistoryMessage(
  histories: readonly ReportHistoryView[],
  options: { campaign: { id: string; title: Bilingual }; zone: string; now: Date; lang: Lang },
): SlackMessage {
  const { campaign, zone, now, lang } = options;
  const zh = lang === "zh";
  const title = escapeMrkdwn(campaign.title[lang]);
  const blocks: Block[] = [header(zh ? `✏️ ${campaign.title.zh} · 报告更正记录` : `✏️ ${campaign.title.en} · report corrections`)];
  if (histories.length === 0) {
    blocks.push(context(zh ? `\`${campaign.id}\` 没有更正过的报告。` : `\`${campaign.id}\` has no corrected reports.`));
    return { text: zh ? `${title}：没有更正过的报告` : `${title}: no corrected reports`, blocks };
  }
  const entries = histories.map((h) => {
    const lines = [`*${escapeMrkdwn(h.departmentName[lang])} · ${escapeMrkdwn(h.taskTitle[lang])}*`];
    h.versions.forEach((v, i) => {
      const who = `${escapeMrkdwn(v.userName)} ${formatInstant(v.writtenAt, zone, lang, now)}`;
      if (i === 0) {
        lines.push(zh ? `• 原报告 · ${who} 提交：${summary(v.data, lang)}` : `• Original · submitted by ${who}: ${summary(v.data, lang)}`);
        return;
      }
      const changes = reportChanges(h.versions[i - 1]!.data, v.data, lang).join(zh ? "；" : "; ");
      lines.push(
        zh
          ? `• 第 ${v.revision} 次更正 · ${who}：${changes || "内容未变"}`
          : `• Correction ${v.revision} · by ${who}: ${changes || "no change"}`,
      );
    });
    const latest = h.versions.at(-1)!;
    lines.push(zh ? `　现为：${summary(latest.data, lang)}` : `  Now: ${summary(latest.data, lang)}`);
    return lines.join("\n");
  });
  const packed = packLines(entries, MAX_MESSAGE_BLOCKS - 2);
  blocks.push(...packed.blocks);
  blocks.push(
    context(
      packed.omitted > 0
        ? zh
          ? `\`${campaign.id}\` · 另有 ${packed.omitted} 份未显示，可按单位查看：/redline 行动 更正记录 ${campaign.id} <单位>`
          : `\`${campaign.id}\` · ${packed.omitted} more not shown; narrow it: /redline campaign corrections ${campaign.id} <department>`
        : `\`${campaign.id}\``,
    ),
  );
  const n = histories.length;
  return { text: zh ? `${title}：${n} 份报告有更正` : `${title}: ${n} corrected report${n === 1 ? "" : "s"}`, blocks };
}
