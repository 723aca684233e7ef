import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { HAZARD_REPORT_CALLBACK, HAZARD_SHORTCUT_CALLBACK, REPORT_FIELDS } from "../../../src/messages/hazards/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { startTestApp, testClock } from "../../support/test-app.ts";
import { slashAnswer } from "../../support/slash-answer.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { importTestDirectory, setUpSlackPeople } from "../meetings/fixture.ts";

const MESSAGE_TS = "1762650000.000200";
const PERMALINK = `https://city.slack.com/archives/CWEIHUI/p1762650000000200`;

/** A message shortcut as Slack sends it (type message_action), on a message with two photos. */
function shortcutPayload(userId: string, over: { text?: string; files?: unknown[]; channelId?: string } = {}) {
  return {
    type: "message_action",
    callback_id: HAZARD_SHORTCUT_CALLBACK,
    trigger_id: "1.2.shortcut",
    team: { id: "T1", domain: "city" },
    user: { id: userId, username: userId, name: userId, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    action_ts: "1762650100.000000",
    message_ts: MESSAGE_TS,
    channel: { id: over.channelId ?? "CWEIHUI", name: "weihui" },
    response_url: "https://hooks.slack.com/app/T1/1/shortcut",
    message: {
      type: "message",
      user: "UWEILIAISON",
      ts: MESSAGE_TS,
      text: over.text ?? "幸福养老院厨房灭火器过期 &amp; 疏散通道堆放杂物 &lt;!channel&gt; <https://example.gov.cn/check|检查记录>",
      files: over.files ?? [
        { id: "F0MSG1", name: "kitchen.jpg", mimetype: "image/jpeg", permalink: "https://city.slack.com/files/U1/F0MSG1/kitchen.jpg" },
        { id: "F0MSG2", name: "exit.jpg", mimetype: "image/jpeg", permalink: "https://city.slack.com/files/U1/F0MSG2/exit.jpg" },
      ],
    },
  };
}

/** What the person fills in on top of the prefilled form: the fields the message cannot give. */
function completedValues(view: any, uploads: { id: string; name: string }[] = []) {
  const description = view.blocks.find((b: any) => b.block_id === REPORT_FIELDS.description.block).element.initial_value;
  return {
    [REPORT_FIELDS.unit.block]: { [REPORT_FIELDS.unit.action]: { type: "static_select", selected_option: { value: "weihui" } } },
    [REPORT_FIELDS.venueType.block]: {
      [REPORT_FIELDS.venueType.action]: { type: "static_select", selected_option: { value: "nursing-home" } },
    },
    [REPORT_FIELDS.placeName.block]: { [REPORT_FIELDS.placeName.action]: { type: "plain_text_input", value: "卫辉市幸福养老院" } },
    [REPORT_FIELDS.description.block]: { [REPORT_FIELDS.description.action]: { type: "plain_text_input", value: description } },
    [REPORT_FIELDS.level.block]: { [REPORT_FIELDS.level.action]: { type: "radio_buttons", selected_option: { value: "general" } } },
    [REPORT_FIELDS.deadline.block]: { [REPORT_FIELDS.deadline.action]: { type: "datepicker", selected_date: "2026-11-20" } },
    [REPORT_FIELDS.responsible.block]: { [REPORT_FIELDS.responsible.action]: { type: "users_select", selected_user: "UWEILIAISON" } },
    [REPORT_FIELDS.photos.block]: {
      [REPORT_FIELDS.photos.action]: { type: "file_input", files: uploads.map((f) => ({ ...f, mimetype: "image/jpeg" })) },
    },
  };
}

describe.each(dbKinds())("登记为隐患: the message shortcut (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    slack.on("chat.getPermalink", (body) => ({ ok: true, channel: body.channel, permalink: PERMALINK }));
    bot = await startTestApp(db, { clock: testClock("2026-11-09T10:00:00+08:00") });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("is in the app manifest under its callback id", () => {
    const manifest = readFileSync(new URL("../../../slack-app-manifest.yaml", import.meta.url), "utf8");
    expect(manifest).toMatch(
      new RegExp(`shortcuts:[\\s\\S]*name: 登记为隐患[\\s\\S]*type: message[\\s\\S]*callback_id: ${HAZARD_SHORTCUT_CALLBACK}`),
    );
  });

  it("opens the registration form on the channel's unit, the description from the message, its link and files listed", async () => {
    const res = await sendInteraction(bot.url, shortcutPayload("UWEILIAISON"));
    expect(res.status).toBe(200);
    const view = (await waitFor(() => slack.callsTo("views.open")[0], "the form")).body.view;
    expect(slack.callsTo("views.open")[0]!.body.trigger_id).toBe("1.2.shortcut");
    expect(view.callback_id).toBe(HAZARD_REPORT_CALLBACK);
    expect(view.blocks.find((b: any) => b.block_id === REPORT_FIELDS.unit.block).element.initial_option.value).toBe("weihui");
    // The text as the person wrote it: entities decoded, a link as its label and address; a plain-text field, so no ping.
    expect(view.blocks.find((b: any) => b.block_id === REPORT_FIELDS.description.block).element.initial_value).toBe(
      "幸福养老院厨房灭火器过期 & 疏散通道堆放杂物 <!channel> 检查记录 (https://example.gov.cn/check)",
    );
    const note = JSON.stringify(view.blocks.find((b: any) => b.type === "context"));
    expect(note).toContain(`<${PERMALINK}|原消息>`);
    expect(note).toContain("2 个文件将作为整改前证据：kitchen.jpg、exit.jpg");
    const meta = JSON.parse(view.private_metadata);
    expect(meta).toMatchObject({ l: "zh", c: "CWEIHUI", p: PERMALINK });
    expect(meta.f.map((f: any) => f.i)).toEqual(["F0MSG1", "F0MSG2"]);
  });

  it("registers the hazard with the message's files as before-evidence (plus any uploaded), found from the message; a retry adds nothing", async () => {
    const view = slack.callsTo("views.open")[0]!.body.view;
    const payload = viewSubmissionPayload({
      userId: "UWEILIAISON",
      callbackId: HAZARD_REPORT_CALLBACK,
      privateMetadata: view.private_metadata,
      values: completedValues(view, [
        { id: "F0UPLOAD", name: "more.jpg" },
        { id: "F0MSG1", name: "kitchen.jpg" },
      ]),
    });
    payload.view.id = "VSHORTCUT";
    expect((await sendInteraction(bot.url, payload)).status).toBe(200);
    const hazard = await waitForAsync(
      () => db.prisma.hazard.findFirst({ where: { clientKey: "view:VSHORTCUT" }, include: { files: { orderBy: { id: "asc" } } } }),
      "the hazard",
    );
    expect(hazard).toMatchObject({ unitId: "weihui", leadDepartmentId: "civil-affairs", source: "self_inspection", sourceRef: PERMALINK });
    expect(hazard.description).toContain("疏散通道堆放杂物 <!channel>");
    expect(hazard.files.map((f) => [f.slackFileId, f.kind, f.name])).toEqual([
      ["F0UPLOAD", "before", "more.jpg"],
      ["F0MSG1", "before", "kitchen.jpg"],
      ["F0MSG2", "before", "exit.jpg"],
    ]);
    expect(hazard.files[2]!.permalink).toBe("https://city.slack.com/files/U1/F0MSG2/exit.jpg");
    await waitFor(() => slack.postsIn("CWEIHUI").find((p) => String(p.body.text).includes("【隐患】")), "the card");

    // Slack retries the same submission: still one hazard, three files.
    expect((await sendInteraction(bot.url, payload)).status).toBe(200);
    expect(await db.prisma.hazard.count()).toBe(1);
    expect(await db.prisma.hazardFile.count()).toBe(3);

    // The detail links the message it came from; the echoed description is escaped.
    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { text: `隐患 ${hazard.number}`, user_id: "UWEILIAISON", channel_id: "CWEIHUI" });
    const detail = JSON.stringify((await waitFor(() => slack.responses[before], "the detail")).body.blocks);
    expect(detail).toContain(`（自查，<${PERMALINK}|来源消息>）`);
    expect(detail).toContain("&lt;!channel&gt;");
    expect(detail).not.toContain("<!channel>");
  });

  it("refuses someone who belongs to no unit, privately and audited, with no form; English for an English message", async () => {
    const opened = slack.callsTo("views.open").length;
    const before = slack.responses.length;
    await sendInteraction(bot.url, shortcutPayload("UOUTSIDER", { text: "Blocked fire exit at the library", files: [] }));
    const answer = (await waitFor(() => slack.responses[before], "the refusal")).body;
    expect(answer.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer.blocks)).toContain("You are not the principal head, a liaison or a member of any unit");
    expect(slack.callsTo("views.open").length).toBe(opened);
    const audit = await waitForAsync(
      () => db.prisma.auditEntry.findFirst({ where: { actor: "UOUTSIDER", action: "hazard.from_message" } }),
      "the refusal's audit entry",
    );
    expect(audit).toMatchObject({ outcome: "refused", channelId: "CWEIHUI" });
  });

  it("a registration from a message whose unit the person does not belong to is refused at submission, nothing written", async () => {
    // The culture liaison may open the form (they belong to a unit) but not register for Weihui.
    const opened = slack.callsTo("views.open").length;
    await sendInteraction(bot.url, shortcutPayload("UCULLIAISON"));
    const view = (await waitFor(() => slack.callsTo("views.open")[opened], "the form")).body.view;
    const payload = viewSubmissionPayload({
      userId: "UCULLIAISON",
      callbackId: HAZARD_REPORT_CALLBACK,
      privateMetadata: view.private_metadata,
      values: completedValues(view),
    });
    payload.view.id = "VCULTURE";
    const res = await sendInteraction(bot.url, payload);
    expect(res.json.errors[REPORT_FIELDS.unit.block]).toContain("不能为其登记隐患");
    expect(await db.prisma.hazard.count()).toBe(1);
  });

  it("registers by the matrix as it is now: a lead changed after the bot started is the form's and the hazard's", async () => {
    // The office moves 养老院 to another lead (the trigger bumps the matrix's version, as an edit from Slack does).
    await db.prisma.matrixEntry.updateMany({ where: { venueTypeId: "nursing-home" }, data: { departmentId: "education" } });
    // A write from outside the bot reaches it by the database's notice (PostgreSQL NOTIFY): once its who-leads answers
    // with the new lead, the form must too.
    await waitFor(
      async () =>
        (await slashAnswer(bot.url, slack, "养老院归谁管", { user_id: "UWEILIAISON", channel_id: "CWEIHUI" })).body.text.includes(
          "教育部门",
        ),
      "the bot to hear of the change",
    );
    const opened = slack.callsTo("views.open").length;
    await sendInteraction(bot.url, shortcutPayload("UWEILIAISON", { files: [] }));
    const view = (await waitFor(() => slack.callsTo("views.open")[opened], "the form")).body.view;
    expect(JSON.stringify(view.blocks)).toContain("养老院 → 教育部门");
    const payload = viewSubmissionPayload({
      userId: "UWEILIAISON",
      callbackId: HAZARD_REPORT_CALLBACK,
      privateMetadata: view.private_metadata,
      values: completedValues(view),
    });
    payload.view.id = "VMATRIXMOVED";
    await sendInteraction(bot.url, payload);
    const hazard = await waitForAsync(() => db.prisma.hazard.findFirst({ where: { clientKey: "view:VMATRIXMOVED" } }), "the hazard");
    expect(hazard.leadDepartmentId).toBe("education");
  });
});
