import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import {
  HAZARD_ACTIONS,
  HAZARD_RECTIFY_CALLBACK,
  HAZARD_REPORT_CALLBACK,
  HAZARD_RETURN_CALLBACK,
  RECTIFY_FIELDS,
  REPORT_FIELDS,
  RETURN_FIELDS,
} from "../../../src/messages/hazards/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { blockActionPayload, sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { settle, waitFor, waitForAsync } from "../../support/wait-for.ts";
import { importTestDirectory, setUpSlackPeople } from "../meetings/fixture.ts";

const reportValues = (over: { unit?: string; files?: { id: string; name: string }[] } = {}) => ({
  [REPORT_FIELDS.unit.block]: { [REPORT_FIELDS.unit.action]: { type: "static_select", selected_option: { value: over.unit ?? "weihui" } } },
  [REPORT_FIELDS.venueType.block]: {
    [REPORT_FIELDS.venueType.action]: { type: "static_select", selected_option: { value: "nursing-home" } },
  },
  [REPORT_FIELDS.placeName.block]: { [REPORT_FIELDS.placeName.action]: { type: "plain_text_input", value: "卫辉市幸福养老院 <!channel>" } },
  [REPORT_FIELDS.placeAddress.block]: { [REPORT_FIELDS.placeAddress.action]: { type: "plain_text_input", value: "健康路 8 号" } },
  [REPORT_FIELDS.description.block]: {
    [REPORT_FIELDS.description.action]: { type: "plain_text_input", value: "厨房灭火器过期，疏散通道堆放杂物" },
  },
  [REPORT_FIELDS.level.block]: { [REPORT_FIELDS.level.action]: { type: "radio_buttons", selected_option: { value: "general" } } },
  [REPORT_FIELDS.deadline.block]: { [REPORT_FIELDS.deadline.action]: { type: "datepicker", selected_date: "2026-11-20" } },
  [REPORT_FIELDS.responsible.block]: { [REPORT_FIELDS.responsible.action]: { type: "users_select", selected_user: "UWEILIAISON" } },
  [REPORT_FIELDS.measures.block]: { [REPORT_FIELDS.measures.action]: { type: "plain_text_input", value: "更换灭火器，清理通道" } },
  [REPORT_FIELDS.photos.block]: {
    [REPORT_FIELDS.photos.action]: {
      type: "file_input",
      files: (
        over.files ?? [
          { id: "F0BEFORE1", name: "kitchen.jpg" },
          { id: "F0BEFORE2", name: "exit.jpg" },
        ]
      ).map((f) => ({ ...f, mimetype: "image/jpeg", permalink: `https://city.slack.com/files/${f.id}` })),
    },
  },
});

const rectifyValues = (note: string | null, files: string[]) => ({
  [RECTIFY_FIELDS.note.block]: { [RECTIFY_FIELDS.note.action]: { type: "plain_text_input", value: note } },
  [RECTIFY_FIELDS.photos.block]: {
    [RECTIFY_FIELDS.photos.action]: { type: "file_input", files: files.map((id) => ({ id, name: `${id}.jpg`, mimetype: "image/jpeg" })) },
  },
});

