import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCliContext } from "../../src/cli/context.ts";
import { commandModules, runCli } from "../../src/cli/program.ts";
import type { Database } from "../../src/db/client.ts";
import { openTestDatabase } from "../support/db.ts";
import { testCli } from "../support/test-cli.ts";

const EVERY_COMMAND = [
  "ask",
  "import",
  "tick",
  "campaign",
  "status",
  "meeting",
  "absences",
  "audit",
  "accident",
  "score",
  "matrix",
  "hazard",
  "circular",
];

/** The top-level commands the modules `argv` loads would define. */
async function definedFor(argv: string[]): Promise<string[]> {
  const program = new Command("redline");
  for (const m of await commandModules(argv)) m.register(program, createCliContext({ LOG_LEVEL: "silent" }));
  return program.commands.map((c) => c.name());
}

describe("the CLI loads only the command it runs", () => {
  it("loads the module of the command named first, and nothing else", async () => {
    expect(await definedFor(["ask", "KTV"])).toEqual(["ask"]);
    expect(await definedFor(["status", "summer-fire-safety-2026"])).toEqual(["campaign", "status"]);
    expect(await definedFor(["absences", "--json"])).toEqual(["meeting", "absences"]);
    expect(await definedFor(["hazard", "list"])).toEqual(["hazard"]);
  });

  it("loads every command for help, a typo or nothing, so help and 'did you mean' see them all", async () => {
    for (const argv of [[], ["--help"], ["help"], ["campain", "list"]]) {
      expect((await definedFor(argv)).sort()).toEqual([...EVERY_COMMAND].sort());
    }
  });

  it("knows every command file, so a new command cannot be left out of the list", async () => {
    const dir = path.join(import.meta.dirname, "../../src/cli/commands");
    const files = readdirSync(dir).filter((f) => /export function register\(/.test(readFileSync(path.join(dir, f), "utf8")));
    const all = await commandModules([]);
    for (const f of files) expect(all, f).toContain(await import(path.join(dir, f)));
  });

  it("help lists every command; a typo is answered with the command it resembles", async () => {
    const cli = testCli(null as unknown as Database);
    expect(await cli.run("--help")).toBe(0);
    for (const name of EVERY_COMMAND) expect(cli.text()).toMatch(new RegExp(`^  ${name}\\b`, "m"));
    const typo = testCli(null as unknown as Database);
    expect(await typo.run("campain", "list")).not.toBe(0);
    expect(typo.errText()).toContain("Did you mean campaign?");
  });
});

const pg = inject("postgresTemplateUrl");
describe.skipIf(!pg)("a command on PostgreSQL", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
  });
  afterAll(async () => db?.close());

  it("leaves no socket and no timer behind once it has printed its answer", async () => {
    // A socket pg has ended is listed until its close callback runs, some turns of the loop later (no timer: a timer
    // would count itself); an idle pool left open holds its sockets and its 10 s idle timer and fails this.
    const held = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "Timeout").length;
    const baseline = held();
    const out: string[] = [];
    const ctx = { ...createCliContext({ DATABASE_URL: db.url, LOG_LEVEL: "silent" }), out: (l: string) => out.push(l) };
    expect(await runCli(["ask", "KTV"], ctx)).toBe(0);
    expect(out.join("\n")).toContain("文化部门");
    for (let turn = 0; turn < 1_000 && held() > baseline; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(held()).toBeLessThanOrEqual(baseline);
  });
});
