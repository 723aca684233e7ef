import type { KnownBlock, SectionBlock } from "@slack/types";

/** Slack rejects section text over 3000 characters; cut with an ellipsis instead. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function mrkdwnSection(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } };
}

export function contextLine(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(text, 3000) }] };
}

/** An ephemeral error or notice: one section, nothing else. */
export function noticeBlocks(text: string): { text: string; blocks: KnownBlock[] } {
  return { text: truncate(text, 3000), blocks: [mrkdwnSection(text)] };
}
