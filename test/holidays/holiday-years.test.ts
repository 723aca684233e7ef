import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { isWorkingDay } from "../../src/domain/calendar/working-days.ts";
import { briefingDueAt } from "../../src/domain/meetings/briefing-schedule.ts";
import type { RunningRedline } from "../../src/server/start-redline.ts";
import { openTestDatabase } from "../support/db.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { startTestApp, testClock } from "../support/test-app.ts";
import { bj, importTestDirectory } from "../slack/meetings/fixture.ts";
import { testCli as cli } from "../support/test-cli.ts";

/** Test data shaped like a State Council notice (the real 2027 schedule is whatever the office imports). */
const HOLIDAYS_2027 = `version: 1
holidayCalendar:
  year: 2027
  holidays:
    元旦: 2027-01-01..2027-01-03
    春节: 2027-02-06..2027-02-13
    劳动节: [2027-05-01..2027-05-05]
  makeUpWorkdays: [2027-02-14, 2027-02-20]
`;

describe("a year the holiday library does not cover, until the office imports it", () => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let dir: string;
  const warnings = () => slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith("【节假日】"));

  beforeAll(async () => {
    db = await openTestDatabase("embedded");
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    bot = await startTestApp(db, { clock: testClock("2026-12-01T09:00:00+08:00") });
    dir = await mkdtemp(path.join(tmpdir(), "redline-holidays-"));
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("counts only Saturday and Sunday as days off in 2027 before an import", () => {
    expect(isWorkingDay("2027-01-01")).toBe(true);
    expect(isWorkingDay("2027-01-02")).toBe(false);
    // Sign-in closed Thursday 31 Dec 2026 16:00; two working days: Fri 1 Jan, Mon 4 Jan.
    expect(briefingDueAt(bj("2026-12-31 16:00"), 2, "Asia/Shanghai")).toEqual(bj("2027-01-04 18:00"));
  });

  it("warns the office once, a month ahead, that 2027 has no table", async () => {
    await bot.tick(bj("2026-11-20 09:00"));
    expect(warnings()).toHaveLength(0);
    await Promise.all([bot.tick(bj("2026-12-02 09:00")), bot.tick(bj("2026-12-02 09:00"))]);
    await bot.tick(bj("2026-12-03 09:00"));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.body.text).toBe(
      "【节假日】尚无 2027 年的放假安排：在导入之前，只把周六、周日当作休息日，法定节假日会被当作工作日（提醒、逾期和周报照常发出）。",
    );
    expect(JSON.stringify(warnings()[0]!.body.blocks)).toContain("redline import holidays-2027.yaml");
  });

  it("refuses a file with mistakes, naming each, and imports nothing", async () => {
    const file = path.join(dir, "bad.yaml");
    await writeFile(
      file,
      `version: 1\nholidayCalendar:\n  year: 2027\n  holidays:\n    元旦: 2026-12-31..2027-01-01\n    春节: 2027-02-13..2027-02-06\n  makeUpWorkdays: [2027-02-15]\n`,
    );
    const { run, err } = cli(db);
    expect(await run("import", file)).toBe(1);
    const text = err.join("\n");
    expect(text).toContain("节假日文件未导入");
    expect(text).toContain("元旦：2026-12-31 不在 2027 年内。");
    expect(text).toContain("春节：2027-02-13..2027-02-06 的起止日期不对。");
    expect(text).toContain("调休上班日 2027-02-15 不是周末");
    expect(await db.prisma.holidayYear.count()).toBe(0);
  });

  it("pins 2027-01-01 as a holiday once the office imports the year, for deadlines and the bot alike", async () => {
    const file = path.join(dir, "holidays-2027.yaml");
    await writeFile(file, HOLIDAYS_2027);
    const { run, out } = cli(db);
    expect(await run("import", file)).toBe(0);
    expect(out.join("\n")).toContain("已导入 2027 年节假日安排：放假 16 天，调休上班 2 天");
    expect(isWorkingDay("2027-01-01")).toBe(false);
    expect(isWorkingDay("2027-02-14")).toBe(true);
    expect(isWorkingDay("2027-02-08")).toBe(false);
    expect(briefingDueAt(bj("2026-12-31 16:00"), 2, "Asia/Shanghai")).toEqual(bj("2027-01-05 18:00"));
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "holidays.import" } });
    expect(audit).toMatchObject({ subject: "holidays:2027", outcome: "ok" });
    await bot.tick(bj("2027-01-01 09:00"));
    expect(warnings()).toHaveLength(1);
  });
});
