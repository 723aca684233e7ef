import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { registerSlackIds } from "../support/fixtures.ts";
import { testCli } from "../support/test-cli.ts";
import { ALL_DEPARTMENTS } from "../slack/campaigns/campaign-harness.ts";
import { parseCampaignText } from "../../src/campaigns/definition/load-campaign-file.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";

const ZONE = "Asia/Shanghai";
const DRILL = `
id: county-drill
title: { zh: 县区应急演练, en: County emergency drill }
summary: { zh: 请组织应急演练并上报。, en: Hold an emergency drill and report it. }
sourceClause: 各县（市）区要组织开展应急演练。
targets:
  departments: [culture, weihui]
tasks:
  - key: acknowledge
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: launch+1d
  - key: drill-report
    kind: report
    title: { zh: 上报演练情况, en: Report the drill }
    due: ask
`;

// The CLI launches at the machine's clock: expectations follow it.
const today = () => DateTime.now().setZone(ZONE);

describe.each(dbKinds())("redline campaign templates and launch --date (%s database)", (kind) => {
  let db: Database;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ALL_DEPARTMENTS);
    dir = await mkdtemp(path.join(tmpdir(), "redline-templates-cli-"));
    file = path.join(dir, "county-drill.yaml");
    await writeFile(file, DRILL);
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("campaign templates lists every template with the run id a launch now gets, its deadlines and the days to give", async () => {
    const drill = parseCampaignText(DRILL, "county-drill.yaml");
    await db.prisma.campaignTemplate.create({
      data: { id: drill.id, definition: drill as unknown as Prisma.InputJsonValue, fileName: "county-drill.yaml", uploadedBy: "U1" },
    });
    const cli = testCli(db);
    expect(await cli.run("campaign", "templates")).toBe(0);
    const text = cli.text();
    const year = today().year;
    for (const id of ["summer-fire-safety", "hazard-rectification-report", "safety-dialogue"])
      expect(text).toMatch(new RegExp(`^${id}\\tready-made\\t(ready|blocked)\\t→ ${id}-${year}\\t`, "m"));
    // A yearless deadline is never "already past": the hazard report is due the next 31 May.
    expect(text).toMatch(/ {2}rectification-report \(report\): 截止 \/ due (\d{4}年)?5月31日/);
    expect(text).toContain(`county-drill\tuploaded\tready\t→ county-drill-${year}\t县区应急演练`);
    expect(text).toContain("  drill-report (report): 截止 / due 发起时填写 / given at launch (--date)");
    expect(text).toContain("  --date drill-report=YYYY-MM-DD 必填 / required");

    const json = testCli(db);
    expect(await json.run("campaign", "templates", "--json")).toBe(0);
    const choices = JSON.parse(json.text()) as { id: string; blocked: unknown; runId: string }[];
    expect(choices.map((c) => c.id)).toEqual(["summer-fire-safety", "hazard-rectification-report", "safety-dialogue", "county-drill"]);
    expect(choices.every((c) => c.blocked === null)).toBe(true);
  });

  it("launch refuses a template with a day left open until --date gives it, naming the option, and saves nothing", async () => {
    const cli = testCli(db);
    expect(await cli.run("campaign", "launch", file)).toBe(1);
    expect(cli.errText()).toContain("tasks[1].due: 此日期须在发起时填写（--date drill-report=YYYY-MM-DD）");
    expect(await db.prisma.campaign.count()).toBe(0);

    const unknown = testCli(db);
    expect(await unknown.run("campaign", "launch", file, "--date", "drill=2027-01-01")).toBe(1);
    expect(unknown.errText()).toContain("--date drill: 没有这项任务");
    const malformed = testCli(db);
    expect(await malformed.run("campaign", "launch", file, "--date", "drill-report=31.5.2027")).toBe(1);
    expect(malformed.errText()).toContain("日期应为 YYYY-MM-DD");
    expect(await db.prisma.campaign.count()).toBe(0);
  });

  it("launch --date gives that day (due at its end in the office's zone); --check shows it without saving", async () => {
    const day = today().plus({ days: 20 }).toISODate()!;
    const check = testCli(db);
    expect(await check.run("campaign", "launch", file, "--check", "--date", `drill-report=${day}`)).toBe(0);
    expect(check.text()).toContain("ok: 县区应急演练 / County emergency drill · 2 个单位");
    expect(await db.prisma.campaign.count()).toBe(0);

    const cli = testCli(db);
    expect(await cli.run("campaign", "launch", file, "--date", `drill-report=${day}`)).toBe(0);
    const runId = `county-drill-${today().year}`;
    expect(cli.text()).toContain(`launched ${runId}`);
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: `${runId}:drill-report` } });
    expect(task.dueAt.toISOString()).toBe(DateTime.fromISO(day, { zone: ZONE }).plus({ days: 1 }).toJSDate().toISOString());
  });
});
