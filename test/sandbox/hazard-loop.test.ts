// The real bot (same Bolt app, listeners and database as in Slack) driven through the sandbox as people would drive
// the page: every step is a signed request, every check reads what the page would show.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { useDemoSandbox } from "./demo-sandbox.ts";
import { UPLOAD_FIELDS } from "../../src/messages/campaigns/upload-modal.ts";
import {
  HAZARD_ACTIONS,
  HAZARD_RECTIFY_CALLBACK,
  HAZARD_REPORT_CALLBACK,
  HAZARD_RETURN_CALLBACK,
  HAZARD_SHORTCUT_CALLBACK,
  RECTIFY_FIELDS,
  REPORT_FIELDS,
  RETURN_FIELDS,
} from "../../src/messages/hazards/ids.ts";
import { demoPhotoPng } from "../../src/sandbox/demo-photo.ts";
import { renderChannel } from "../../src/sandbox/render/state.ts";
import { dmChannelId, type Json } from "../../src/sandbox/store.ts";
import { waitFor } from "../support/wait-for.ts";

const WEIHUI = "C0WEIHUI";
const WEIHUI_LIAISON = "U0WEIHUIL";
const OUTSIDER = "U0OUTSIDER";
/** 民政部门 leads nursing homes in the matrix: its liaison accepts or returns 卫辉市's rectification. */
const CIVIL_LIAISON = "U0CIVILAFFAIRSL";
const OFFICE_CHANNEL = "C0SAFETYOFFICE";
const OFFICE_LIAISON = "U0SAFETYOFFICEL";
const PLACE = "卫辉市夕阳红敬老院";

