import "dotenv/config";
import { createCliContext } from "./context.ts";
import { runThroughBot } from "./through-bot.ts";

const argv = process.argv.slice(2);
const readStdin = async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};
const err = (line: string) => process.stderr.write(`${line}\n`);
// While a bot owns the embedded folder, the command runs in it; otherwise here (the folder's lock decides).
const proxied = await runThroughBot(argv, { env: process.env, readStdin, out: (line) => process.stdout.write(`${line}\n`), err });
if (proxied !== null) process.exitCode = proxied;
else {
  const { runCli } = await import("./program.ts");
  process.exitCode = await runCli(argv, createCliContext());
}
