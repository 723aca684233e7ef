import { followUpName } from "../../domain/accountability/categories.ts";
import type { Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn as esc, header, packLines, type SlackMessage } from "../mrkdwn.ts";

export interface OpenAccident {
  id: string;
  occurredOn: string;
  unitName: string;
  openItems: string[];
  /** Working days since it was recorded. */
  workingDaysOpen: number;
}

/** The office's working-day reminder: every accident not yet closed under 四不放过, with its open items. */
export function buildFollowUpReminder(accidents: readonly OpenAccident[], day: string, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const title = zh ? `⏰ 四不放过未落实事项（${day}）` : `⏰ 四不放过 items still open (${day})`;
  const lines = accidents.map((a) => {
    const items = a.openItems.map((i) => followUpName(i, lang)).join(zh ? "、" : ", ");
    return zh
      ? `\`${a.id}\` ${a.occurredOn} *${esc(a.unitName)}*：待落实 ${items}（已登记 ${a.workingDaysOpen} 个工作日）`
      : `\`${a.id}\` ${a.occurredOn} *${esc(a.unitName)}*: open — ${items} (${a.workingDaysOpen} working days since recorded)`;
  });
  const { blocks, omitted } = packLines(lines, 45);
  const how = zh
    ? "逐项落实：`/redline 事故 落实 <编号> <原因|责任人|教育|措施> \"情况说明\" \"证据（文号或链接）\"`，四项全部落实后事故方可闭环。"
    : 'Close an item: `/redline accident close <id> <cause|people|education|measures> "note" "evidence (document no. or link)"`; the accident closes when all four are.';
  return {
    text: `${title}: ${accidents.length}`,
    blocks: [header(title), ...blocks, ...(omitted ? [context(zh ? `另有 ${omitted} 起未显示。` : `${omitted} more not shown.`)] : []), context(how)],
  };
}
