import type { WhoLeadsAnswer } from "../../domain/matrix/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { whoLeadsBlocks } from "../../messages/matrix/who-leads.ts";
import { escapeMrkdwn } from "../../messages/mrkdwn.ts";
import type { SubcommandDefinition } from "./registry.ts";

/**
 * The who-leads answer as Slack shows it. The answer quotes the question when the matrix has no match, so the
 * question is escaped first: `<!channel> 养老院` must not ping a channel from a thread reply.
 */
export function whoLeadsReply(answer: WhoLeadsAnswer, lang: Lang, officeChannelId?: string | null) {
  return whoLeadsBlocks({ ...answer, query: escapeMrkdwn(answer.query) }, lang, officeChannelId);
}

export const whoLeadsCommand: SubcommandDefinition = {
  names: ["who-leads", "wholeads", "who", "谁负责", "谁牵头", "牵头"],
  usage: {
    zh: "`/redline 谁负责 <场所>` — 查询某类场所由哪个部门牵头（附讲话原文依据），例如 `/redline 谁负责 养老院`",
    en: "`/redline who-leads <place>` — which department leads a kind of place, with the source clause, e.g. `/redline who-leads KTV`",
  },
  async run({ deps, command, respond }) {
    const answer = await deps.whoLeads.ask(command.rest);
    await respond({ response_type: "ephemeral", ...whoLeadsReply(answer, command.lang, deps.config.officeChannelId) });
  },
};
