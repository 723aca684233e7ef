import type { SubcommandDefinition } from "./registry.ts";

/** /redline subcommands for meetings (filled in by the meeting feature). */
export const meetingCommands: SubcommandDefinition[] = [];
