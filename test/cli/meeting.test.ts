import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { claimClose } from "../../src/meetings/close-meeting.ts";
import { meetingSweeps } from "../../src/meetings/sweeps.ts";
import { recordSignIn } from "../../src/meetings/sign-in.ts";
import { WebClient } from "@slack/web-api";
import { runTick } from "../../src/scheduler/run-tick.ts";
import { createDelivery } from "../../src/delivery/delivery.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";
import { bj, createTestMeeting, importTestDirectory } from "../slack/meetings/fixture.ts";
import { testCli as cli } from "../support/test-cli.ts";

const withSlack = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET };

/** A local start time `days` days and `minutes` minutes from the real now (the CLI uses the real clock). */
function startsIn(days: number, minutes = 0): string {
  const t = DateTime.now().setZone("Asia/Shanghai").plus({ days, minutes });
  return (days > 0 ? t.set({ hour: 15, minute: 0 }) : t).toFormat("yyyy-MM-dd'T'HH:mm");
}

const meetingFile = (over: { id?: string; startsAt: string; extra?: string }) =>
  [
    "version: 1",
    ...(over.id ? [`id: ${over.id}`] : []),
    "title: 全市防汛安全工作会议",
    `startsAt: "${over.startsAt}"`,
    "departments:",
    "  ids: [civil-affairs, education, weihui]",
    over.extra ?? "",
  ].join("\n");