describe.each(dbKinds())("the hazard loop through the bot (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;

  const card = () => db.prisma.hazard.findFirstOrThrow({ where: { number: "YH-2026-0001" } });
  /** The card as Slack now shows it: the first post, then every chat.update of that ts. */
  const shownCard = () => {
    const posts = slack.postsIn("CWEIHUI").filter((p) => String(p.body.text).includes("【隐患】"));
    const ts = posts[0]?.response?.ts;
    const updates = slack.callsTo("chat.update").filter((u) => u.body.ts === ts);
    return (updates.at(-1) ?? posts[0])!;
  };
  const cardText = () => JSON.stringify(shownCard().body.blocks);
  const buttonsShown = () =>
    (shownCard().body.blocks as any[]).filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: any) => e.text.text));
  const threadReplies = () => slack.postsIn("CWEIHUI").filter((p) => p.body.thread_ts);

  async function press(userId: string, actionId: string) {
    const h = await card();
    const before = slack.responses.length;
    const opened = slack.callsTo("views.open").length;
    await sendInteraction(
      bot.url,
      blockActionPayload({ userId, actionId, value: JSON.stringify({ h: h.id }), channelId: "CWEIHUI", messageTs: h.messageTs! }),
    );
    return waitFor(
      () =>
        slack.responses.length > before
          ? { answer: slack.responses[before]!.body }
          : slack.callsTo("views.open").length > opened
            ? { view: slack.callsTo("views.open")[opened]!.body.view }
            : undefined,
      `the answer to ${userId}'s ${actionId}`,
    );
  }
  const submit = (userId: string, callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>) =>
    sendInteraction(bot.url, viewSubmissionPayload({ userId, callbackId, privateMetadata, values }));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    clock = testClock("2026-11-09T10:00:00+08:00");
    bot = await startTestApp(db, { clock });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("opens the registration form with file_input for photos, starting on the channel's unit", async () => {
    await sendSlashCommand(bot.url, { text: "隐患 登记", user_id: "UWEILIAISON", channel_id: "CWEIHUI" });
    const view = (await waitFor(() => slack.callsTo("views.open")[0], "the report form")).body.view;
    expect(view.callback_id).toBe(HAZARD_REPORT_CALLBACK);
    const blocks = JSON.stringify(view.blocks);
    expect(blocks).toContain('"type":"file_input"');
    expect(blocks).toContain("养老院 → 民政部门");
    const unit = view.blocks.find((b: any) => b.block_id === REPORT_FIELDS.unit.block);
    expect(unit.element.initial_option.value).toBe("weihui");
  });

  it("refuses to register for a unit the person does not belong to, and audits it", async () => {
    const meta = JSON.stringify({ l: "zh", c: "CWEIHUI" });
    const res = await submit("UCULLIAISON", HAZARD_REPORT_CALLBACK, meta, reportValues());
    expect(res.json.errors[REPORT_FIELDS.unit.block]).toContain("不能为其登记隐患");
    await waitForAsync(() => db.prisma.auditEntry.findFirst({ where: { actor: "UCULLIAISON" } }), "the refusal's audit entry");
    expect(await db.prisma.hazard.count()).toBe(0);
    expect((await db.prisma.auditEntry.findMany({ where: { actor: "UCULLIAISON", outcome: "refused" } })).map((a) => a.detail)).toEqual([
      expect.objectContaining({ code: "not_owner_unit" }),
    ]);
  });

  it("registers with photos: number, card in the unit's channel with colour, deadline, lead department and 提交整改; history in the thread", async () => {
    const meta = JSON.stringify({ l: "zh", c: "CWEIHUI" });
    const res = await submit("UWEILIAISON", HAZARD_REPORT_CALLBACK, meta, reportValues());
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBeUndefined();
    await waitFor(() => threadReplies()[0], "the first history entry");
    const h = await card();
    expect(h).toMatchObject({ state: "registered", unitId: "weihui", leadDepartmentId: "civil-affairs", channelId: "CWEIHUI" });
    const text = cardText();
    expect(text).toContain("【隐患】YH-2026-0001");
    expect(text).toContain("*牵头部门：* 民政部门");
    expect(text).toContain("*整改期限：* 2026-11-20（还剩 9 个工作日）");
    expect(text).toContain(":white_circle: *已登记*");
    // Typed text is escaped in every mrkdwn field and the notification text (the header is plain_text: never a mention).
    const mrkdwn = JSON.stringify((shownCard().body.blocks as any[]).filter((b) => b.type !== "header"));
    expect(mrkdwn).toContain("&lt;!channel&gt;");
    expect(mrkdwn).not.toContain("<!channel>");
    expect(shownCard().body.text).not.toContain("<!channel>");
    expect(buttonsShown()).toEqual(["提交整改"]);
    expect(JSON.stringify(threadReplies()[0]!.body.blocks)).toContain("<@UWEILIAISON> 登记");
    expect(
      (await db.prisma.hazardFile.findMany({ where: { hazardId: h.id }, orderBy: { id: "asc" } })).map((f) => [f.kind, f.slackFileId]),
    ).toEqual([
      ["before", "F0BEFORE1"],
      ["before", "F0BEFORE2"],
    ]);
    // The same form submitted again (a retry) registers nothing new and posts no second card.
    await submit("UWEILIAISON", HAZARD_REPORT_CALLBACK, meta, reportValues());
    await settle(300);
    expect(await db.prisma.hazard.count()).toBe(1);
    expect(slack.postsIn("CWEIHUI").filter((p) => String(p.body.text).includes("【隐患】") && !p.body.thread_ts)).toHaveLength(1);
  });

  it("refuses 提交整改 by someone outside the owning unit, privately, and audits it", async () => {
    const r = await press("UCIVLIAISON", HAZARD_ACTIONS.rectify);
    expect(r.answer?.text).toContain("只有隐患 YH-2026-0001 所属单位的人员可以提交整改");
    expect(r.answer?.response_type).toBe("ephemeral");
    // The boundary writes the audit entry just after answering.
    const audit = await waitForAsync(
      () => db.prisma.auditEntry.findFirst({ where: { actor: "UCIVLIAISON", action: "hazard.rectify" } }),
      "the audit entry",
    );
    expect(audit).toMatchObject({ outcome: "refused", subject: "hazard:YH-2026-0001" });
  });

  let rectifyMeta = "";
  it("the unit submits the rectification: after-photos required, then 待验收 with 验收通过 / 退回", async () => {
    const r = await press("UWEILIAISON", HAZARD_ACTIONS.rectify);
    expect(r.view.callback_id).toBe(HAZARD_RECTIFY_CALLBACK);
    rectifyMeta = r.view.private_metadata;
    const missing = await submit("UWEILIAISON", HAZARD_RECTIFY_CALLBACK, rectifyMeta, rectifyValues("已更换", []));
    expect(missing.json.errors[RECTIFY_FIELDS.photos.block]).toContain("整改后照片");
    expect((await card()).state).toBe("registered");
    clock.set("2026-11-12T15:00:00+08:00");
    const ok = await submit(
      "UWEILIAISON",
      HAZARD_RECTIFY_CALLBACK,
      rectifyMeta,
      rectifyValues("已更换灭火器 4 具，通道已清理", ["F0AFTER1"]),
    );
    expect(ok.json?.response_action).toBeUndefined();
    await waitFor(() => threadReplies()[1], "the rectification entry");
    expect((await card()).state).toBe("awaiting_acceptance");
    expect(cardText()).toContain("*待验收*");
    expect(buttonsShown()).toEqual(["验收通过", "退回"]);
    expect(JSON.stringify(threadReplies()[1]!.body.blocks)).toContain("提交整改 （已登记 → 待验收） · 附件 1 件");
  });

  it("the owning unit's head may not accept its own hazard", async () => {
    const r = await press("UWEIHEAD", HAZARD_ACTIONS.accept);
    expect(r.answer?.text).toContain("本单位不能验收自己的隐患");
    expect((await card()).state).toBe("awaiting_acceptance");
  });

  it("the lead department returns it with a reason; it goes back to 整改中 and stays on the books", async () => {
    const r = await press("UCIVLIAISON", HAZARD_ACTIONS.return);
    expect(r.view.callback_id).toBe(HAZARD_RETURN_CALLBACK);
    const empty = await submit("UCIVLIAISON", HAZARD_RETURN_CALLBACK, r.view.private_metadata, {
      [RETURN_FIELDS.reason.block]: { [RETURN_FIELDS.reason.action]: { type: "plain_text_input", value: " " } },
    });
    expect(empty.json.errors[RETURN_FIELDS.reason.block]).toBe("此项为必填项。");
    await submit("UCIVLIAISON", HAZARD_RETURN_CALLBACK, r.view.private_metadata, {
      [RETURN_FIELDS.reason.block]: { [RETURN_FIELDS.reason.action]: { type: "plain_text_input", value: "照片看不清灭火器有效期" } },
    });
    await waitFor(() => threadReplies()[2], "the return entry");
    expect((await card()).state).toBe("rectifying");
    expect(cardText()).toContain("*整改中*");
    expect(buttonsShown()).toEqual(["提交整改"]);
    expect(JSON.stringify(threadReplies()[2]!.body.blocks)).toContain("<@UCIVLIAISON> 退回 （待验收 → 整改中）\\n> 照片看不清灭火器有效期");
  });

  it("the unit rectifies again and the lead department accepts: 已销号, no buttons left", async () => {
    const r = await press("UWEILIAISON", HAZARD_ACTIONS.rectify);
    await submit("UWEILIAISON", HAZARD_RECTIFY_CALLBACK, r.view.private_metadata, rectifyValues("补拍有效期照片", ["F0AFTER2"]));
    await waitFor(() => threadReplies()[3], "the second rectification");
    const accepted = await press("UCIVLIAISON", HAZARD_ACTIONS.accept);
    expect(accepted.answer?.text).toContain("已验收通过，隐患销号");
    await waitFor(() => threadReplies()[4], "the acceptance entry");
    const h = await card();
    expect(h.state).toBe("closed");
    expect(h.closedAt).not.toBeNull();
    expect(cardText()).toContain("*已销号*");
    expect(buttonsShown()).toEqual([]);
    const events = await db.prisma.hazardEvent.findMany({ where: { hazardId: h.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.fromState, e.toState, e.actorSlackUserId])).toEqual([
      ["register", null, "registered", "UWEILIAISON"],
      ["submit_rectification", "registered", "awaiting_acceptance", "UWEILIAISON"],
      ["return", "awaiting_acceptance", "rectifying", "UCIVLIAISON"],
      ["submit_rectification", "rectifying", "awaiting_acceptance", "UWEILIAISON"],
      ["accept", "awaiting_acceptance", "closed", "UCIVLIAISON"],
    ]);
    expect((await db.prisma.hazardFile.findMany({ where: { hazardId: h.id, kind: "after" } })).map((f) => f.slackFileId).sort()).toEqual([
      "F0AFTER1",
      "F0AFTER2",
    ]);
    // A late second press changes nothing.
    const again = await press("UCIVLIAISON", HAZARD_ACTIONS.accept);
    expect(again.answer?.text).toContain("当前为「已销号」");
    expect(await db.prisma.hazardEvent.count({ where: { hazardId: h.id } })).toBe(5);
  });
});
