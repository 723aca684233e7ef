import { whoLeadsBlocks } from "../../messages/matrix/who-leads.ts";
import type { SubcommandDefinition } from "./registry.ts";

export const whoLeadsCommand: SubcommandDefinition = {
  names: ["who-leads", "wholeads", "who", "谁负责", "谁牵头", "牵头"],
  usage: {
    zh: "`/redline 谁负责 <场所>` — 查询某类场所由哪个部门牵头（附讲话原文依据），例如 `/redline 谁负责 养老院`",
    en: "`/redline who-leads <place>` — which department leads a kind of place, with the source clause, e.g. `/redline who-leads KTV`",
  },
  async run({ deps, command, respond }) {
    const answer = await deps.whoLeads.ask(command.rest);
    await respond({ response_type: "ephemeral", ...whoLeadsBlocks(answer, command.lang, deps.config.officeChannelId) });
  },
};
