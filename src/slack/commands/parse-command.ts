import { detectLang, type Lang } from "../../lib/i18n.ts";

export interface ParsedCommand {
  /** The subcommand as typed, lower-cased ("who-leads", "谁负责", …); "" when none. */
  name: string;
  /** Everything after the subcommand, trimmed. */
  rest: string;
  /** Words after the subcommand, respecting "quoted phrases". */
  args: string[];
  lang: Lang;
}

/**
 * The command text as the person typed it. The manifest has `should_escape: true`, so Slack sends a mention as
 * `<@U123|name>` and a typed &, <, > as entities; the entities are decoded, the mentions stay for the commands to read.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Splits `/redline <sub> <args>`; the language follows the text (Chinese when there is any). */
export function parseCommand(text: string, fallback: Lang): ParsedCommand {
  const trimmed = unescapeSlackText(text).trim().slice(0, 2000);
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? "").toLowerCase();
  const rest = (match?.[2] ?? "").trim();
  return { name, rest, args: splitArgs(rest), lang: detectLang(trimmed, fallback) };
}

export function splitArgs(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** Text after the bot mention: "<@U123> 养老院归谁管" → "养老院归谁管". */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(\|[^>]*)?>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
