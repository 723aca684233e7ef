import type { KnownBlock } from "@slack/types";
import type { WhoLeadsAnswer } from "../../domain/matrix/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { describeAnswer, renderAnswerText, sourceLabel } from "./describe-answer.ts";
import { section, clip } from "../mrkdwn.ts";

/** The who-leads answer: one section per line, quotes as context blocks, so the source stands apart. */
export function whoLeadsBlocks(
  answer: WhoLeadsAnswer,
  lang: Lang,
  officeChannelId?: string | null,
  zone?: string,
): { text: string; blocks: KnownBlock[] } {
  const parts = describeAnswer(answer, { lang, officeChannelId, markup: "mrkdwn", zone });
  const blocks: KnownBlock[] = [];
  for (const part of parts) {
    if (part.kind === "quote") {
      blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(`${sourceLabel(lang)}「${part.text}」`, 3000) }] });
    } else if (part.kind === "note") {
      blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(part.text, 3000) }] });
    } else {
      const last = blocks.at(-1);
      // Consecutive lines (a header and its bullet list) share one section.
      if (last?.type === "section" && last.text && part.text.startsWith("•"))
        last.text.text = clip(`${last.text.text}\n${part.text}`, 3000);
      else blocks.push(section(part.text));
    }
  }
  return { text: clip(renderAnswerText(answer, lang, zone), 3000), blocks: blocks.slice(0, 50) };
}
