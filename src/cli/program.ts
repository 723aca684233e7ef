import { Command, CommanderError } from "commander";
import { asAppError } from "../lib/errors.ts";
import * as accident from "./commands/accident.ts";
import * as ask from "./commands/ask.ts";
import * as audit from "./commands/audit.ts";
import * as hazard from "./commands/hazard.ts";
import * as importCmd from "./commands/import.ts";
import * as tick from "./commands/tick.ts";
import * as score from "./commands/score.ts";
import * as campaign from "./commands/campaign.ts";
import * as meeting from "./commands/meeting.ts";
import * as matrixCmd from "./commands/matrix.ts";
import type { CliContext } from "./context.ts";

/** Every CLI command; `run` returns the exit code instead of exiting, so tests call it in-process. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = new Command("redline")
    .description("redline — work-safety office bot / 安全生产工作机器人")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) });
  for (const command of [ask, importCmd, tick, campaign, meeting, audit, accident, score, matrixCmd, hazard]) command.register(program, ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const error = asAppError(e);
    ctx.err(`${error.messageFor("zh")}\n${error.messageFor("en")}`);
    if (error.code === "internal") ctx.logger().error({ err: e }, "cli command failed");
    return 1;
  } finally {
    await ctx.close();
  }
}
