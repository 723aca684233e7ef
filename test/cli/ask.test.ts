import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { openTestDatabase } from "../support/db.ts";
import { testCli } from "../support/test-cli.ts";

describe("redline ask", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase("embedded");
  });
  afterAll(async () => db?.close());

  it("prints the answer as text, in the question's language", async () => {
    const cli = testCli(db);
    expect(await cli.run("ask", "养老院归哪个部门牵头？")).toBe(0);
    expect(cli.out.join("\n")).toContain("养老院 → 牵头部门：民政部门");
    expect(cli.out.join("\n")).toContain("依据：「特别是民政部门要牵头负责");
  });

  it("exits non-zero with a clear message for an unknown command", async () => {
    const cli = testCli(db);
    expect(await cli.run("frobnicate")).not.toBe(0);
    expect(cli.err.join("\n")).toContain("unknown command");
  });

  it("tick refuses to run without Slack credentials, in both languages", async () => {
    const cli = testCli(db);
    expect(await cli.run("tick", "--at", "2026-05-28T09:00:00+08:00")).toBe(1);
    expect(cli.err.join("\n")).toContain("SLACK_BOT_TOKEN");
  });
});

describe("npx redline ask --json on a fresh embedded database (subprocess)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "redline-cli-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("reads one question per line and prints one JSON object per line", async () => {
    const questions = ["养老院归哪个部门牵头？", "图书馆", "who leads KTV?", "", "加油站", "油气管道", "民政部门牵头哪些场所？"];
    const child = execFile("node", ["src/cli/bin.mjs", "ask", "--json"], {
      env: { ...process.env, DATABASE_URL: `pglite:${dir}/db`, LOG_LEVEL: "silent", SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" },
      timeout: 120_000,
    });
    child.stdin!.end(questions.join("\n"));
    const [stdout] = await Promise.all([
      new Promise<string>((resolve, reject) => {
        let s = "";
        child.stdout!.on("data", (d) => (s += d));
        child.on("close", (code) => (code === 0 ? resolve(s) : reject(new Error(`exit ${code}`))));
      }),
    ]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.query, l.status, l.leads.map((x: { id: string }) => x.id)])).toEqual([
      ["养老院归哪个部门牵头？", "found", ["civil-affairs"]],
      ["图书馆", "ambiguous", ["culture", "education", "universities"]],
      ["who leads KTV?", "found", ["culture"]],
      ["", "not_found", []],
      ["加油站", "not_found", []],
      ["油气管道", "not_found", []],
      ["民政部门牵头哪些场所？", "found", ["civil-affairs"]],
    ]);
    // The reverse question lists what the department leads.
    expect(lines[6].department).toEqual({ id: "civil-affairs", name: "民政部门" });
    expect(lines[6].venueTypes.map((v: { id: string }) => v.id)).toEqual(
      expect.arrayContaining(["nursing-home", "welfare-home", "elderly-home", "psychiatric-hospital", "shelter", "special-school"]),
    );
    expect(lines[0].leads[0]).toEqual({ id: "civil-affairs", name: "民政部门", nameEn: "Civil Affairs Department" });
    expect(lines[0].venueTypes[0].id).toBe("nursing-home");
    expect(lines[0].source).toContain("民政部门要牵头负责");
    expect(lines[5].source).toContain("相关责任部门");
    expect(lines[4].understood).toBe("加油站");
  }, 120_000);
});
