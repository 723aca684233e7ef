import v8 from "node:v8";

// The embedded database and Prisma's query compiler are WebAssembly. A command runs for seconds, so V8's optimising
// tier only costs here: it doubled the CPU time of `redline ask` (compiling hot PostgreSQL functions on the second
// core) and held the exit back until those compiles finished. Set before anything compiles a Wasm module.
v8.setFlagsFromString("--liftoff-only");

await import("dotenv/config");
const { createCliContext } = await import("./context.ts");
const { runCli } = await import("./program.ts");

process.exitCode = await runCli(process.argv.slice(2), createCliContext());
