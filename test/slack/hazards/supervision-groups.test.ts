import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { importDirectory } from "../../../src/directory/import-directory.ts";
import { exportHazardLedger } from "../../../src/hazards/export-ledger.ts";
import { registerHazard } from "../../../src/hazards/register-hazard.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { blockActionPayload, sendEvent, sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import {
  HAZARD_ACTIONS,
  HAZARD_RECTIFY_CALLBACK,
  HAZARD_REPORT_CALLBACK,
  HAZARD_RETURN_CALLBACK,
  RECTIFY_FIELDS,
  REPORT_FIELDS,
  RETURN_FIELDS,
} from "../../../src/messages/hazards/ids.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { importTestDirectory, setUpSlackPeople } from "../meetings/fixture.ts";

/** UGROUPA and UGROUPB inspect 卫辉市 and 辉县市 as 第一督导组; UOUTSIDER belongs nowhere. */
const GROUP_DIRECTORY = {
  version: 1 as const,
  departments: [{ id: "huixian", nameZh: "辉县市", nameEn: "Huixian City", kind: "county_district" as const, liaisons: [] }],
  supervisionGroups: [
    {
      id: "group-1",
      nameZh: "第一督导组",
      nameEn: "Supervision Group 1",
      members: [
        { slackUserId: "UGROUPA", name: "张督导" },
        { slackUserId: "UGROUPB", name: "李督导" },
      ],
      counties: ["weihui", "huixian"],
    },
  ],
};

/** The registration form as a group member fills it in: found by `foundBy`, the unit left empty unless given. */
const groupReport = (foundBy: string, unit?: string) => ({
  [REPORT_FIELDS.foundBy.block]: { [REPORT_FIELDS.foundBy.action]: { type: "static_select", selected_option: { value: foundBy } } },
  [REPORT_FIELDS.unit.block]: { [REPORT_FIELDS.unit.action]: { type: "static_select", selected_option: unit ? { value: unit } : null } },
  [REPORT_FIELDS.venueType.block]: {
    [REPORT_FIELDS.venueType.action]: { type: "static_select", selected_option: { value: "nursing-home" } },
  },
  [REPORT_FIELDS.placeName.block]: { [REPORT_FIELDS.placeName.action]: { type: "plain_text_input", value: "卫辉市夕阳红养老院" } },
  [REPORT_FIELDS.description.block]: { [REPORT_FIELDS.description.action]: { type: "plain_text_input", value: "消防通道被占用" } },
  [REPORT_FIELDS.level.block]: { [REPORT_FIELDS.level.action]: { type: "radio_buttons", selected_option: { value: "general" } } },
  [REPORT_FIELDS.deadline.block]: { [REPORT_FIELDS.deadline.action]: { type: "datepicker", selected_date: "2026-11-20" } },
  [REPORT_FIELDS.responsible.block]: { [REPORT_FIELDS.responsible.action]: { type: "users_select", selected_user: "UWEILIAISON" } },
});

