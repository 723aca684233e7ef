import { answerLang } from "../../domain/matrix/suggest.ts";
import type { WhoLeadsAnswer } from "../../domain/matrix/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { whoLeadsBlocks } from "../../messages/matrix/who-leads.ts";
import { escapeMrkdwn, noticeBlocks } from "../../messages/mrkdwn.ts";
import type { SubcommandDefinition } from "./registry.ts";

/**
 * The who-leads answer as Slack shows it. The answer quotes the question when the matrix has no match, so the
 * question is escaped first: `<!channel> 养老院` must not ping a channel from a thread reply.
 */
export function whoLeadsReply(answer: WhoLeadsAnswer, lang: Lang, officeChannelId?: string | null) {
  const place = answer.place === undefined ? undefined : escapeMrkdwn(answer.place);
  return whoLeadsBlocks({ ...answer, query: escapeMrkdwn(answer.query), place }, lang, officeChannelId);
}

export const whoLeadsCommand: SubcommandDefinition = {
  names: ["who-leads", "wholeads", "who", "谁负责", "谁牵头", "牵头"],
  usage: {
    zh: "`/redline 谁负责 <场所>` — 查询某类场所由哪个部门牵头（附讲话原文依据），例如 `/redline 谁负责 养老院`",
    en: "`/redline who-leads <place>` — which department leads a kind of place, with the source clause, e.g. `/redline who-leads KTV`",
  },
  async run({ deps, command, respond, didYouMean }) {
    const answer = await deps.whoLeads.ask(command.rest, { llm: !didYouMean });
    const lang = answerLang(command.rest, answer, deps.config.lang);
    // "/redline campain list": the first word is a slip for a command, not a place.
    if (didYouMean && answer.venues.length === 0) {
      const typed = escapeMrkdwn(command.name);
      const text =
        lang === "zh"
          ? `没有“${typed}”这个命令。您是不是要输入 \`/redline ${didYouMean}\`？输入 \`/redline 帮助\` 查看全部命令。`
          : `There is no command "${typed}". Did you mean \`/redline ${didYouMean}\`? Type \`/redline help\` for every command.`;
      await respond({ response_type: "ephemeral", ...noticeBlocks(text) });
      return;
    }
    await respond({ response_type: "ephemeral", ...whoLeadsReply(answer, lang, deps.config.officeChannelId) });
  },
};
