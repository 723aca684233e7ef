import { createInterface } from "node:readline";
import type { Command } from "commander";
import { detectLang } from "../../lib/i18n.ts";
import { answerJson, answerLang, renderAnswerText } from "../../messages/matrix/describe-answer.ts";
import { createWhoLeadsService } from "../../matrix/who-leads.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("ask")
    .description("which department leads a kind of place / 查询场所的牵头部门")
    .argument("[question...]", "the question, e.g. 养老院归哪个部门牵头？")
    .option("--json", "read one question per line from stdin, print one JSON object per line")
    .action(async (words: string[], opts: { json?: boolean }) => {
      const config = ctx.config();
      // The model client (openai) is loaded only when a model is configured; the bot's server code not at all.
      const guesser = config.openai
        ? (await import("../../matrix/llm-fallback.ts")).createLlmGuesser({ ...config.openai, logger: ctx.logger() })
        : undefined;
      const whoLeads = createWhoLeadsService((await ctx.database()).prisma, guesser);
      if (opts.json) {
        const questions = words.length ? [words.join(" ")] : await readLines(ctx.stdin?.() ?? process.stdin);
        for (const q of questions) ctx.out(JSON.stringify(answerJson(await whoLeads.ask(q))));
        return;
      }
      const question = words.join(" ");
      const answer = await whoLeads.ask(question);
      ctx.out(renderAnswerText(answer, answerLang(answer, detectLang(question, ctx.config().lang), ctx.config().lang)));
    });
}

async function readLines(input: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = [];
  // Every input line gets its answer line, blank ones included, so scripts can zip questions and answers.
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line.trim());
  return lines;
}
