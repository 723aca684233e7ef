import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { allSubcommands, helpCommand } from "../../commands/index.ts";
import { parseCommand } from "../../commands/parse-command.ts";
import { findSubcommand, type CommandContext } from "../../commands/registry.ts";
import { whoLeadsCommand } from "../../commands/who-leads.ts";
import { replyWithError } from "../../reply-error.ts";

/**
 * `/redline <subcommand> …`. Acks at once (Slack's 3 seconds), then runs the subcommand and answers
 * through `respond`. Text that names no subcommand is read as a who-leads question.
 */
export function redlineCommand(deps: AppDeps) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = parseCommand(command.text, deps.config.lang);
    const definition = !parsed.name ? helpCommand : (findSubcommand(allSubcommands, parsed.name) ?? whoLeadsCommand);
    const ctx: CommandContext = {
      deps,
      command:
        definition === whoLeadsCommand && !whoLeadsCommand.names.includes(parsed.name) ? { ...parsed, rest: command.text.trim() } : parsed,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      respond,
      client,
      payload: command,
    };
    try {
      await definition.run(ctx);
    } catch (e) {
      await replyWithError(respond, e, parsed.lang, deps, {
        command: definition.names[0],
        text: command.text,
        user: command.user_id,
        channel: command.channel_id,
      });
    }
  };
}
