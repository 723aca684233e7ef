import type { Lang } from "../../lib/i18n.ts";
import { packLines, type Block } from "../mrkdwn.ts";

/**
 * Lines packed into at most `maxBlocks` sections, the first starting with `heading`; a list too long ends with
 * "…and N more" so it is cut visibly, never silently.
 */
export function listSections(heading: string, lines: readonly string[], maxBlocks: number, lang: Lang): Block[] {
  const { blocks, omitted } = packLines(lines, Math.max(1, maxBlocks), heading || undefined);
  if (omitted === 0) return blocks;
  const note = lang === "zh" ? `…另有 ${omitted} 项，请导出签到表查看全部。` : `…and ${omitted} more; export the sheet to see them all.`;
  const last = blocks.at(-1);
  if (last?.type === "section" && last.text && [...last.text.text].length + note.length + 1 <= 3000) last.text.text += `\n${note}`;
  else blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: note }] });
  return blocks;
}
