import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { detectLang } from "../../../lib/i18n.ts";
import { helpBlocks } from "../../../messages/help.ts";
import { allSubcommands } from "../../commands/index.ts";
import { stripMentions } from "../../commands/parse-command.ts";
import { whoLeadsReply } from "../../commands/who-leads.ts";
import { answerLang } from "../../../messages/matrix/describe-answer.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { helpLines } from "../../commands/registry.ts";
import type { AppDeps } from "../../deps.ts";

/**
 * `@redline 养老院归哪个部门牵头？` — answered in a thread under the question. Keyed on the event id, so a
 * retried delivery of the same event is answered once.
 */
export function appMention(deps: AppDeps) {
  return async ({ event, body }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs): Promise<void> => {
    const question = stripMentions(event.text ?? "");
    const lang = detectLang(question, deps.config.lang);
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    const reply = /^(help|帮助|\?|？)?$/i.test(question)
      ? helpBlocks(helpLines(allSubcommands, lang, false), lang)
      : await answerMention(deps, question, lang);
    await deps.delivery.postOnce({
      key: `mention:${eventId}`,
      kind: "mention-answer",
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      message: reply,
    });
  };
}

async function answerMention(deps: AppDeps, question: string, lang: Lang) {
  const answer = await deps.whoLeads.ask(question);
  return whoLeadsReply(answer, answerLang(answer, lang, deps.config.lang), deps.config);
}
