import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, SCHEDULER_ACTOR } from "../../src/audit/record-audit.ts";
import type { Database } from "../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { testCli as cli } from "../support/test-cli.ts";

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 4, day, hour - 8));

describe.each(dbKinds())("redline audit on the command line (%s database)", (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await recordAudit(db.prisma, {
      actor: "U0LIAISON",
      action: "campaign.acknowledge",
      outcome: "ok",
      subject: "campaign:summer-fire-safety",
      departmentId: "culture",
      channelId: "CCULTURE",
      messageTs: "1.0001",
      at: at(24),
    });
    await recordAudit(db.prisma, {
      actor: "U0OUTSIDER",
      action: "campaign.ack",
      outcome: "refused",
      subject: "campaign:summer-fire-safety",
      departmentId: "culture",
      detail: { code: "forbidden", text: '逗号, "引号"\n换行' },
      at: at(25),
    });
    await db.prisma.auditEntry.createMany({
      data: Array.from({ length: 600 }, (_, n) => ({
        actor: SCHEDULER_ACTOR,
        action: "reminder.sent",
        outcome: "ok" as const,
        departmentId: "education",
        detail: { n },
        at: at(26),
      })),
    });
    await recordAudit(db.prisma, { actor: "cli:wang", action: "campaign.launch", outcome: "ok", at: at(27) });
  });
  afterAll(async () => db?.close());

  it("asks for --since, in both languages, and prints nothing else", async () => {
    const c = cli(db);
    expect(await c.run("audit")).toBe(1);
    expect(c.err.join("\n")).toBe(
      "请用 --since 指定起始时间，例如 --since 2026-05-01 或 --since 7d。\nSay where to start with --since, e.g. --since 2026-05-01 or --since 7d.",
    );
    expect(c.out).toEqual([]);
    const bad = cli(db);
    expect(await bad.run("audit", "--since", "last tuesday")).toBe(1);
    expect(bad.err.join("\n")).toContain("--since takes a day, a time or a span back from now");
  });

  it("prints the range oldest first as tab-separated lines, with the count on stderr", async () => {
    const c = cli(db);
    expect(await c.run("audit", "--since", "2026-05-24", "--until", "2026-05-25")).toBe(0);
    expect(c.out[0]).toBe("id\tat\tactor\taction\toutcome\tsubject\tdepartmentId\tchannelId\tmessageTs\tdetail");
    expect(c.out.slice(1).map((l) => l.split("\t").slice(2, 5))).toEqual([
      ["U0LIAISON", "campaign.acknowledge", "ok"],
      ["U0OUTSIDER", "campaign.ack", "refused"],
    ]);
    expect(c.out[1]!.split("\t")[1]).toBe("2026-05-24T09:00:00.000+08:00");
    expect(c.err).toEqual(["2 条 / entries"]);
  });

  it("writes JSON that parses, every entry once across batches", async () => {
    const c = cli(db);
    expect(await c.run("audit", "--since", "2026-05-01", "--json")).toBe(0);
    const rows = JSON.parse(c.out.join("\n")) as { id: string; action: string; detail: unknown }[];
    expect(rows).toHaveLength(603);
    expect(new Set(rows.map((r) => r.id)).size).toBe(603);
    expect(rows[1]!.detail).toEqual({ code: "forbidden", text: '逗号, "引号"\n换行' });
    expect(rows.at(-1)!.action).toBe("campaign.launch");
  });

  it("writes CSV with a header and quoting that survives commas, quotes and line breaks", async () => {
    const c = cli(db);
    expect(await c.run("audit", "--since", "2026-05-01", "--csv", "--action", "campaign.")).toBe(0);
    const text = c.out.join("\n");
    expect(text.startsWith("\uFEFFid,at,actor")).toBe(true);
    const records = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.action)).toEqual(["campaign.acknowledge", "campaign.ack", "campaign.launch"]);
    expect(JSON.parse(records[1]!.detail!)).toEqual({ code: "forbidden", text: '逗号, "引号"\n换行' });
  });

  it("narrows by actor prefix and department name, and prints a bare header for nothing", async () => {
    const c = cli(db);
    expect(await c.run("audit", "--since", "2026-05-01", "--actor", "cli:*", "--json")).toBe(0);
    expect((JSON.parse(c.out.join("\n")) as { actor: string }[]).map((r) => r.actor)).toEqual(["cli:wang"]);
    const byDept = cli(db);
    expect(await byDept.run("audit", "--since", "2026-05-01", "--department", "文化", "--json")).toBe(0);
    expect((JSON.parse(byDept.out.join("\n")) as unknown[]).length).toBe(2);
    const none = cli(db);
    expect(await none.run("audit", "--since", "2026-05-01", "--actor", "nobody", "--csv")).toBe(0);
    expect(none.out).toEqual(["\uFEFFid,at,actor,action,outcome,subject,departmentId,channelId,messageTs,detail"]);
  });
});
