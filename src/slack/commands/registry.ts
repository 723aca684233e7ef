import type { RespondFn, SlackCommandMiddlewareArgs, AllMiddlewareArgs } from "@slack/bolt";
import type { Bilingual, Lang } from "../../lib/i18n.ts";
import type { SweepDeps } from "../../delivery/sweep.ts";
import { noticeBlocks } from "../../messages/mrkdwn.ts";
import type { AppDeps } from "../deps.ts";
import type { ParsedCommand } from "./parse-command.ts";

export interface CommandContext {
  deps: AppDeps;
  command: ParsedCommand;
  userId: string;
  channelId: string;
  triggerId: string;
  respond: RespondFn;
  client: AllMiddlewareArgs["client"];
  /** The raw slash-command payload. */
  payload: SlackCommandMiddlewareArgs["command"];
}

/** One `/redline` subcommand. Handlers run after the 3-second ack; they answer through `respond`. */
export interface SubcommandDefinition {
  /** Names and aliases, Chinese and English: ["who-leads", "谁负责", "谁牵头"]. */
  names: string[];
  /** One help line, per language. */
  usage: Bilingual;
  /** Shown in help only to the safety office. */
  officeOnly?: boolean;
  run(ctx: CommandContext): Promise<void>;
}

export function findSubcommand(definitions: readonly SubcommandDefinition[], name: string): SubcommandDefinition | undefined {
  return definitions.find((d) => d.names.includes(name));
}

export function helpLines(definitions: readonly SubcommandDefinition[], lang: Lang, isOffice: boolean): string[] {
  return definitions.filter((d) => isOffice || !d.officeOnly).map((d) => d.usage[lang]);
}

/** What a command needs to run a service that posts on its own (the same shape the scheduler's sweeps get). */
export function commandSweepDeps(ctx: CommandContext): SweepDeps {
  return ctx.deps;
}

/** A one-line private answer to the person who typed the command. */
export function say(ctx: CommandContext, text: string) {
  return ctx.respond({ response_type: "ephemeral", ...noticeBlocks(text) });
}
