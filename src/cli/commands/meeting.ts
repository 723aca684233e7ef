import type { Command } from "commander";
import type { CliContext } from "../context.ts";

/** `redline meeting …` CLI commands (filled in by the meeting feature). */
export function register(_program: Command, _ctx: CliContext): void {}
