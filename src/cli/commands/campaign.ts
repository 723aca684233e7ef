import type { Command } from "commander";
import type { CliContext } from "../context.ts";

/** `redline campaign …` CLI commands (filled in by the campaign feature). */
export function register(_program: Command, _ctx: CliContext): void {}
