import type { Button, KnownBlock, SectionBlock } from "@slack/types";
import type { Lang } from "../lib/i18n.ts";

/** Block Kit text helpers every message builder shares: escaping, Slack's limits, the common blocks. */

export type Block = KnownBlock;

/** A message as chat.postMessage / chat.update take it: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;
export const MAX_CONTEXT_TEXT = 2000;

/** Slack reads &, < and > as markup; text people typed must not become a mention or a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Plain text for an mrkdwn field: escaped, except `<@U…>` mentions when the text names people on purpose (a sentence
 * built from server data, such as "the pledge must be signed by <@U123>").
 */
export function plainToMrkdwn(text: string, options: { keepMentions?: boolean } = {}): string {
  const escaped = escapeMrkdwn(text);
  return options.keepMentions ? escaped.replace(/&lt;@([UW][A-Z0-9]+)&gt;/g, "<@$1>") : escaped;
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** A block quote: every line prefixed, so a multi-line clause stays inside the quote. */
export function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `>${escapeMrkdwn(line)}`)
    .join("\n");
}

/** ▓▓▓░░░░░░░ 3/10 — a progress bar made of text, since a message cannot hold a picture of one. */
export function progressBar(done: number, total: number, width = 10): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${done}/${total}`;
}

export const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
export const header = (text: string): Block => ({ type: "header", text: plain(clip(text, MAX_HEADER_TEXT)) });
export const section = (text: string, blockId?: string, accessory?: Button | null): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, MAX_SECTION_TEXT) },
  ...(blockId ? { block_id: blockId } : {}),
  ...(accessory ? { accessory } : {}),
});
export const context = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text: clip(text, MAX_CONTEXT_TEXT) }] });
export const divider = (): Block => ({ type: "divider" });

/**
 * Lines packed into as few sections as fit `MAX_SECTION_TEXT`, at most `maxBlocks` of them (a heading, if any,
 * starts the first). A single line longer than a section is clipped. `omitted` counts the lines that did not fit,
 * for the caller's "N more" note.
 */
export function packLines(lines: readonly string[], maxBlocks: number, heading?: string): { blocks: Block[]; omitted: number } {
  if (maxBlocks < 1) return { blocks: [], omitted: lines.length };
  const texts: string[] = [];
  let current: string | null = heading ?? null;
  let placed = 0;
  for (const raw of lines) {
    const line = clip(raw, MAX_SECTION_TEXT - 1);
    if (current === null || [...current].length + 1 + [...line].length <= MAX_SECTION_TEXT) {
      current = current === null ? line : `${current}\n${line}`;
      placed++;
      continue;
    }
    // Closing this section and opening another would need one block more than allowed.
    if (texts.length + 1 >= maxBlocks) break;
    texts.push(current);
    current = line;
    placed++;
  }
  if (current !== null) texts.push(current);
  return { blocks: texts.map((t) => section(t)), omitted: lines.length - placed };
}

/** An ephemeral notice or error: one section, nothing else. */
export function noticeBlocks(text: string): SlackMessage {
  return { text: clip(text, MAX_SECTION_TEXT), blocks: [section(text)] };
}

export function mention(slackUserId: string): string {
  return `<@${slackUserId}>`;
}

/** "张三（局长）" / "Zhang San (Director)", escaped. */
export function person(p: { name: string; title: string | null }, lang: Lang): string {
  if (!p.title) return escapeMrkdwn(p.name);
  return lang === "zh" ? `${escapeMrkdwn(p.name)}（${escapeMrkdwn(p.title)}）` : `${escapeMrkdwn(p.name)} (${escapeMrkdwn(p.title)})`;
}

export function deptName(d: { nameZh: string; nameEn: string }, lang: Lang): string {
  return escapeMrkdwn(lang === "zh" ? d.nameZh : d.nameEn);
}