describe.each(dbKinds())("/redline 督导组 (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;

  /** What the person sees after `/redline <text>`. */
  async function ask(userId: string, text: string, channel = "CWEIHUI") {
    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { user_id: userId, text, channel_id: channel });
    return (await waitFor(() => slack.responses[before], `the answer to "${text}"`)).body as { text: string; blocks: unknown[] };
  }
  const shown = (answer: { blocks: unknown[] }) => JSON.stringify(answer.blocks);
  const auditOf = (actor: string, outcome: "ok" | "refused") =>
    db.prisma.auditEntry.findMany({ where: { actor, outcome, action: { startsWith: "group" } }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    await importDirectory(db.prisma, GROUP_DIRECTORY, "groups.yaml");
    slack = new SlackFake();
    setUpSlackPeople(slack);
    for (const [id, real_name] of [
      ["UGROUPA", "张督导"],
      ["UGROUPB", "李督导"],
      ["UGROUPC", "王督导"],
    ])
      slack.users.set(id!, { real_name: real_name! });
    clock = testClock("2026-11-09T10:00:00+08:00");
    bot = await startTestApp(db, { clock });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("lists every group to the office, with members, counties and open findings; a member sees their own group", async () => {
    const answer = await ask("UOFFICE", "督导组", "COFFICE");
    const text = shown(answer);
    expect(text).toContain("第一督导组");
    expect(text).toContain("<@UGROUPA>");
    expect(text).toContain("辉县市、卫辉市");
    expect(text).toContain("发现隐患 0 条，未销号 0 条");
    expect(text).toContain("/redline 督导组 创建");
    const member = shown(await ask("UGROUPB", "group list"));
    expect(member).toContain("Supervision Group 1");
    expect(member).not.toContain("/redline group create");
    expect(shown(await ask("UOUTSIDER", "督导组"))).toContain("您不在任何督导组中");
  });

  it("refuses changes from anyone but the office, privately and in their language, audited, changing nothing", async () => {
    for (const [user, text, expected] of [
      ["UWEIHEAD", "督导组 创建 group-2 第二督导组", "只有安委办工作人员可以维护督导组"],
      ["UGROUPA", "group add group-1 <@UOUTSIDER|outsider>", "Only safety-office staff can maintain supervision groups"],
      ["UGROUPA", "督导组 移除 group-1 卫辉市", "只有安委办工作人员可以维护督导组"],
      ["UGROUPA", "督导组 删除 group-1", "只有安委办工作人员可以维护督导组"],
    ] as const) {
      const answer = await ask(user, text);
      expect(answer.text).toContain(expected);
      expect(slack.responses.at(-1)!.body.response_type).toBe("ephemeral");
    }
    await waitForAsync(async () => ((await auditOf("UGROUPA", "refused")).length === 3 ? true : undefined), "the refusals' audit entries");
    expect((await auditOf("UWEIHEAD", "refused")).map((a) => a.detail)).toEqual([expect.objectContaining({ code: "forbidden" })]);
    expect(await db.prisma.supervisionGroup.count()).toBe(1);
    expect(await db.prisma.supervisionGroupMember.count({ where: { groupId: "group-1" } })).toBe(2);
    expect(await db.prisma.supervisionGroupCounty.count({ where: { groupId: "group-1" } })).toBe(2);
  });

  it("lets the office create a group, add members by mention and a county by name, remove them and delete the group, each audited", async () => {
    expect((await ask("UOFFICE", "督导组 创建 group-2 第二督导组 Group 2", "COFFICE")).text).toContain(
      "✅ 第二督导组：已创建（编号 group-2）",
    );
    expect((await ask("UOFFICE", "督导组 创建 group-2 又一个", "COFFICE")).text).toContain("督导组 group-2 已存在，未作改动");
    expect((await ask("UOFFICE", "督导组 创建 第二组 第二督导组", "COFFICE")).text).toContain("须由小写字母、数字和连字符组成");
    expect((await ask("UOFFICE", "督导组 添加 group-2 <@UGROUPC> <@UGROUPA|zhang>", "COFFICE")).text).toContain(
      "已添加成员 <@UGROUPC> <@UGROUPA>",
    );
    expect((await ask("UOFFICE", "督导组 添加 group-2 <@UGROUPA|zhang>", "COFFICE")).text).toContain("这些人已是成员，未作改动");
    expect((await ask("UOFFICE", "督导组 添加 第二督导组 卫辉市", "COFFICE")).text).toContain("已添加督导县（市、区）卫辉市");
    expect((await ask("UOFFICE", "督导组 添加 group-2 民政部门", "COFFICE")).text).toContain("民政部门 不是县（市、区）");
    expect((await ask("UOFFICE", "group add group-9 weihui", "COFFICE")).text).toContain('There is no supervision group "group-9"');
    const members = await db.prisma.supervisionGroupMember.findMany({ where: { groupId: "group-2" }, orderBy: { slackUserId: "asc" } });
    // A mention without a name is named from Slack.
    expect(members.map((m) => `${m.slackUserId} ${m.name}`)).toEqual(["UGROUPA zhang", "UGROUPC 王督导"]);
    expect((await db.prisma.supervisionGroupCounty.findMany({ where: { groupId: "group-2" } })).map((c) => c.departmentId)).toEqual([
      "weihui",
    ]);

    expect((await ask("UOFFICE", "督导组 移除 group-2 <@UGROUPC>", "COFFICE")).text).toContain("已移除成员 <@UGROUPC>");
    expect((await ask("UOFFICE", "督导组 移除 group-2 卫辉市", "COFFICE")).text).toContain("已移除督导县（市、区）卫辉市");
    expect((await ask("UOFFICE", "督导组 删除 group-2", "COFFICE")).text).toContain("✅ 第二督导组：已删除");
    expect(await db.prisma.supervisionGroup.count({ where: { id: "group-2" } })).toBe(0);
    expect((await auditOf("UOFFICE", "ok")).map((a) => a.action)).toEqual([
      "group.create",
      "group.add_member",
      "group.add_county",
      "group.remove_member",
      "group.remove_county",
      "group.delete",
    ]);
  });

  it("shows a group's findings, closed ones too, to its members and the office only; a group with findings is not deleted", async () => {
    const input = {
      placeName: "幸福养老院 <!channel>",
      venueTypeId: "nursing-home",
      description: "厨房灭火器过期",
      level: "general" as const,
      source: "supervision_group" as const,
      sourceRef: "group-1",
      foundBySlackUserId: "UGROUPA",
      foundDay: "2026-11-02",
      responsibleSlackUserId: "UWEILIAISON",
    };
    const now = clock.now();
    const open = await registerHazard(db.prisma, { ...input, unitId: "weihui", deadlineDay: "2026-11-06" }, now);
    const closed = await registerHazard(db.prisma, { ...input, unitId: "huixian", deadlineDay: "2026-11-30" }, now);
    await db.prisma.hazard.update({ where: { id: closed.hazard.id }, data: { state: "closed", closedAt: now } });
    await registerHazard(
      db.prisma,
      { ...input, source: "self_inspection", sourceRef: null, unitId: "weihui", deadlineDay: "2026-11-30" },
      now,
    );

    const answer = shown(await ask("UGROUPB", "督导组 group-1"));
    expect(answer).toContain("第一督导组发现");
    expect(answer).toContain(open.hazard.number);
    expect(answer).toContain(closed.hazard.number);
    expect(answer).toContain("已销号");
    expect(answer).toContain(":large_yellow_circle:"); // past its deadline
    expect(answer).toContain("幸福养老院 &lt;!channel&gt;");
    expect(answer).not.toContain("YH-2026-0003");
    expect(shown(await ask("UOFFICE", "隐患 列表 督导组 第一督导组", "COFFICE"))).toContain(closed.hazard.number);
    // The detail names the group as the finder; a member may open it though the county is not theirs.
    expect(shown(await ask("UGROUPA", `隐患 ${open.hazard.number}`))).toContain("督导组检查：第一督导组");
    expect((await ask("UOUTSIDER", "督导组 group-1")).text).toContain("只有第一督导组的成员和安委办可以查看该组发现的隐患");
    expect(shown(await ask("UOFFICE", "督导组", "COFFICE"))).toContain("发现隐患 2 条，未销号 1 条");
    expect((await ask("UOFFICE", "督导组 删除 group-1", "COFFICE")).text).toContain("已登记 2 条隐患，台账仍以其为发现单位，不能删除");
  });

  it("offers a member 'found by' their group in each county it inspects, and registers the finding in that county's ledger", async () => {
    const opened = slack.callsTo("views.open").length;
    await sendSlashCommand(bot.url, { text: "隐患 登记", user_id: "UGROUPA", channel_id: "DGROUPA" });
    const view = (await waitFor(() => slack.callsTo("views.open")[opened], "the report form")).body.view;
    const foundBy = view.blocks.find((b: any) => b.block_id === REPORT_FIELDS.foundBy.block);
    expect(foundBy.element.options.map((o: any) => o.text.text)).toEqual([
      "本单位自查",
      "第一督导组督导 → 辉县市",
      "第一督导组督导 → 卫辉市",
    ]);
    expect(view.blocks.find((b: any) => b.block_id === REPORT_FIELDS.unit.block).optional).toBe(true);
    // Someone in no group gets the form without the choice.
    await sendSlashCommand(bot.url, { text: "隐患 登记", user_id: "UWEILIAISON", channel_id: "CWEIHUI" });
    const plainView = (await waitFor(() => slack.callsTo("views.open")[opened + 1], "the plain form")).body.view;
    expect(plainView.blocks.some((b: any) => b.block_id === REPORT_FIELDS.foundBy.block)).toBe(false);

    const submit = (userId: string, values: Record<string, Record<string, unknown>>) =>
      sendInteraction(
        bot.url,
        viewSubmissionPayload({ userId, callbackId: HAZARD_REPORT_CALLBACK, privateMetadata: JSON.stringify({ l: "zh" }), values }),
      );
    const before = await db.prisma.hazard.count();
    // A non-member cannot claim the group; a county outside its list is refused; a different unit beside the county too.
    const outsider = await submit("UWEILIAISON", groupReport("group:group-1:weihui"));
    expect(outsider.json.errors[REPORT_FIELDS.foundBy.block]).toContain("您不是第一督导组的成员，不能以督导组名义登记隐患");
    const outside = await submit("UGROUPA", groupReport("group:group-1:changyuan"));
    expect(outside.json.errors[REPORT_FIELDS.foundBy.block]).toContain("第一督导组不督导");
    const mixed = await submit("UGROUPA", groupReport("group:group-1:weihui", "huixian"));
    expect(mixed.json.errors[REPORT_FIELDS.unit.block]).toContain("督导组发现的隐患记入所选的被督导县");
    await waitForAsync(
      async () =>
        (await db.prisma.auditEntry.count({ where: { action: "hazard.report_submit", outcome: "refused" } })) >= 2 ? true : undefined,
      "the refusals' audit entries",
    );
    expect(
      (await db.prisma.auditEntry.findMany({ where: { action: "hazard.report_submit", outcome: "refused" }, orderBy: { id: "asc" } })).map(
        (a) => [a.actor, (a.detail as { code?: string }).code],
      ),
    ).toEqual([
      ["UWEILIAISON", "not_group_member"],
      ["UGROUPA", "county_not_inspected"],
    ]);
    expect(await db.prisma.hazard.count()).toBe(before);

    const ok = await submit("UGROUPA", groupReport("group:group-1:weihui"));
    expect(ok.json?.response_action).toBeUndefined();
    const h = await waitForAsync(() => db.prisma.hazard.findFirst({ where: { placeName: "卫辉市夕阳红养老院" } }), "the group's finding");
    expect(h).toMatchObject({ unitId: "weihui", source: "supervision_group", sourceRef: "group-1", foundBySlackUserId: "UGROUPA" });
    // Its card goes to the county's channel like any hazard of the county.
    await waitFor(
      () => slack.postsIn("CWEIHUI").find((p) => JSON.stringify(p.body.blocks).includes(h.number)),
      "the card in 卫辉市's channel",
    );
    expect(shown(await ask("UGROUPB", "督导组 group-1"))).toContain(h.number);
  });

  it("tells the group's members by DM when its finding is returned (with the reason) and when it is accepted, once each", async () => {
    const h = await db.prisma.hazard.findFirstOrThrow({ where: { placeName: "卫辉市夕阳红养老院" } });
    const meta = JSON.stringify({ h: h.id, l: "zh" });
    const act = (userId: string, callbackId: string, values: Record<string, Record<string, unknown>>) =>
      sendInteraction(bot.url, viewSubmissionPayload({ userId, callbackId, privateMetadata: meta, values }));
    const rectify = (file: string) => ({
      [RECTIFY_FIELDS.note.block]: { [RECTIFY_FIELDS.note.action]: { type: "plain_text_input", value: "通道已清理" } },
      [RECTIFY_FIELDS.photos.block]: {
        [RECTIFY_FIELDS.photos.action]: { type: "file_input", files: [{ id: file, name: `${file}.jpg`, mimetype: "image/jpeg" }] },
      },
    });
    const state = (want: string) => async () =>
      (await db.prisma.hazard.findUniqueOrThrow({ where: { id: h.id } })).state === want ? true : undefined;
    const dms = (channel: string) => slack.postsIn(channel).filter((p) => JSON.stringify(p.body.blocks ?? "").includes(h.number));

    await act("UWEILIAISON", HAZARD_RECTIFY_CALLBACK, rectify("F0AFTER1"));
    await waitForAsync(state("awaiting_acceptance"), "the rectification");
    expect(dms("DGROUPA")).toHaveLength(0); // a rectification is not news for the group
    await act("UCIVLIAISON", HAZARD_RETURN_CALLBACK, {
      [RETURN_FIELDS.reason.block]: { [RETURN_FIELDS.reason.action]: { type: "plain_text_input", value: "照片看不清 <!channel>" } },
    });
    await waitFor(() => dms("DGROUPB")[0], "the return DM to the second member");
    const returned = JSON.stringify(dms("DGROUPA")[0]!.body.blocks);
    expect(returned).toContain(
      `↩️ 第一督导组发现的隐患 *${h.number}* 卫辉市 · 卫辉市夕阳红养老院 验收未通过，已退回继续整改（<@UCIVLIAISON> 退回）`,
    );
    expect(returned).toContain("退回原因：照片看不清 &lt;!channel&gt;");

    // The member's Home tab shows the group's open findings, this one among them.
    const published = slack.callsTo("views.publish").length;
    await sendEvent(bot.url, { type: "app_home_opened", user: "UGROUPA", channel: "DGROUPA", tab: "home", event_ts: "1" });
    const homeOf = () =>
      slack
        .callsTo("views.publish")
        .filter((c) => c.body.user_id === "UGROUPA")
        .at(-1);
    await waitFor(() => slack.callsTo("views.publish").length > published && homeOf(), "UGROUPA's Home tab");
    const home = JSON.stringify(homeOf()!.body.view.blocks);
    expect(home).toContain("🧭 第一督导组发现的隐患* — 未销号 2 条，逾期 1 条");
    expect(home).toContain(h.number);

    await act("UWEILIAISON", HAZARD_RECTIFY_CALLBACK, rectify("F0AFTER2"));
    await waitForAsync(state("awaiting_acceptance"), "the second rectification");
    const press = () =>
      sendInteraction(
        bot.url,
        blockActionPayload({
          userId: "UCIVLIAISON",
          actionId: HAZARD_ACTIONS.accept,
          value: JSON.stringify({ h: h.id }),
          channelId: "CWEIHUI",
          messageTs: h.messageTs!,
        }),
      );
    const answerTo = (from: number, words: string) =>
      waitFor(() => slack.responses.slice(from).find((r) => JSON.stringify(r.body).includes(words)), `the answer "${words}"`);
    const first = slack.responses.length;
    await press();
    await answerTo(first, "已验收通过");
    await waitFor(() => dms("DGROUPB")[1], "the acceptance DM");
    expect(JSON.stringify(dms("DGROUPA")[1]!.body.blocks)).toContain(
      `✅ 第一督导组发现的隐患 *${h.number}* 卫辉市 · 卫辉市夕阳红养老院 已验收通过，销号（<@UCIVLIAISON> 验收）`,
    );
    // A second press is refused (already closed) and tells nobody again; the group's list shows it closed.
    const answered = slack.responses.length;
    await press();
    await answerTo(answered, "当前为「已销号」");
    expect(dms("DGROUPA")).toHaveLength(2);
    expect(dms("DGROUPB")).toHaveLength(2);
    expect(shown(await ask("UGROUPA", "督导组 group-1"))).toContain("已销号");
    // Closed, it leaves the member's Home tab (published again on the change, since they opened it).
    await waitFor(
      () => !JSON.stringify(homeOf()!.body.view.blocks).includes(h.number) || undefined,
      "the Home tab without the closed finding",
    );
    expect(JSON.stringify(homeOf()!.body.view.blocks)).toContain("未销号 1 条");
  });

  it("the ledger export names the group that found a hazard under 发现方式", async () => {
    const file = await exportHazardLedger(db.prisma, { all: true }, { now: clock.now(), zone: "Asia/Shanghai" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("隐患台账")!;
    const column = (sheet.getRow(1).values as unknown[]).indexOf("发现方式");
    const foundBy = new Map<string, unknown>();
    sheet.eachRow((r, n) => n > 1 && foundBy.set(String(r.getCell(1).value), r.getCell(column).value));
    const numbers = await db.prisma.hazard.findMany({ orderBy: { id: "asc" }, select: { number: true, source: true } });
    expect(numbers.map((h) => foundBy.get(h.number))).toEqual(
      numbers.map((h) => (h.source === "supervision_group" ? "督导组检查（第一督导组）" : "自查")),
    );
    expect(numbers.filter((h) => h.source === "supervision_group")).toHaveLength(3);
  });
});
