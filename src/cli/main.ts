import v8 from "node:v8";

// The embedded database and Prisma's query compiler are WebAssembly. A command runs for seconds, so V8's optimising
// tier only costs here: it doubled the CPU time of `redline ask` (compiling hot PostgreSQL functions on the second
// core) and held the exit back until those compiles finished. Set before anything compiles a Wasm module.
v8.setFlagsFromString("--liftoff-only");

await import("dotenv/config");
const { runThroughBot } = await import("./through-bot.ts");

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
  const { createCliContext } = await import("./context.ts");
  const { runCli } = await import("./program.ts");
  process.exitCode = await runCli(argv, createCliContext());
}
