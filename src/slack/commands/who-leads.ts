import type { Config } from "../../config/env.ts";
import type { MatrixLead, WhoLeadsAnswer } from "../../domain/matrix/types.ts";
import { pick, type Lang } from "../../lib/i18n.ts";
import { answerLang } from "../../messages/matrix/describe-answer.ts";
import { whoLeadsBlocks } from "../../messages/matrix/who-leads.ts";
import { escapeMrkdwn, noticeBlocks } from "../../messages/mrkdwn.ts";
import type { CommandContext, SubcommandDefinition } from "./registry.ts";

/** How long the matrix may take before the ack goes out empty and the answer follows through `respond`. */
const ANSWER_IN_ACK_WITHIN_MS = 1500;

/**
 * The who-leads answer as Slack shows it. The answer quotes the question when the matrix has no match, and the
 * office types venue names, aliases, scopes and clauses from Slack, so all of it is escaped first: `<!channel> 养老院`
 * must not ping a channel from a thread reply.
 */
export function whoLeadsReply(answer: WhoLeadsAnswer, lang: Lang, config: Pick<Config, "officeChannelId" | "zone">) {
  const e = escapeMrkdwn;
  const n = <T extends { nameZh: string; nameEn: string }>(x: T): T => ({ ...x, nameZh: e(x.nameZh), nameEn: e(x.nameEn) });
  const lead = (l: MatrixLead): MatrixLead => ({
    ...l,
    scopeZh: l.scopeZh && e(l.scopeZh),
    scopeEn: l.scopeEn && e(l.scopeEn),
    sourceClause: e(l.sourceClause),
    office: l.office && { ...l.office, document: l.office.document && e(l.office.document) },
  });
  const escaped: WhoLeadsAnswer = {
    ...answer,
    query: e(answer.query),
    understood: answer.understood && e(answer.understood),
    venues: answer.venues.map((v) => ({ ...v, venueType: n(v.venueType), leads: v.leads.map(lead), members: v.members?.map(n) })),
    suggestions: answer.suggestions?.map(n),
  };
  return whoLeadsBlocks(escaped, lang, config.officeChannelId, config.zone);
}

export const whoLeadsCommand: SubcommandDefinition = {
  names: ["who-leads", "wholeads", "who", "谁负责", "谁牵头", "牵头"],
  usage: {
    zh: "`/redline 谁负责 <场所>` — 查询某类场所由哪个部门牵头（附讲话原文依据），例如 `/redline 谁负责 养老院`、`/redline 民政部门牵头哪些场所`",
    en: "`/redline who-leads <place>` — which department leads a kind of place, with the source clause, e.g. `/redline who-leads KTV`, `/redline what does Civil Affairs lead`",
  },
  async run(ctx) {
    const answer = await ctx.deps.whoLeads.ask(ctx.command.rest);
    await ctx.respond({ response_type: "ephemeral", ...reply(ctx, answer) });
  },
};

type Ack = (response?: { response_type: "ephemeral"; text: string; blocks?: unknown[] }) => Promise<void>;

/**
 * A who-leads question answered in the ack itself: the matrix is in memory, so the deterministic answer takes
 * well under a millisecond and the person sees it as soon as Slack does. Only when the model is needed (nothing
 * matched) — or the database is slow — does the ack go out empty and the answer follow through `respond`.
 * `mistyped` is the subcommand a mistyped first word probably meant: said instead of "not found".
 */
export async function answerWhoLeadsInAck(ctx: CommandContext, ack: Ack, mistyped?: { typed: string; meant: string }): Promise<void> {
  const question = ctx.command.rest;
  // A plain timer, not an aborted sleep: an AbortController per question cost a DOMException with its stack each time.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const quick = await Promise.race([
    ctx.deps.whoLeads.answer(question),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ANSWER_IN_ACK_WITHIN_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!quick) {
    await ack();
    await whoLeadsCommand.run(ctx);
    return;
  }
  if (mistyped && quick.answer.venues.length === 0 && !quick.answer.department) {
    await ack({ response_type: "ephemeral", ...didYouMean(ctx.command.lang, mistyped) });
    return;
  }
  if (!quick.guess) {
    await ack({ response_type: "ephemeral", ...reply(ctx, quick.answer) });
    return;
  }
  // The model is asked while the empty ack goes out; its answer follows through the response URL, nothing else first.
  const guessed = quick.guess();
  guessed.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
  await ack();
  await ctx.respond({ response_type: "ephemeral", ...reply(ctx, await guessed) });
}

/** `/redline KTV` keeps the default language; `/redline who-leads KTV` was typed in English. */
function reply(ctx: CommandContext, answer: WhoLeadsAnswer) {
  const typedSubcommand = whoLeadsCommand.names.includes(ctx.command.name);
  const lang = typedSubcommand ? ctx.command.lang : answerLang(answer, ctx.command.lang, ctx.deps.config.lang);
  return whoLeadsReply(answer, lang, ctx.deps.config);
}

function didYouMean(lang: Lang, { typed, meant }: { typed: string; meant: string }) {
  const t = escapeMrkdwn(typed);
  return noticeBlocks(
    pick(
      {
        zh: `没有“${t}”这个命令。您是想用 \`/redline ${meant}\` 吗？（\`/redline 帮助\` 列出全部命令）`,
        en: `There is no "${t}" command. Did you mean \`/redline ${meant}\`? (\`/redline help\` lists every command)`,
      },
      lang,
    ),
  );
}
