import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { allSubcommands, helpCommand } from "../../commands/index.ts";
import { parseCommand, unescapeSlackText } from "../../commands/parse-command.ts";
import { findSubcommand, type CommandContext } from "../../commands/registry.ts";
import { suggestSubcommand } from "../../commands/suggest-subcommand.ts";
import { answerWhoLeadsInAck, whoLeadsCommand } from "../../commands/who-leads.ts";
import { replyWithError } from "../../reply-error.ts";

/**
 * `/redline <subcommand> …`. Acks at once (Slack's 3 seconds), then runs the subcommand and answers
 * through `respond`. Text that names no subcommand is read as a who-leads question, answered in the ack
 * itself; when it matches nothing and its first word is a near miss of a subcommand, "did you mean" instead.
 */
export function redlineCommand(deps: AppDeps) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseCommand(command.text, deps.config.lang);
    const definition = !parsed.name ? helpCommand : (findSubcommand(allSubcommands, parsed.name) ?? whoLeadsCommand);
    const ctx: CommandContext = {
      deps,
      command:
        definition === whoLeadsCommand && !whoLeadsCommand.names.includes(parsed.name) ? { ...parsed, rest: unescapeSlackText(command.text).trim() } : parsed,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      respond,
      client,
      payload: command,
    };
    let acked = false;
    const ackOnce: typeof ack = async (response) => {
      if (acked) return;
      acked = true;
      await ack(response);
    };
    try {
      if (definition === whoLeadsCommand) {
        const meant =
          parsed.name && !whoLeadsCommand.names.includes(parsed.name) ? suggestSubcommand(allSubcommands, parsed.name) : undefined;
        await answerWhoLeadsInAck(ctx, ackOnce, meant ? { typed: parsed.name, meant } : undefined);
        return;
      }
      await ackOnce();
      await definition.run(ctx);
    } catch (e) {
      await ackOnce();
      await replyWithError(respond, e, parsed.lang, deps, {
        command: definition.names[0],
        text: command.text,
        user: command.user_id,
        channel: command.channel_id,
      });
    }
  };
}
