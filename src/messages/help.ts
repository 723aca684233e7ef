import type { KnownBlock } from "@slack/types";
import type { Lang } from "../lib/i18n.ts";
import { context, section } from "./mrkdwn.ts";

export function helpBlocks(lines: readonly string[], lang: Lang): { text: string; blocks: KnownBlock[] } {
  const title = lang === "zh" ? "*redline 命令*（安全生产是不能踩的“红线”）" : "*redline commands* (work safety is the red line)";
  const tip =
    lang === "zh"
      ? "也可以直接 @redline 提问，例如：@redline 养老院归哪个部门牵头？ · 用英文提问即用英文回答。"
      : "You can also mention @redline with a question, e.g. @redline who leads nursing homes? · Ask in Chinese for Chinese answers.";
  const text = [title, ...lines.map((l) => `• ${l}`)].join("\n");
  return { text, blocks: [section(text), context(tip)] };
}
