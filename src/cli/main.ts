import "dotenv/config";
import { createCliContext } from "./context.ts";
import { runCli } from "./program.ts";

process.exitCode = await runCli(process.argv.slice(2), createCliContext());