describe("the hazard loop in the sandbox, with the real bot", () => {
  const demo = useDemoSandbox();

  const sandbox = () => demo.running.sandbox;
  const render = (userId: string, channel: string) =>
    renderChannel(sandbox().store, userId, channel, { timeZone: "Asia/Shanghai", fileUrl: (id) => `/files/${id}` });
  const inputOf = (view: Json, block: string) => ((view.blocks as Json[]).find((b) => b.block_id === block)?.element ?? {}) as Json;

  it("登记为隐患 on a liaison's message opens the registration form on the channel's unit, prefilled with the message's text", async () => {
    const s = sandbox();
    await s.act.typeMessage({ userId: WEIHUI_LIAISON, channel: WEIHUI, text: "幸福养老院厨房灭火器过期 & 疏散通道堆放杂物" });
    const message = s.store.messages(WEIHUI).at(-1)!;
    expect(render(WEIHUI_LIAISON, WEIHUI)).toContain(`data-callback-id="${HAZARD_SHORTCUT_CALLBACK}"`);
    const result = await s.act.messageShortcut({
      userId: WEIHUI_LIAISON,
      channel: WEIHUI,
      messageTs: message.ts,
      callbackId: HAZARD_SHORTCUT_CALLBACK,
    });
    expect(result).toMatchObject({ delivered: true, status: 200 });
    const modal = await s.waitFor(() => s.store.topModal(WEIHUI_LIAISON));
    expect(modal.view.callback_id).toBe(HAZARD_REPORT_CALLBACK);
    expect(inputOf(modal.view, REPORT_FIELDS.description.block).initial_value).toBe("幸福养老院厨房灭火器过期 & 疏散通道堆放杂物");
    expect((inputOf(modal.view, REPORT_FIELDS.unit.block).initial_option as Json).value).toBe("weihui");
    expect(inputOf(modal.view, REPORT_FIELDS.photos.block).type).toBe("file_input");
    // The link back to the message (the bot takes only https permalinks, so it builds Slack's address for it).
    expect(JSON.stringify(modal.view.blocks)).toContain(`/archives/${WEIHUI}/p${message.ts.replace(".", "")}|原消息`);
    await s.act.closeView({ userId: WEIHUI_LIAISON });
  });

  it("an outsider using the shortcut is told privately, in Chinese, that they cannot register hazards; no form opens", async () => {
    const s = sandbox();
    const message = s.store.messages(WEIHUI).find((m) => m.text.includes("幸福养老院厨房灭火器过期"))!;
    await s.act.messageShortcut({ userId: OUTSIDER, channel: WEIHUI, messageTs: message.ts, callbackId: HAZARD_SHORTCUT_CALLBACK });
    const refusal = await s.waitFor(() => s.store.ephemerals(OUTSIDER, WEIHUI).find((m) => m.text.includes("不能登记隐患")));
    expect(refusal.text).toContain("请联系安委办登记");
    expect(s.store.topModal(OUTSIDER)).toBeUndefined();
    expect(render(WEIHUI_LIAISON, WEIHUI)).not.toContain("不能登记隐患");
  });

  describe("register with a photo → rectify → return → rectify → accept, as the page does it", () => {
    let photo: Buffer;
    let hazardId = 0;
    let cardTs = "";
    /** The new hazard's card (the demo has a 卫辉市 nursing home of its own). */
    const card = () => sandbox().store.message(WEIHUI, cardTs);
    const thread = () =>
      sandbox()
        .store.messages(WEIHUI)
        .filter((m) => m.threadTs && m.threadTs === card()?.ts);
    const buttons = () =>
      ((card()?.blocks ?? []) as Json[]).filter((b) => b.type === "actions").flatMap((b) => (b.elements as Json[]).map((e) => e.action_id));
    async function press(userId: string, actionId: string) {
      const s = sandbox();
      const result = await s.act.click({ userId, channel: WEIHUI, messageTs: card()!.ts, actionId });
      expect(result.delivered).toBe(true);
    }
    const upload = (userId: string, name: string) => sandbox().act.uploadFile({ userId, name, data: photo });

    beforeAll(async () => {
      photo = await demoPhotoPng();
    });

    it("a liaison posts a photo, registers it with 登记为隐患 plus one more photo from the form; the thread shows both as thumbnails", async () => {
      const s = sandbox();
      const onSite = upload(WEIHUI_LIAISON, "厨房灭火器.png");
      await s.act.typeMessage({ userId: WEIHUI_LIAISON, channel: WEIHUI, text: "养老院厨房灭火器过期", fileIds: [onSite.id] });
      const message = s.store.messages(WEIHUI).at(-1)!;
      expect(render(CIVIL_LIAISON, WEIHUI)).toContain(`<img data-testid="message-image" class="thumb" src="/files/${onSite.id}"`);
      await s.act.messageShortcut({ userId: WEIHUI_LIAISON, channel: WEIHUI, messageTs: message.ts, callbackId: HAZARD_SHORTCUT_CALLBACK });
      const modal = await s.waitFor(() => s.store.topModal(WEIHUI_LIAISON));
      expect(JSON.stringify(modal.view.blocks)).toContain("1 个文件将作为整改前证据：厨房灭火器.png");
      const exit = upload(WEIHUI_LIAISON, "疏散通道.png");
      const result = await s.act.submitView({
        userId: WEIHUI_LIAISON,
        viewId: modal.id,
        values: {
          [REPORT_FIELDS.venueType.block]: { [REPORT_FIELDS.venueType.action]: "nursing-home" },
          [REPORT_FIELDS.placeName.block]: { [REPORT_FIELDS.placeName.action]: PLACE },
          [REPORT_FIELDS.level.block]: { [REPORT_FIELDS.level.action]: "general" },
          [REPORT_FIELDS.deadline.block]: { [REPORT_FIELDS.deadline.action]: "2026-06-05" },
          [REPORT_FIELDS.responsible.block]: { [REPORT_FIELDS.responsible.action]: WEIHUI_LIAISON },
          [REPORT_FIELDS.photos.block]: { [REPORT_FIELDS.photos.action]: [exit.id] },
        },
      });
      expect(result).toMatchObject({ delivered: true, status: 200 });
      expect(result.errors).toBeUndefined();
      const h = await waitFor(() => demo.db.prisma.hazard.findFirst({ where: { placeName: PLACE, messageTs: { not: null } } }), "the card");
      hazardId = h.id;
      cardTs = h.messageTs!;
      await s.waitFor(() => thread()[0]);
      expect(card()!.text).toContain(`【隐患】${h.number} ${PLACE} · 已登记`);
      expect(buttons()).toContain(HAZARD_ACTIONS.rectify);
      const files = await demo.db.prisma.hazardFile.findMany({ where: { hazardId }, orderBy: { id: "asc" } });
      expect(files.map((f) => [f.kind, f.slackFileId, f.name, f.mimetype])).toEqual([
        ["before", exit.id, "疏散通道.png", "image/png"],
        ["before", onSite.id, "厨房灭火器.png", "image/png"],
      ]);
      const html = render(CIVIL_LIAISON, WEIHUI);
      expect(html).toContain(`<img class="bk-image-img thumb" src="/files/${exit.id}" alt="疏散通道.png"`);
      expect(html).toContain(`<img class="bk-image-img thumb" src="/files/${onSite.id}" alt="厨房灭火器.png"`);
    });

    it("the unit submits its rectification with an after-photo: 待验收, the photo under the entry", async () => {
      const s = sandbox();
      await press(WEIHUI_LIAISON, HAZARD_ACTIONS.rectify);
      const modal = await s.waitFor(() =>
        s.store.topModal(WEIHUI_LIAISON)?.view.callback_id === HAZARD_RECTIFY_CALLBACK ? s.store.topModal(WEIHUI_LIAISON) : undefined,
      );
      // Slack's client keeps a required picker from being sent empty.
      const empty = await s.act.submitView({
        userId: WEIHUI_LIAISON,
        values: { [RECTIFY_FIELDS.note.block]: { [RECTIFY_FIELDS.note.action]: "已更换" } },
      });
      expect(empty.errors).toEqual({ [RECTIFY_FIELDS.photos.block]: "请填写此字段。(Please fill out this field.)" });
      const after = upload(WEIHUI_LIAISON, "新灭火器.png");
      await s.act.submitView({
        userId: WEIHUI_LIAISON,
        viewId: modal.id,
        values: {
          [RECTIFY_FIELDS.note.block]: { [RECTIFY_FIELDS.note.action]: "已更换灭火器，清理疏散通道" },
          [RECTIFY_FIELDS.photos.block]: { [RECTIFY_FIELDS.photos.action]: [after.id] },
        },
      });
      await s.waitFor(() => thread()[1]);
      await s.waitFor(() => card()!.text.includes("待验收"));
      expect(buttons()).toEqual(expect.arrayContaining([HAZARD_ACTIONS.accept, HAZARD_ACTIONS.return]));
      expect(render(CIVIL_LIAISON, WEIHUI)).toContain(`src="/files/${after.id}" alt="新灭火器.png"`);
    });

    it("民政部门 returns it with a reason; the unit rectifies again and 民政部门 accepts: 已销号, no buttons left", async () => {
      const s = sandbox();
      await press(CIVIL_LIAISON, HAZARD_ACTIONS.return);
      const back = await s.waitFor(() =>
        s.store.topModal(CIVIL_LIAISON)?.view.callback_id === HAZARD_RETURN_CALLBACK ? s.store.topModal(CIVIL_LIAISON) : undefined,
      );
      await s.act.submitView({
        userId: CIVIL_LIAISON,
        viewId: back.id,
        values: { [RETURN_FIELDS.reason.block]: { [RETURN_FIELDS.reason.action]: "照片看不清灭火器有效期 <请补拍>" } },
      });
      await s.waitFor(() => card()!.text.includes("整改中"));
      await s.waitFor(() => thread().find((m) => JSON.stringify(m.blocks).includes("照片看不清")));
      // The reason is shown as text in the thread.
      expect(render(WEIHUI_LIAISON, WEIHUI)).toContain("照片看不清灭火器有效期 &lt;请补拍&gt;");

      await press(WEIHUI_LIAISON, HAZARD_ACTIONS.rectify);
      const again = await s.waitFor(() =>
        s.store.topModal(WEIHUI_LIAISON)?.view.callback_id === HAZARD_RECTIFY_CALLBACK ? s.store.topModal(WEIHUI_LIAISON) : undefined,
      );
      const closeUp = upload(WEIHUI_LIAISON, "有效期特写.png");
      await s.act.submitView({
        userId: WEIHUI_LIAISON,
        viewId: again.id,
        values: {
          [RECTIFY_FIELDS.note.block]: { [RECTIFY_FIELDS.note.action]: "补拍有效期照片" },
          [RECTIFY_FIELDS.photos.block]: { [RECTIFY_FIELDS.photos.action]: [closeUp.id] },
        },
      });
      await s.waitFor(() => card()!.text.includes("待验收"));
      await press(CIVIL_LIAISON, HAZARD_ACTIONS.accept);
      await s.waitFor(() => s.store.ephemerals(CIVIL_LIAISON, WEIHUI).find((m) => m.text.includes("已验收通过，隐患销号")));
      await s.waitFor(() => card()!.text.includes("已销号"));
      expect(buttons()).toEqual([]);
      const events = await demo.db.prisma.hazardEvent.findMany({ where: { hazardId }, orderBy: { id: "asc" } });
      expect(events.map((e) => [e.action, e.toState, e.actorSlackUserId])).toEqual([
        ["register", "registered", WEIHUI_LIAISON],
        ["submit_rectification", "awaiting_acceptance", WEIHUI_LIAISON],
        ["return", "rectifying", CIVIL_LIAISON],
        ["submit_rectification", "awaiting_acceptance", WEIHUI_LIAISON],
        ["accept", "closed", CIVIL_LIAISON],
      ]);
      expect(await demo.db.prisma.hazardFile.count({ where: { hazardId, kind: "after" } })).toBe(2);
    });
  });

  describe("the bot's own file checks answer under the picker", () => {
    async function openUpload() {
      const s = sandbox();
      await s.act.typeMessage({ userId: OFFICE_LIAISON, channel: OFFICE_CHANNEL, text: "/redline 行动 上传" });
      return s.waitFor(() => s.store.topModal(OFFICE_LIAISON));
    }
    const submitFile = (viewId: string, name: string, data: Buffer) => {
      const s = sandbox();
      const file = s.act.uploadFile({ userId: OFFICE_LIAISON, name, data });
      return s.act.submitView({
        userId: OFFICE_LIAISON,
        viewId,
        values: { [UPLOAD_FIELDS.file.block]: { [UPLOAD_FIELDS.file.action]: [file.id] } },
      });
    };

    it("a campaign template that is not .yaml, or over 256 KB, is refused with the bot's message in Chinese; nothing is saved", async () => {
      const modal = await openUpload();
      const before = await demo.db.prisma.campaignTemplate.count();
      const notYaml = await submitFile(modal.id, "方案.txt", Buffer.from("id: x\n"));
      expect(notYaml.errors).toEqual({ [UPLOAD_FIELDS.file.block]: "“方案.txt”不是 .yaml 文件。" });
      const big = await submitFile(modal.id, "big.yaml", Buffer.alloc(300 * 1024, "#"));
      expect(big.errors).toEqual({ [UPLOAD_FIELDS.file.block]: "文件过大（上限 256 KB），未读取。行动文件通常只有几 KB。" });
      expect(await demo.db.prisma.campaignTemplate.count()).toBe(before);
      await sandbox().act.closeView({ userId: OFFICE_LIAISON });
    });
  });

  describe("a campaign YAML shared as a file in the office channel (message.channels, file_share)", () => {
    it("is read by the bot and answered in the message's thread with the template's preview and 发起…", async () => {
      const s = sandbox();
      const yaml = readFileSync(new URL("../../prisma/seed/campaigns/safety-dialogue.yaml", import.meta.url), "utf8").replace(
        /^id: safety-dialogue$/m,
        "id: sandbox-shared-dialogue",
      );
      const file = s.act.uploadFile({ userId: OFFICE_LIAISON, name: "对话谈心.yaml", data: Buffer.from(yaml) });
      const result = await s.act.typeMessage({ userId: OFFICE_LIAISON, channel: OFFICE_CHANNEL, text: "新的行动模板", fileIds: [file.id] });
      expect(result).toMatchObject({ delivered: true, status: 200 });
      const shared = s.store.messages(OFFICE_CHANNEL).at(-1)!;
      const reply = await s.waitFor(() =>
        s.store.messages(OFFICE_CHANNEL).find((m) => m.threadTs === shared.ts && m.author.kind === "bot"),
      );
      expect(JSON.stringify(reply.blocks)).toContain("发起…");
      expect(await demo.db.prisma.campaignTemplate.findUnique({ where: { id: "sandbox-shared-dialogue" } })).not.toBeNull();
    });

    it("from someone outside the office (not a member of its channel): told by DM, the file not read", async () => {
      const s = sandbox();
      const file = s.act.uploadFile({ userId: OUTSIDER, name: "mine.yaml", data: Buffer.from("id: outsider\n") });
      await s.act.typeMessage({ userId: OUTSIDER, channel: OFFICE_CHANNEL, text: "", fileIds: [file.id] });
      // An ephemeral cannot reach a non-member (user_not_in_channel), so the bot writes to them directly.
      const refusal = await s.waitFor(() => s.store.messages(dmChannelId(OUTSIDER)).find((m) => m.text.includes("只有安委办工作人员")));
      expect(refusal.text).toContain("文件未读取");
      expect(await demo.db.prisma.campaignTemplate.findUnique({ where: { id: "outsider" } })).toBeNull();
    });
  });
});
