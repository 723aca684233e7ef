import { helpBlocks } from "../../messages/help.ts";
import { isOfficeMember } from "../../directory/membership.ts";
import { helpLines, type SubcommandDefinition } from "./registry.ts";
import { accidentCommand } from "./accident-commands.ts";
import { auditCommand } from "./audit.ts";
import { campaignCommands } from "./campaign-commands.ts";
import { digestCommand } from "./digest.ts";
import { groupCommand } from "./group-commands.ts";
import { hazardCommand } from "./hazard-commands.ts";
import { matrixCommand } from "./matrix-commands.ts";
import { meetingCommands } from "./meeting-commands.ts";
import { whoLeadsCommand } from "./who-leads.ts";
import { scoreCommand } from "./score-commands.ts";
import { circularCommand } from "./circular-commands.ts";

const featureCommands: SubcommandDefinition[] = [
  whoLeadsCommand,
  ...campaignCommands,
  ...meetingCommands,
  hazardCommand,
  groupCommand,
  digestCommand,
  auditCommand,
  accidentCommand,
  scoreCommand,
  circularCommand,
  matrixCommand,
];

export const helpCommand: SubcommandDefinition = {
  names: ["help", "帮助", "?", "？"],
  usage: { zh: "`/redline 帮助` — 列出全部命令", en: "`/redline help` — list every command" },
  async run({ deps, command, userId, respond }) {
    const office = await isOfficeMember(deps.db, userId);
    await respond({ response_type: "ephemeral", ...helpBlocks(helpLines(allSubcommands, command.lang, office), command.lang) });
  },
};

/** Every `/redline` subcommand, in the order help lists them. */
export const allSubcommands: SubcommandDefinition[] = [...featureCommands, helpCommand];
