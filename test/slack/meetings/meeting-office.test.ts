import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { ATTENDANCE_HEADER_ROW } from "../../../src/meetings/export/index.ts";
import { recordSignIn } from "../../../src/meetings/sign-in.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { CREATE_FIELDS, CREATE_MODAL_CALLBACK } from "../../../src/messages/meetings/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { settle, waitFor } from "../../support/wait-for.ts";
import { bj, blocksText, createTestMeeting, importTestDirectory, setUpSlackPeople } from "./fixture.ts";

function createValues(over: { title?: string; date?: string; time?: string; groups?: string[]; departments?: string[] } = {}) {
  return {
    [CREATE_FIELDS.title.block]: { [CREATE_FIELDS.title.action]: { type: "plain_text_input", value: over.title ?? "防汛安全工作会议" } },
    [CREATE_FIELDS.date.block]: { [CREATE_FIELDS.date.action]: { type: "datepicker", selected_date: over.date ?? "2026-06-08" } },
    [CREATE_FIELDS.time.block]: { [CREATE_FIELDS.time.action]: { type: "timepicker", selected_time: over.time ?? "15:00" } },
    [CREATE_FIELDS.opensBefore.block]: { [CREATE_FIELDS.opensBefore.action]: { type: "number_input", value: "60" } },
    [CREATE_FIELDS.closesAfter.block]: { [CREATE_FIELDS.closesAfter.action]: { type: "number_input", value: "30" } },
    [CREATE_FIELDS.groups.block]: {
      [CREATE_FIELDS.groups.action]: { type: "checkboxes", selected_options: (over.groups ?? []).map((value) => ({ value })) },
    },
    [CREATE_FIELDS.departments.block]: {
      [CREATE_FIELDS.departments.action]: {
        type: "multi_static_select",
        selected_options: (over.departments ?? ["education", "weihui"]).map((value) => ({ value })),
      },
    },
    [CREATE_FIELDS.headMustAttend.block]: {
      [CREATE_FIELDS.headMustAttend.action]: { type: "checkboxes", selected_options: [{ value: "head-must-attend" }] },
    },
    [CREATE_FIELDS.briefingDays.block]: { [CREATE_FIELDS.briefingDays.action]: { type: "number_input", value: "2" } },
  };
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** The file part of a multipart upload as nock hands it over (binary bodies come hex-encoded). */
function multipartFile(body: unknown): Buffer {
  const raw =
    typeof body === "string"
      ? /^[0-9a-f]+$/i.test(body)
        ? Buffer.from(body, "hex")
        : Buffer.from(body, "binary")
      : Buffer.from(body as Buffer);
  const boundary = raw.subarray(0, raw.indexOf("\r\n"));
  const start = raw.indexOf("\r\n\r\n") + 4;
  const end = raw.indexOf(Buffer.concat([Buffer.from("\r\n"), boundary]), start);
  return raw.subarray(start, end);
}

/** What Excel shows for a local wall-clock time (the export stores Beijing time as the cell's time). */
const wallClock = (y: number, mo: number, d: number, h: number, mi: number) => new Date(Date.UTC(y, mo - 1, d, h, mi));

describe.each(dbKinds())("the safety office's meeting commands (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;
  const uploads = new Map<string, Buffer>();

  const ask = async (userId: string, text: string) => {
    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { user_id: userId, text, channel_id: "COFFICE" });
    return (await waitFor(() => slack.responses[before], `the answer to "${text}"`)).body;
  };
  const officePosts = (prefix: string) => slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith(prefix));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    // files.uploadV2: ask for an upload URL, POST the bytes there (multipart), complete. Each file gets its own
    // URL. The upload host is mocked before SlackFake takes over slack.com, or nock never matches it.
    nock("https://files.slack.com")
      .persist()
      .post(/\/upload\/v1\/.+/)
      .reply((uri, body) => {
        uploads.set(decodeURIComponent(uri.split("/").pop()!), multipartFile(body));
        return [200, "OK"];
      });
    slack = new SlackFake();
    setUpSlackPeople(slack);
    slack.on("files.getUploadURLExternal", (body) => ({
      ok: true,
      upload_url: `https://files.slack.com/upload/v1/${encodeURIComponent(body.filename)}`,
      file_id: `F${uploads.size + 1}`,
    }));
    clock = testClock("2026-06-08T09:00:00+08:00");
    bot = await startTestApp(db, { clock });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  describe("creating a meeting in Slack", () => {
    it("opens the create form for the office and refuses anyone else", async () => {
      const refused = await ask("UCIVLIAISON", "会议 创建");
      expect(refused.text).toContain("只有安委办工作人员可以创建会议。");
      expect(slack.callsTo("views.open")).toHaveLength(0);
      await sendSlashCommand(bot.url, { user_id: "UOFFICE", text: "会议 创建", channel_id: "COFFICE" });
      const opened = await waitFor(() => slack.callsTo("views.open")[0], "the create form");
      expect(opened.body.view.callback_id).toBe(CREATE_MODAL_CALLBACK);
      expect(JSON.stringify(opened.body.view.blocks)).toContain("卫辉市");
      expect(JSON.stringify(opened.body.view.blocks)).not.toContain("市政府安委会办公室");
    });

    it("shows problems under their fields in the person's language, and saves nothing", async () => {
      const zh = JSON.stringify({ l: "zh", c: "COFFICE" });
      const past = await sendInteraction(
        bot.url,
        viewSubmissionPayload({
          userId: "UOFFICE",
          callbackId: CREATE_MODAL_CALLBACK,
          privateMetadata: zh,
          values: createValues({ date: "2026-06-01" }),
        }),
      );
      expect(past.json).toEqual({
        response_action: "errors",
        errors: { [CREATE_FIELDS.date.block]: "该会议的签到截止时间（2026年6月1日 15:30）已过，请检查会议日期和时间。" },
      });
      // The seeded housing department has no Slack channel, so nobody there could sign in.
      const noChannel = await sendInteraction(
        bot.url,
        viewSubmissionPayload({
          userId: "UOFFICE",
          callbackId: CREATE_MODAL_CALLBACK,
          privateMetadata: zh,
          values: createValues({ departments: ["housing-construction"] }),
        }),
      );
      expect(noChannel.json.errors[CREATE_FIELDS.departments.block]).toContain("这些单位尚未登记 Slack 频道，无法接收通知和签到：住建部门");
      const en = JSON.stringify({ l: "en" });
      const empty = await sendInteraction(
        bot.url,
        viewSubmissionPayload({
          userId: "UOFFICE",
          callbackId: CREATE_MODAL_CALLBACK,
          privateMetadata: en,
          values: createValues({ title: "", departments: [] }),
        }),
      );
      expect(empty.json).toEqual({
        response_action: "errors",
        errors: {
          [CREATE_FIELDS.title.block]: "This field is required.",
          [CREATE_FIELDS.departments.block]: "Choose at least one required department or group.",
        },
      });
      const forged = await sendInteraction(
        bot.url,
        viewSubmissionPayload({ userId: "UCIVLIAISON", callbackId: CREATE_MODAL_CALLBACK, privateMetadata: zh, values: createValues() }),
      );
      expect(forged.json.errors[CREATE_FIELDS.title.block]).toBe("只有安委办工作人员可以创建会议。");
      expect(await db.prisma.meeting.count()).toBe(0);
    });

    it("saves a valid meeting, announces it to the office, and posts a notice that is already due at once", async () => {
      clock.set("2026-06-08T14:20:00+08:00");
      const res = await sendInteraction(
        bot.url,
        viewSubmissionPayload({
          userId: "UOFFICE",
          callbackId: CREATE_MODAL_CALLBACK,
          privateMetadata: JSON.stringify({ l: "zh", c: "COFFICE" }),
          values: createValues(),
        }),
      );
      expect(res.status).toBe(200);
      expect(res.json?.response_action).toBeUndefined();
      const meeting = await waitFor(
        async () => db.prisma.meeting.findFirst({ include: { departments: { orderBy: { departmentId: "asc" } } } }),
        "the saved meeting",
      );
      expect(meeting).toMatchObject({
        id: "2026-06-08-1",
        title: "防汛安全工作会议",
        startsAt: bj("2026-06-08 15:00"),
        signInClosesAt: bj("2026-06-08 15:30"),
        createdBy: "UOFFICE",
      });
      expect(meeting!.departments.map((d) => [d.departmentId, d.headName, d.channelId])).toEqual([
        ["education", "赵刚", "CEDU"],
        ["weihui", "王强", "CWEIHUI"],
      ]);
      const announced = await waitFor(() => officePosts("已创建会议")[0], "the announcement");
      expect(blocksText(announced)).toContain("应参会单位（2）：教育部门、卫辉市");
      // Sign-in opened at 14:00: the notice goes out now, not at the next tick.
      const notice = await waitFor(() => slack.postsIn("CEDU")[0], "the notice");
      expect(notice.body.text).toContain("【会议签到已开始】防汛安全工作会议");
      await bot.tick(bj("2026-06-08 14:21"));
      expect(slack.postsIn("CEDU")).toHaveLength(1);
    });

    it("lists meetings for the office with their ids", async () => {
      const list = await ask("UOFFICE", "meeting list");
      expect(list.text).toBe("Meetings (1)");
      expect(JSON.stringify(list.blocks)).toContain("`2026-06-08-1`");
    });
  });

  describe("closing early, absences and exports", () => {
    let first: string;
    let second: string;

    beforeAll(async () => {
      // The meeting called through the form above would count too; this record is about the two below.
      await db.prisma.meeting.deleteMany({ where: { id: "2026-06-08-1" } });
      clock.set("2026-06-08T16:00:00+08:00");
      first = await createTestMeeting(db.prisma, "2026-06-10 10:00", clock.now(), { id: "june-10" });
      second = await createTestMeeting(db.prisma, "2026-06-17 10:00", clock.now(), { id: "june-17" });
      // 10 June: 民政's head in person, 教育 by deputy, 卫辉市 and 文化 nobody.
      await recordSignIn(
        db.prisma,
        first,
        { departmentId: "civil-affairs", slackUserId: "UCIVHEAD", name: "李明", role: "head", title: "局长" },
        bj("2026-06-10 09:10"),
      );
      await recordSignIn(
        db.prisma,
        first,
        { departmentId: "education", slackUserId: "UEDUDEPUTY", name: "钱伟", role: "deputy", title: "副局长" },
        bj("2026-06-10 09:20"),
      );
      // 17 June: 民政's and 教育's heads in person, 卫辉市 sends its liaison.
      await recordSignIn(
        db.prisma,
        second,
        { departmentId: "civil-affairs", slackUserId: "UCIVHEAD", name: "李明", role: "head", title: "局长" },
        bj("2026-06-17 09:05"),
      );
      await recordSignIn(
        db.prisma,
        second,
        { departmentId: "education", slackUserId: "UEDUHEAD", name: "赵刚", role: "head", title: "局长" },
        bj("2026-06-17 09:15"),
      );
      await recordSignIn(
        db.prisma,
        second,
        { departmentId: "weihui", slackUserId: "UWEILIAISON", name: "孙丽", role: "deputy", title: "办公室主任" },
        bj("2026-06-17 09:30"),
      );
    });

    it("lets only the office close sign-in early, and reports once even when the tick comes after", async () => {
      clock.set("2026-06-10T09:50:00+08:00");
      const refused = await ask("UCIVHEAD", `会议 结束 ${first}`);
      expect(refused.text).toContain("只有安委办工作人员可以结束会议签到。");
      expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id: first } })).status).toBe("scheduled");

      const closed = await ask("UOFFICE", `会议 结束 ${first}`);
      expect(closed.text).toContain("已结束「全市安全生产工作电视电话会议」的签到。签到情况已发送至 <#COFFICE>");
      const report = officePosts("【会议签到情况】").filter((p) => blocksText(p).includes("june-10"));
      expect(report).toHaveLength(1);
      expect(report[0]!.body.text).toMatch(/主要负责人未本人参会：赵刚、王强$/);
      expect(blocksText(report[0]!)).toContain("签到由 <@UOFFICE> 于 2026年6月10日 09:50提前结束。");

      await bot.tick(bj("2026-06-10 10:30"));
      const again = await ask("UOFFICE", `会议 结束 ${first}`);
      expect(again.text).toContain("签到已经结束");
      expect(officePosts("【会议签到情况】").filter((p) => blocksText(p).includes("june-10"))).toHaveLength(1);
      // 教育 (by deputy) and 卫辉市 (absent); 文化 has no head to brief and nobody who came.
      expect(await db.prisma.briefing.count({ where: { meetingId: first } })).toBe(2);
    });

    it("flags a head who missed two mandatory meetings in a quarter for a summons", async () => {
      await bot.tick(bj("2026-06-17 10:30"));
      const record = await ask("UOFFICE", "缺席");
      const text = JSON.stringify(record.blocks);
      expect(record.text).toBe("未按要求参会记录：2 名主要负责人，约谈名单 1 人");
      expect(text).toContain("🔴 约谈名单（1 人）*\\n• 王强（市长） · 卫辉市 · 2026年第2季度 2 次");
      expect(text).toContain("• *王强（市长）* · 卫辉市 · 应本人参会 2 次，未本人参会 2 次 🔴 *列入约谈名单*（2026年第2季度）");
      expect(text).toContain("2026年6月10日（周三）10:00 全市安全生产工作电视电话会议 — 无人参会");
      expect(text).toContain("2026年6月17日（周三）10:00 全市安全生产工作电视电话会议 — 代参会：孙丽（办公室主任）");
      expect(text).toContain("• *赵刚（局长）* · 教育部门 · 应本人参会 2 次，未本人参会 1 次");
      expect(text).toContain("代参会：钱伟（副局长）");
      expect(text).not.toContain("李明");
      expect(text).toContain("*文化部门*");

      const since = await ask("UOFFICE", "absences --since 2026-06-15");
      expect(JSON.stringify(since.blocks)).toContain("required in person 1, missed 1");
      expect(since.text).toBe("Absence record: 1 heads, 0 on the summons list");
    });

    it("shows a department member only their own department's record", async () => {
      const own = await ask("UWEILIAISON", "缺席");
      expect(JSON.stringify(own.blocks)).toContain("王强（市长）");
      expect(JSON.stringify(own.blocks)).not.toContain("赵刚");
      const other = await ask("UCIVLIAISON", "缺席 卫辉市");
      expect(other.text).toContain("您只能查看本单位的缺席记录");
      const someoneElse = await ask("UCIVLIAISON", "缺席 <@UWEIHEAD|王强>");
      expect(someoneElse.text).toContain("您只能查看本单位的缺席记录");
    });

    it("reads one head's record from the escaped mention Slack sends (should_escape), and from a plain name", async () => {
      const manifest = readFileSync(new URL("../../../slack-app-manifest.yaml", import.meta.url), "utf8");
      expect(manifest).toMatch(/command: \/redline[\s\S]*?should_escape: true/);
      for (const typed of ["缺席 <@UWEIHEAD|王强>", "缺席 <@UWEIHEAD>", "缺席 @王强", "缺席 王强"]) {
        const answer = await ask("UOFFICE", typed);
        const text = JSON.stringify(answer.blocks);
        expect(text, typed).toContain("主要负责人未按要求参会记录（王强）");
        expect(text, typed).toContain("• *王强（市长）* · 卫辉市 · 应本人参会 2 次，未本人参会 2 次");
        expect(text, typed).not.toContain("赵刚");
      }
      // The head asks about themself; anyone else only by the office.
      expect(JSON.stringify((await ask("UWEIHEAD", "缺席 @王强")).blocks)).toContain("未本人参会 2 次");
      expect((await ask("UCIVLIAISON", "缺席 @王强")).text).toContain("您只能查看本单位的缺席记录");
      expect((await ask("UOFFICE", "缺席 @无此人")).text).toContain("名录中没有“无此人”这个单位或主要负责人");
    });

    it("uploads the sign-in sheet to the office channel, and the workbook reads back cell by cell", async () => {
      clock.set("2026-06-12T10:00:00+08:00");
      const answer = await ask("UOFFICE", `会议 导出 ${first}`);
      expect(answer.text).toBe("✅ 签到表已上传至 <#COFFICE>。");
      const complete = slack.callsTo("files.completeUploadExternal").at(-1)!;
      expect(complete.body.channel_id).toBe("COFFICE");
      expect(JSON.parse(complete.body.files)).toEqual([{ id: expect.any(String), title: "全市安全生产工作电视电话会议 签到表" }]);
      const wb = await readWorkbook(uploads.get("june-10-签到表.xlsx")!);
      const ws = wb.getWorksheet("签到表")!;
      expect(ws.getCell("A1").value).toBe("全市安全生产工作电视电话会议 签到表");
      expect(ws.getCell("B2").value).toEqual(wallClock(2026, 6, 10, 10, 0));
      expect(ws.getCell("B3").value).toBe("2026年6月10日 09:00 至 10:30（北京时间）");
      expect(ws.getCell("B4").value).toBe("应到 4 个单位：主要负责人本人参会 1 个，他人代参会 1 个，缺席 2 个；1 个单位未登记主要负责人");
      const rows = [1, 2, 3, 4].map((i) => [1, 2, 3, 4, 5, 6].map((c) => ws.getCell(ATTENDANCE_HEADER_ROW + i, c).value));
      expect(rows).toEqual([
        ["卫辉市", "王强（市长）", "无人参会", "否（缺席）", null, "待确认（截止2026-06-12 18:00；待主要负责人确认）"],
        [
          "教育部门",
          "赵刚（局长）",
          "钱伟（副局长）",
          "否（他人代参会）",
          wallClock(2026, 6, 10, 9, 20),
          "待确认（截止2026-06-12 18:00；待参会人、主要负责人确认）",
        ],
        ["民政部门", "李明（局长）", "李明（局长）", "是", wallClock(2026, 6, 10, 9, 10), "不适用（本人参会）"],
        ["文化部门", "未登记主要负责人", "无人参会", "否（缺席）", null, "未开启传达确认"],
      ]);
      expect(ws.rowCount).toBe(ATTENDANCE_HEADER_ROW + 4);
    });

    it("uploads the absence record with its summons list", async () => {
      const answer = await ask("UOFFICE", "缺席 导出");
      expect(answer.text).toBe("✅ 缺席记录已上传至 <#COFFICE>。");
      const wb = await readWorkbook(uploads.get("缺席记录-2026-06-12.xlsx")!);
      const summons = wb.getWorksheet("约谈名单")!;
      expect([1, 2, 3, 4, 5].map((c) => summons.getCell(2, c).value)).toEqual(["王强", "市长", "卫辉市", "2026年第2季度", 2]);
      expect(summons.rowCount).toBe(2);
      const refused = await ask("UWEILIAISON", "缺席 导出");
      expect(refused.text).toContain("只有安委办工作人员可以导出缺席记录。");
      await settle(50);
      expect([...uploads.keys()].filter((k) => k.startsWith("缺席记录"))).toHaveLength(1);
    });
  });
});