describe.each(dbKinds())("redline meeting and absences on the command line (%s database)", (kind) => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    dir = await mkdtemp(path.join(tmpdir(), "redline-meeting-cli-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe("create", () => {
    it("saves a meeting from a file without Slack, and says the running bot posts the notices", async () => {
      const file = path.join(dir, "flood.yaml");
      await writeFile(file, meetingFile({ id: "flood-meeting", startsAt: startsIn(5) }));
      const { run, out } = cli(db);
      expect(await run("meeting", "create", file)).toBe(0);
      const text = out.join("\n");
      expect(text).toContain("created meeting flood-meeting / 已创建会议 flood-meeting：全市防汛安全工作会议");
      expect(text).toContain("3 个应参会单位");
      expect(text).toContain("通知 / notice day-before");
      expect(text).toContain("通知和消息将由运行中的机器人在下一次调度（每分钟）时发出");
      const saved = await db.prisma.meeting.findUniqueOrThrow({ where: { id: "flood-meeting" }, include: { departments: true } });
      expect(saved.departments.map((d) => d.headName).sort()).toEqual(["李明", "王强", "赵刚"]);
      expect(saved.createdBy).toMatch(/^cli:/);
    });

    it("refuses to create the same file twice", async () => {
      const { run, err } = cli(db);
      expect(await run("meeting", "create", path.join(dir, "flood.yaml"))).toBe(1);
      expect(err.join("\n")).toContain("会议 flood-meeting 已存在，未重复创建。");
      expect(await db.prisma.meeting.count({ where: { id: "flood-meeting" } })).toBe(1);
    });

    it("names what is wrong in a file and saves nothing", async () => {
      const file = path.join(dir, "bad.yaml");
      await writeFile(
        file,
        meetingFile({ id: "bad-one", startsAt: startsIn(5), extra: "briefingDueWorkingDays: 0" }).replace("civil-affairs", "police"),
      );
      const { run, err } = cli(db);
      expect(await run("meeting", "create", file)).toBe(1);
      expect(err.join("\n")).toContain("bad.yaml: briefingDueWorkingDays");
      await writeFile(file, meetingFile({ id: "bad-one", startsAt: startsIn(5) }).replace("civil-affairs", "police"));
      const second = cli(db);
      expect(await second.run("meeting", "create", file)).toBe(1);
      expect(second.err.join("\n")).toContain("名录中没有这些单位：police。");
      const check = cli(db);
      await writeFile(file, meetingFile({ id: "bad-one", startsAt: startsIn(5) }));
      expect(await check.run("meeting", "create", file, "--check")).toBe(0);
      expect(check.out.join("\n")).toContain("not saved");
      expect(await db.prisma.meeting.count({ where: { id: "bad-one" } })).toBe(0);
    });

    it("with Slack credentials, announces the meeting and posts a notice already due", async () => {
      const slack = new SlackFake();
      try {
        const file = path.join(dir, "soon.yaml");
        await writeFile(file, meetingFile({ id: "soon", startsAt: startsIn(0, 20) }));
        const { run, out } = cli(db, withSlack);
        expect(await run("meeting", "create", file)).toBe(0);
        expect(out.join("\n")).toContain("posted 3 notices now / 已发出 3 条通知");
        expect(slack.postsIn("COFFICE").map((p) => p.body.text)).toEqual(["已创建会议：全市防汛安全工作会议（soon）"]);
        for (const channel of ["CCIVIL", "CEDU", "CWEIHUI"]) expect(slack.postsIn(channel)).toHaveLength(1);
      } finally {
        slack.close();
      }
    });
  });

  describe("close, export, list and absences", () => {
    let meetingId: string;

    beforeAll(async () => {
      // Held 10 June 2026: 民政's head came, 教育 sent its deputy, 卫辉市 nobody.
      meetingId = await createTestMeeting(db.prisma, "2026-06-10 10:00", bj("2026-06-08 09:00"), {
        id: "june-10",
        departments: { groups: [], ids: ["civil-affairs", "education", "weihui"], except: [] },
      });
      await recordSignIn(
        db.prisma,
        meetingId,
        { departmentId: "civil-affairs", slackUserId: "UCIVHEAD", name: "李明", role: "head", title: "局长" },
        bj("2026-06-10 09:10"),
      );
      await recordSignIn(
        db.prisma,
        meetingId,
        { departmentId: "education", slackUserId: "UEDUDEPUTY", name: "钱伟", role: "deputy", title: "副局长" },
        bj("2026-06-10 09:20"),
      );
      // Held 17 June 2026 and closed: 卫辉市 absent again.
      const second = await createTestMeeting(db.prisma, "2026-06-17 10:00", bj("2026-06-08 09:00"), {
        id: "june-17",
        departments: { groups: [], ids: ["weihui"], except: [] },
      });
      await claimClose(db.prisma, second, "schedule", bj("2026-06-17 10:30"));
    });

    it("closes sign-in without Slack, and the bot's next tick posts the report", async () => {
      const { run, out } = cli(db);
      expect(await run("meeting", "close", meetingId)).toBe(0);
      expect(out.join("\n")).toContain("closed june-10 / 已结束签到");
      expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).status).toBe("closed");
      const again = cli(db);
      expect(await again.run("meeting", "close", meetingId)).toBe(1);
      expect(again.err.join("\n")).toContain("会议 june-10 的签到已经结束。");

      const slack = new SlackFake();
      try {
        const config = loadConfig({ ...withSlack, LOG_LEVEL: "silent", REDLINE_INSTANCE_ID: "bot" });
        const logger = createLogger("silent");
        const client = new WebClient(TEST_BOT_TOKEN, { retryConfig: { retries: 0 } });
        const deps = { db: db.prisma, delivery: createDelivery({ db: db.prisma, client, logger, instanceId: "bot" }), config, logger };
        await runTick(meetingSweeps, deps, new Date());
        const reports = slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith("【会议签到情况】"));
        // Only june-10: june-17 closed months before this tick, past the window in which follow-ups are retried.
        expect(reports.map((r) => /主要负责人未本人参会：(.*)$/.exec(r.body.text)?.[1])).toEqual(["赵刚、王强"]);
        expect(slack.postsIn("CEDU").map((p) => p.body.text)).toEqual([expect.stringContaining("【会议精神传达确认】")]);
      } finally {
        slack.close();
      }
    });

    it("writes the sign-in sheet as xlsx and CSV", async () => {
      const xlsx = path.join(dir, "june-10.xlsx");
      const csv = path.join(dir, "june-10.csv");
      const { run, out } = cli(db);
      expect(await run("meeting", "export", meetingId, "--xlsx", xlsx, "--csv", csv)).toBe(0);
      expect(out).toEqual([`wrote ${xlsx}`, `wrote ${csv}`]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const ws = wb.getWorksheet("签到表")!;
      expect([1, 2, 3, 4].map((c) => ws.getCell(7, c).value)).toEqual(["卫辉市", "王强（市长）", "无人参会", "否（缺席）"]);
      expect([1, 2, 3, 4].map((c) => ws.getCell(8, c).value)).toEqual(["教育部门", "赵刚（局长）", "钱伟（副局长）", "否（他人代参会）"]);
      const text = await readFile(csv, "utf8");
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(text, { bom: true }) as string[][];
      expect(rows[0]).toEqual(["部门", "主要负责人", "参会人", "是否本人参会", "签到时间", "是否已传达"]);
      expect(rows[3]).toEqual(["民政部门", "李明（局长）", "李明（局长）", "是", "2026-06-10 09:10", "不适用（本人参会）"]);
      const none = cli(db);
      expect(await none.run("meeting", "export", meetingId)).toBe(1);
      expect(none.err.join("\n")).toContain("--xlsx");
    });

    it("prints the absence record as JSON, flagging the head who missed two in a quarter", async () => {
      const { run, out } = cli(db);
      expect(await run("absences", "--json")).toBe(0);
      const record = JSON.parse(out.join("\n"));
      expect(record.meetingsCounted).toBe(2);
      expect(record.summons).toEqual([{ slackUserId: "UWEIHEAD", name: "王强", title: "市长", periods: ["2026-Q2"] }]);
      const wang = record.heads.find((h: any) => h.name === "王强");
      expect(wang).toMatchObject({
        required: 2,
        missedCount: 2,
        flagged: true,
        departments: [{ id: "weihui", zh: "卫辉市", en: "Weihui City" }],
      });
      expect(wang.missed.map((m: any) => [m.meetingId, m.startsAtLocal, m.status])).toEqual([
        ["june-10", "2026-06-10 10:00", "absent"],
        ["june-17", "2026-06-17 10:00", "absent"],
      ]);
      const zhao = record.heads.find((h: any) => h.name === "赵刚");
      expect(zhao).toMatchObject({ missedCount: 1, flagged: false });
      expect(zhao.missed[0].attendedBy).toEqual([
        { slackUserId: "UEDUDEPUTY", name: "钱伟", title: "副局长", signedInAt: bj("2026-06-10 09:20").toISOString() },
      ]);
      expect(record.heads.some((h: any) => h.name === "李明")).toBe(false);

      const since = cli(db);
      expect(await since.run("absences", "--json", "--since", "2026-06-15")).toBe(0);
      expect(JSON.parse(since.out.join("\n"))).toMatchObject({ meetingsCounted: 1, summons: [] });

      const text = cli(db);
      expect(await text.run("absences", "--department", "卫辉")).toBe(0);
      expect(text.out.join("\n")).toContain("王强（市长） · 卫辉市 · 应本人参会 2 次，未本人参会 2 次 · 列入约谈名单");
      expect(text.out.join("\n")).not.toContain("赵刚");
    });

    it("lists meetings as JSON", async () => {
      const { run, out } = cli(db);
      expect(await run("meeting", "list", "--json")).toBe(0);
      const ids = (JSON.parse(out.join("\n")) as { id: string }[]).map((m) => m.id);
      expect(ids).toEqual(expect.arrayContaining(["june-10", "june-17", "flood-meeting", "soon"]));
    });
  });

  describe("reschedule and cancel", () => {
    const tickWithSlack = async (slack: SlackFake) => {
      const config = loadConfig({ ...withSlack, LOG_LEVEL: "silent", REDLINE_INSTANCE_ID: "bot" });
      const logger = createLogger("silent");
      const client = new WebClient(TEST_BOT_TOKEN, { retryConfig: { retries: 0 } });
      const deps = { db: db.prisma, delivery: createDelivery({ db: db.prisma, client, logger, instanceId: "bot" }), config, logger };
      await runTick(meetingSweeps, deps, new Date());
    };

    it("reschedules without Slack, and the bot's next tick posts what changed", async () => {
      const day = DateTime.now().setZone("Asia/Shanghai").plus({ days: 20 });
      const id = await createTestMeeting(db.prisma, day.toFormat("yyyy-MM-dd 15:00"), new Date(), { id: "cli-move" });
      const bad = cli(db);
      expect(await bad.run("meeting", "reschedule", id, "下周", "15:00")).toBe(1);
      expect(bad.err.join("\n")).toContain("请写新的日期和开始时间");
      const { run, out } = cli(db);
      expect(await run("meeting", "reschedule", id, day.toFormat("yyyy-MM-dd"), "16:30")).toBe(0);
      expect(out.join("\n")).toContain("rescheduled cli-move / 已改期（第 1 次变更）");
      expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(bj(day.toFormat("yyyy-MM-dd 16:30")));
      const slack = new SlackFake();
      try {
        await tickWithSlack(slack);
        const changed = slack.postsIn("CEDU").filter((p) => p.body.text.startsWith("【会议变更】"));
        expect(changed).toHaveLength(1);
        expect(JSON.stringify(changed[0]!.body.blocks)).toContain("15:00 → *");
        expect(slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith("【会议变更】"))).toHaveLength(1);
        await tickWithSlack(slack);
        expect(slack.postsIn("CEDU").filter((p) => p.body.text.startsWith("【会议变更】"))).toHaveLength(1);
      } finally {
        slack.close();
      }
    });

    it("cancels without Slack, and the bot's next tick tells the departments once", async () => {
      const { run, out } = cli(db);
      expect(await run("meeting", "cancel", "cli-move", "--reason", "与省里会议冲突")).toBe(0);
      expect(out.join("\n")).toContain("cancelled cli-move / 已取消会议");
      expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id: "cli-move" } })).toMatchObject({
        status: "cancelled",
        cancelReason: "与省里会议冲突",
      });
      const again = cli(db);
      expect(await again.run("meeting", "cancel", "cli-move")).toBe(1);
      expect(again.err.join("\n")).toContain("会议 cli-move 已于");
      const slack = new SlackFake();
      try {
        await tickWithSlack(slack);
        await tickWithSlack(slack);
        for (const channel of ["CCIVIL", "CEDU", "CWEIHUI", "CCULTURE"]) {
          const posts = slack.postsIn(channel).filter((p) => p.body.text.startsWith("【会议已取消】"));
          expect(posts).toHaveLength(1);
          expect(JSON.stringify(posts[0]!.body.blocks)).toContain("取消原因：与省里会议冲突");
        }
      } finally {
        slack.close();
      }
    });
  });
});
