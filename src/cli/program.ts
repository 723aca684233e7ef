import { Command, CommanderError } from "commander";
import { asAppError } from "../lib/errors.ts";
import type { CliContext } from "./context.ts";

interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

/**
 * Each top-level command and the module that defines it, loaded only when that command runs: `redline ask KTV`
 * does not pay for Excel, the scheduler or the campaign code. Help, an unknown word or no word load them all, so
 * the help text and commander's "did you mean" see every command.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  ask: () => import("./commands/ask.ts"),
  import: () => import("./commands/import.ts"),
  tick: () => import("./commands/tick.ts"),
  campaign: () => import("./commands/campaign.ts"),
  status: () => import("./commands/campaign.ts"),
  meeting: () => import("./commands/meeting.ts"),
  absences: () => import("./commands/meeting.ts"),
  audit: () => import("./commands/audit.ts"),
  accident: () => import("./commands/accident.ts"),
  score: () => import("./commands/score.ts"),
  circular: () => import("./commands/circular.ts"),
  matrix: () => import("./commands/matrix.ts"),
  hazard: () => import("./commands/hazard.ts"),
};

/** The modules `argv` needs: the one its first word names, or every one. */
export async function commandModules(argv: readonly string[]): Promise<CommandModule[]> {
  const load = Object.hasOwn(COMMANDS, argv[0] ?? "") ? [COMMANDS[argv[0]!]!] : Object.values(COMMANDS);
  return [...new Set(await Promise.all(load.map((f) => f())))];
}

/** Every CLI command; `run` returns the exit code instead of exiting, so tests call it in-process. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = new Command("redline")
    .description("redline — work-safety office bot / 安全生产工作机器人")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) });
  try {
    for (const command of await commandModules(argv)) command.register(program, ctx);
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
