import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RegisterHazardInput } from "../../../src/hazards/hazard-input.ts";
import { registerHazard } from "../../../src/hazards/register-hazard.ts";
import { HAZARD_ACTIONS } from "../../../src/messages/hazards/ids.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { blockActionPayload, sendInteraction, sendSlashCommand } from "../../support/slack-requests.ts";
import { startTestApp, testClock } from "../../support/test-app.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { importTestDirectory, setUpSlackPeople } from "../meetings/fixture.ts";

const NOW = new Date("2026-11-09T02:00:00Z"); // Monday 10:00 in Beijing
const hazard = (over: Partial<RegisterHazardInput>): RegisterHazardInput => ({
  unitId: "weihui",
  placeName: "幸福养老院",
  venueTypeId: "nursing-home",
  description: "厨房灭火器过期",
  level: "general",
  foundBySlackUserId: "UWEILIAISON",
  foundDay: "2026-10-20",
  deadlineDay: "2026-11-20",
  responsibleSlackUserId: "UWEILIAISON",
  ...over,
});

describe.each(dbKinds())("/redline 隐患 列表 | <编号> | 统计 | 导出 (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;

  /** What the person sees after `/redline <text>` typed in `channel`. */
  async function ask(userId: string, text: string, channel: string) {
    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { user_id: userId, text, channel_id: channel });
    return (await waitFor(() => slack.responses[before], `the answer to "${text}"`)).body;
  }
  async function press(userId: string, channel: string, button: { action_id: string; value: string }) {
    const before = slack.responses.length;
    await sendInteraction(
      bot.url,
      blockActionPayload({ userId, actionId: button.action_id, value: button.value, channelId: channel, messageTs: "1.1" }),
    );
    return (await waitFor(() => slack.responses[before], `the answer to ${button.action_id}`)).body;
  }
  const text = (answer: { blocks?: unknown[] }) => JSON.stringify(answer.blocks ?? []);
  // Rows only: the footer's usage example names a number too.
  const numbersIn = (answer: { blocks?: any[] }) => [
    ...new Set(JSON.stringify((answer.blocks ?? []).filter((b: any) => b.type !== "context")).match(/YH-2026-\d{4}/g) ?? []),
  ];
  const buttonsIn = (answer: { blocks?: any[] }) =>
    (answer.blocks ?? [])
      .flatMap((b: any) => [...(b.accessory ? [b.accessory] : []), ...(b.elements ?? [])])
      .filter((e: any) => e.type === "button");

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    const add = async (over: Partial<RegisterHazardInput>) => (await registerHazard(db.prisma, hazard(over), NOW)).hazard;
    // 0001: 卫辉市, nursing home (民政 leads), overdue since 2026-11-02.
    await add({ deadlineDay: "2026-11-02", placeName: "卫辉市幸福养老院 <!channel>" });
    // 0002: 卫辉市, major, due later, with the 五落实.
    await add({
      level: "major",
      placeName: "卫辉市化工仓库",
      venueTypeId: null,
      deadlineDay: "2026-12-15",
      responsibility: "王强负总责",
      funding: "财政专项 20 万元",
      contingencyPlan: "已编制专项预案",
      measures: "限期搬迁",
    });
    // 0003: 红旗区, nursing home (民政's sector); 0004: 红旗区, KTV (文化's sector).
    await add({ unitId: "hongqi", placeName: "红旗区夕阳红养老院", foundBySlackUserId: "UOFFICE" });
    await add({ unitId: "hongqi", placeName: "红旗区金嗓子KTV", venueTypeId: "ktv", foundBySlackUserId: "UOFFICE" });
    // 0005–0016: twelve more in 红旗区's ledger, so the office's list has two pages.
    for (let i = 0; i < 12; i++)
      await add({ unitId: "hongqi", placeName: `红旗区第${i + 1}养老院`, foundBySlackUserId: "UOFFICE", deadlineDay: "2026-12-31" });
    bot = await startTestApp(db, { clock: testClock("2026-11-09T10:00:00+08:00") });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.uploads.splice(0));

  it("a unit lists its own open hazards, most urgent first, with the colour and the deadline", async () => {
    const answer = await ask("UWEILIAISON", "隐患 列表", "CWEIHUI");
    expect(answer.response_type).toBe("ephemeral");
    expect(numbersIn(answer)).toEqual(["YH-2026-0001", "YH-2026-0002"]);
    expect(text(answer)).toContain(":large_yellow_circle: *YH-2026-0001* 卫辉市");
    expect(text(answer)).toContain("2026-11-02（已逾期 5 个工作日）");
    expect(text(answer)).toContain("本单位及牵头行业 · 未销号 · 共 2 条");
    // The place as typed is escaped.
    expect(text(answer)).toContain("&lt;!channel&gt;");
    expect(text(answer)).not.toContain("<!channel>");
  });

  it("filters by 逾期 and 重大, and by a unit named in words", async () => {
    expect(numbersIn(await ask("UWEILIAISON", "隐患 列表 逾期", "CWEIHUI"))).toEqual(["YH-2026-0001"]);
    expect(numbersIn(await ask("UWEILIAISON", "隐患 列表 重大", "CWEIHUI"))).toEqual(["YH-2026-0002"]);
    const office = await ask("UOFFICE", "隐患 列表 卫辉市 重大", "COFFICE");
    expect(numbersIn(office)).toEqual(["YH-2026-0002"]);
    expect(text(office)).toContain("全市 · 卫辉市、重大、未销号 · 共 1 条");
  });

  it("the lead department sees its sector across units, not another sector's", async () => {
    const answer = await ask("UCIVLIAISON", "隐患 列表", "CCIVIL");
    const numbers = numbersIn(answer);
    expect(numbers).toContain("YH-2026-0001");
    expect(numbers).toContain("YH-2026-0003");
    expect(numbers).not.toContain("YH-2026-0002"); // not a nursing home: the office's, not 民政's
    expect(numbers).not.toContain("YH-2026-0004"); // 文化's sector
    expect(text(answer)).toContain("共 14 条，第 1/2 页");
  });

  it("the office sees everything, ten to a page; 下一页 replaces the page in place", async () => {
    const first = await ask("UOFFICE", "隐患 列表", "COFFICE");
    expect(text(first)).toContain("全市 · 未销号 · 共 16 条，第 1/2 页");
    expect(numbersIn(first)).toHaveLength(10);
    const next = buttonsIn(first).find((b: any) => b.action_id === HAZARD_ACTIONS.page)!;
    expect(next.text.text).toBe("下一页 ▶");
    const second = await press("UOFFICE", "COFFICE", next);
    expect(second.replace_original).toBe(true);
    expect(text(second)).toContain("第 2/2 页");
    expect(numbersIn(second)).toHaveLength(6);
    expect(new Set([...numbersIn(first), ...numbersIn(second)]).size).toBe(16);
  });

  it("a page button pressed by someone whose scope is smaller shows only their scope", async () => {
    const first = await ask("UOFFICE", "隐患 列表", "COFFICE");
    const next = buttonsIn(first).find((b: any) => b.action_id === HAZARD_ACTIONS.page)!;
    const theirs = await press("UWEILIAISON", "CWEIHUI", next);
    expect(numbersIn(theirs)).toEqual(["YH-2026-0001", "YH-2026-0002"]);
  });

  it("answers in English when asked in English", async () => {
    const answer = await ask("UWEILIAISON", "hazard list overdue", "CWEIHUI");
    expect(text(answer)).toContain("your units and sectors · overdue, open · 1 in all");
    expect(text(answer)).toContain("overdue by 5 working days");
  });

  it("refuses the ledger to someone of no unit, privately, and audits it", async () => {
    const answer = await ask("UOUTSIDER", "隐患 列表", "CWEIHUI");
    expect(answer.text).toContain("无法查看隐患台账");
    expect(await db.prisma.hazard.count()).toBe(16);
    const audit = await waitForAsync(() => db.prisma.auditEntry.findFirst({ where: { actor: "UOUTSIDER" } }), "the refusal's audit entry");
    expect(audit).toMatchObject({ outcome: "refused" });
  });

  it("a channel member who is not registered sees the unit of the channel they ask in", async () => {
    slack.channelMembers.set("CCULTURE", ["UCHANNELONLY"]);
    const answer = await ask("UCHANNELONLY", "隐患 列表", "CCULTURE");
    expect(numbersIn(answer)).toEqual(["YH-2026-0004"]);
    const elsewhere = await ask("UCHANNELONLY", "隐患 列表", "CWEIHUI");
    expect(elsewhere.text).toContain("无法查看隐患台账");
  });

  it("shows one hazard's detail with the 五落实, the evidence and the timeline", async () => {
    const answer = await ask("UWEILIAISON", "隐患 yh-2026-0002", "CWEIHUI");
    const t = text(answer);
    expect(t).toContain("【隐患】YH-2026-0002");
    expect(t).toContain("*资金落实：* 财政专项 20 万元");
    expect(t).toContain("*应急预案：* 已编制专项预案");
    expect(t).toContain("*场所类型：* 其他（矩阵未列明）");
    expect(t).toContain("*处理记录（1 条）*");
    expect(t).toContain("2026-11-09 10:00  <@UWEILIAISON> 登记");
    // The buttons the state allows come with it: 提交整改, and 挂牌督办 for a major hazard.
    expect(buttonsIn(answer).map((b: any) => b.action_id)).toEqual([HAZARD_ACTIONS.rectify, HAZARD_ACTIONS.list]);
  });

  it("详情 beside a listed row opens the same detail", async () => {
    const list = await ask("UCIVLIAISON", "隐患 列表 逾期", "CCIVIL");
    const detail = buttonsIn(list).find((b: any) => b.action_id === HAZARD_ACTIONS.show)!;
    const answer = await press("UCIVLIAISON", "CCIVIL", detail);
    expect(text(answer)).toContain("【隐患】YH-2026-0001");
    expect(text(answer)).toContain("*牵头部门：* 民政部门");
  });

  it("refuses the detail of a hazard outside the person's units and sectors; a wrong or unknown number says so", async () => {
    expect((await ask("UCIVLIAISON", "隐患 YH-2026-0004", "CCIVIL")).text).toContain("不属于您所在的单位，也不在您单位牵头的行业内");
    expect((await ask("UCULLIAISON", "hazard YH-2026-0001", "CCULTURE")).text).toContain("belongs neither to your unit");
    expect((await ask("UOFFICE", "隐患 YH-2026-0999", "COFFICE")).text).toContain("台账中没有隐患 YH-2026-0999");
    expect((await ask("UOFFICE", "隐患 详情 0999", "COFFICE")).text).toContain("“0999”不是隐患编号");
    expect((await ask("UOFFICE", "隐患 删除", "COFFICE")).text).toContain("不认识“删除”");
  });

  it("统计: the office gets every unit with hazards and the total", async () => {
    const answer = await ask("UOFFICE", "隐患 统计", "COFFICE");
    const t = text(answer);
    expect(t).toContain("*县（市、区）*");
    expect(t).toContain("*卫辉市* 发现 2 · 销号 0 · 整改率 0.0% · 未销号 2 · 逾期 1 · 重大 1 · 挂牌 0");
    expect(t).toContain("*红旗区* 发现 14 · 销号 0");
    expect(t).toContain("*合计* 发现 16 · 销号 0 · 整改率 0.0% · 未销号 16 · 逾期 1 · 重大 1 · 挂牌 0");
    expect(t).toMatch(/另有 \d+ 个单位暂无隐患记录/);
  });

  it("统计: a lead department sees its own figures and its sector's per owning unit", async () => {
    const t = text(await ask("UCIVLIAISON", "隐患 统计", "CCIVIL"));
    expect(t).toContain("民政部门 牵头行业的隐患（按隐患单位）");
    expect(t).toContain("*卫辉市* 发现 1 · 销号 0");
    expect(t).toContain("*红旗区* 发现 13 · 销号 0");
    expect(t).not.toContain("合计");
  });

  async function uploadedWorkbook() {
    const upload = await waitFor(() => slack.uploads[0], "the uploaded workbook");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(upload.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("隐患台账")!;
    const numbers: string[] = [];
    sheet.eachRow((row, i) => i > 1 && numbers.push(String(row.getCell(1).value)));
    return { wb, numbers };
  }

  it("导出: the office's whole ledger goes to the office channel as .xlsx", async () => {
    const answer = await ask("UOFFICE", "隐患 导出", "CCIVIL");
    expect(answer.text).toContain("隐患台账已上传至 <#COFFICE>");
    const { numbers, wb } = await uploadedWorkbook();
    expect(numbers).toHaveLength(16);
    expect(wb.getWorksheet("统计")).toBeDefined();
    const complete = slack.callsTo("files.completeUploadExternal").at(-1)!;
    expect(complete.body.channel_id).toBe("COFFICE");
  });

  it("导出: a unit's goes to its own channel, with its hazards and its sector's only", async () => {
    const answer = await ask("UCIVLIAISON", "hazard export", "CCIVIL");
    expect(answer.text).toContain("The hazard ledger was uploaded to <#CCIVIL>");
    const { numbers } = await uploadedWorkbook();
    expect(numbers).toHaveLength(14);
    expect(numbers).not.toContain("YH-2026-0002");
    expect(numbers).not.toContain("YH-2026-0004");
  });

  it("导出 is refused outside the person's own unit channel, uploading nothing", async () => {
    const answer = await ask("UWEILIAISON", "隐患 导出", "CCIVIL");
    expect(answer.text).toContain("请在本单位的频道中导出");
    expect((await ask("UOUTSIDER", "隐患 导出", "CWEIHUI")).text).toContain("无法查看隐患台账");
    expect(slack.uploads).toHaveLength(0);
  });
});
