import type { Button, KnownBlock, SectionBlock } from "@slack/types";
import type { Lang } from "../../../lib/i18n.ts";

export type Block = KnownBlock;

/** A message as chat.postMessage / chat.update take it: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_HEADER = 150;

/** Text people typed (names, titles, meeting titles) must not turn into mentions or links. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

export const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
export const header = (text: string): Block => ({ type: "header", text: plain(clip(text, MAX_HEADER)) });
export const section = (text: string, accessory?: Button | null, blockId?: string): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, MAX_SECTION) },
  ...(blockId ? { block_id: blockId } : {}),
  ...(accessory ? { accessory } : {}),
});
export const context = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text: clip(text, 2000) }] });
export const divider = (): Block => ({ type: "divider" });

/**
 * Lines packed into as few sections as fit, the first starting with `heading`; a list too long for `maxBlocks`
 * sections ends with "…and N more" so a long list is cut visibly, never silently.
 */
export function listSections(heading: string, lines: readonly string[], maxBlocks: number, lang: Lang): Block[] {
  const texts: string[] = [];
  let current = heading;
  let placed = 0;
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if ([...next].length <= MAX_SECTION - 40) {
      current = next;
      placed++;
      continue;
    }
    if (texts.length + 1 >= maxBlocks) break;
    texts.push(current);
    current = clip(line, MAX_SECTION - 40);
    placed++;
  }
  const omitted = lines.length - placed;
  if (omitted > 0) current += lang === "zh" ? `\n…另有 ${omitted} 项，请导出签到表查看全部。` : `\n…and ${omitted} more; export the sheet to see them all.`;
  texts.push(current);
  return texts.map((t) => section(t));
}

/** "张三（局长）" / "Zhang San (Director)", escaped. */
export function person(p: { name: string; title: string | null }, lang: Lang): string {
  if (!p.title) return esc(p.name);
  return lang === "zh" ? `${esc(p.name)}（${esc(p.title)}）` : `${esc(p.name)} (${esc(p.title)})`;
}

export function mention(slackUserId: string): string {
  return `<@${slackUserId}>`;
}

export function deptName(d: { nameZh: string; nameEn: string }, lang: Lang): string {
  return esc(lang === "zh" ? d.nameZh : d.nameEn);
}
