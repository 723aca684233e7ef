import type { SubcommandDefinition } from "./registry.ts";

/** /redline subcommands for campaigns (filled in by the campaign feature). */
export const campaignCommands: SubcommandDefinition[] = [];
