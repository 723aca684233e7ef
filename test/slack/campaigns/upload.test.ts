import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAUNCH_FIELDS, LAUNCH_MODAL_CALLBACK, launchDateField } from "../../../src/messages/campaigns/launch-modal.ts";
import { UPLOAD_FIELDS, UPLOAD_MODAL_CALLBACK } from "../../../src/messages/campaigns/upload-modal.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { waitFor } from "../../support/wait-for.ts";
import { callText, office, serveSlackFiles, startHarness, textOf, type Harness } from "./campaign-harness.ts";

const DRILL = `
id: county-drill
title: { zh: 县区应急演练, en: County emergency drill }
summary: { zh: 请组织应急演练并上报。, en: Hold an emergency drill and report it. }
sourceClause: 各县（市）区要组织开展应急演练。
targets:
  groups: [all-counties]
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

const BROKEN = `
id: Bad Id
title: { zh: 坏文件 }
summary: { zh: 摘要, en: Summary }
sourceClause: 依据
targets:
  departments: [no-such-department]
tasks:
  - key: acknowledge
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: tomorrow
`;

const UNKNOWN_DEPARTMENT = DRILL.replace("groups: [all-counties]", "departments: [culture, no-such-department]").replace(
  "county-drill",
  "drill-two",
);

let files: Map<string, { name: string; text: string }>;

describe.each(dbKinds())("uploading a campaign template from Slack (%s database)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    files = serveSlackFiles(h);
  });
  afterAll(async () => h?.close());

  async function openUpload(user = office.liaison) {
    const before = h.slack.callsTo("views.open").length;
    await sendSlashCommand(h.bot.url, { text: "行动 上传", user_id: user, channel_id: office.channel });
    return (await waitFor(() => h.slack.callsTo("views.open")[before], "the upload form")).body.view;
  }
  function submit(view: { private_metadata: string }, fileId: string | null, user = office.liaison) {
    const name = fileId ? (files.get(fileId)?.name ?? "x.yaml") : null;
    return sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: user,
        callbackId: UPLOAD_MODAL_CALLBACK,
        privateMetadata: view.private_metadata,
        values: {
          [UPLOAD_FIELDS.file.block]: {
            [UPLOAD_FIELDS.file.action]: { type: "file_input", files: fileId ? [{ id: fileId, name, mimetype: "text/yaml" }] : [] },
          },
        },
      }),
    );
  }

  it("/redline 行动 上传 opens a form with a file field for YAML; the launch form points to it", async () => {
    const view = await openUpload();
    expect(view.callback_id).toBe(UPLOAD_MODAL_CALLBACK);
    const field = view.blocks.find((b: { block_id?: string }) => b.block_id === UPLOAD_FIELDS.file.block);
    expect(field.element).toMatchObject({ type: "file_input", filetypes: ["yaml", "yml"], max_files: 1 });
    expect(textOf(view.blocks)).toContain("通过后保存为行动模板，可用 `/redline 行动 发起` 发起");

    await sendSlashCommand(h.bot.url, { text: "行动 发起", user_id: office.liaison, channel_id: office.channel });
    const chooser = await waitFor(
      () => h.slack.callsTo("views.open").find((c) => c.body.view.callback_id === LAUNCH_MODAL_CALLBACK),
      "chooser",
    );
    expect(textOf(chooser.body.view.blocks)).toContain("用 `/redline 行动 上传` 上传 YAML 行动文件");
  });

  it("lists a file's problems in Chinese under the field and saves nothing", async () => {
    files.set("FBROKEN", { name: "broken.yaml", text: BROKEN });
    files.set("FUNKNOWN", { name: "drill-two.yaml", text: UNKNOWN_DEPARTMENT });
    files.set("FNOTYAML", { name: "notes.yaml", text: "id: [unclosed" });
    const view = await openUpload();

    const broken = await submit(view, "FBROKEN");
    expect(broken.json.response_action).toBe("errors");
    const problems = broken.json.errors[UPLOAD_FIELDS.file.block] as string;
    expect(problems).toContain("broken.yaml");
    expect(problems).toMatch(/broken\.yaml: id/);
    expect(problems).toMatch(/broken\.yaml: tasks\[0\]\.due.*应为 launch、launch\+7d/);

    const unknown = await submit(view, "FUNKNOWN");
    expect(unknown.json.errors[UPLOAD_FIELDS.file.block]).toContain("no-such-department");

    const notYaml = await submit(view, "FNOTYAML");
    expect(notYaml.json.errors[UPLOAD_FIELDS.file.block]).toContain("notes.yaml");
    expect(notYaml.json.errors[UPLOAD_FIELDS.file.block]).toContain("不是有效的 YAML");

    const none = await submit(view, null);
    expect(none.json.errors[UPLOAD_FIELDS.file.block]).toBe("请上传一个 YAML 文件。");

    files.set("FSHIPPED", { name: "mine.yaml", text: DRILL.replace("id: county-drill", "id: summer-fire-safety") });
    const shipped = await submit(view, "FSHIPPED");
    expect(shipped.json.errors[UPLOAD_FIELDS.file.block]).toContain("“summer-fire-safety”是内置行动模板的编号，不能替换");
    expect(await h.db.prisma.campaignTemplate.count()).toBe(0);
  });

  it("refuses anyone outside the office, on the command and on the form", async () => {
    const culture = slackIds("culture");
    h.slack.reset();
    await sendSlashCommand(h.bot.url, { text: "行动 上传", user_id: culture.liaison, channel_id: culture.channel });
    await waitFor(() => h.slack.responses.find((r) => String(r.body.text).includes("安委办")), "the refusal");
    expect(h.slack.callsTo("views.open")).toEqual([]);
    files.set("FDRILL", { name: "county-drill.yaml", text: DRILL });
    const view = await openUpload();
    const res = await submit(view, "FDRILL", culture.liaison);
    expect(res.json.errors[UPLOAD_FIELDS.file.block]).toBe("只有安委办工作人员可以上传行动模板。");
    expect(await h.db.prisma.campaignTemplate.count()).toBe(0);
  });

  it("stores a valid file as a template, which the launch form then offers with its open day, and launches", async () => {
    const view = await openUpload();
    const res = await submit(view, "FDRILL");
    expect(res.json.response_action).toBe("update");
    const text = textOf(res.json.view.blocks);
    expect(text).toContain("✅ 已保存行动模板 *县区应急演练* `county-drill`");
    expect(text).toContain("`/redline 行动 发起 county-drill drill-report=YYYY-MM-DD`");
    const row = await h.db.prisma.campaignTemplate.findUniqueOrThrow({ where: { id: "county-drill" } });
    expect(row).toMatchObject({ fileName: "county-drill.yaml", uploadedBy: office.liaison, revision: 1 });

    h.slack.reset();
    await sendSlashCommand(h.bot.url, { text: "行动 发起", user_id: office.liaison, channel_id: office.channel });
    const chooser = (await waitFor(() => h.slack.callsTo("views.open")[0], "chooser")).body.view;
    expect(textOf(chooser.blocks)).toContain("*县区应急演练* `county-drill-2026` · 5 个单位");
    const day = launchDateField("county-drill", "drill-report");
    const launched = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: office.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: chooser.private_metadata,
        values: {
          [LAUNCH_FIELDS.campaign.block]: {
            [LAUNCH_FIELDS.campaign.action]: { type: "static_select", selected_option: { value: "county-drill" } },
          },
          [day.block]: { [day.action]: { type: "datepicker", selected_date: "2026-06-20" } },
        },
      }),
    );
    expect(launched.json).toBeNull();
    const report = await waitFor(() => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === office.liaison), "launch report");
    expect(callText(report)).toContain("已发送到 5/5 个单位频道");
    expect(h.slack.postsIn(slackIds("weihui").channel).some((c) => callText(c).includes("县区应急演练"))).toBe(true);
  });

  it("uploading the same id again replaces the template (revision 2); the run already launched keeps its tasks", async () => {
    files.set("FDRILL2", { name: "county-drill.yaml", text: DRILL.replace("上报演练情况", "上报演练总结") });
    const view = await openUpload();
    const res = await submit(view, "FDRILL2");
    expect(textOf(res.json.view.blocks)).toContain("✅ 已替换（第 2 版）行动模板");
    const row = await h.db.prisma.campaignTemplate.findUniqueOrThrow({ where: { id: "county-drill" } });
    expect(row.revision).toBe(2);
    const task = await h.db.prisma.task.findUniqueOrThrow({ where: { id: "county-drill-2026:drill-report" } });
    expect(task.titleZh).toBe("上报演练情况");
    expect(await h.db.prisma.auditEntry.count({ where: { action: "campaign.template_upload", subject: "template:county-drill" } })).toBe(2);
  });

  it("two uploads of a new id at the same moment both land, one after the other: created once, then replaced", async () => {
    files.set("FRACE1", { name: "race.yaml", text: DRILL.replace("id: county-drill", "id: race-drill") });
    files.set("FRACE2", {
      name: "race.yaml",
      text: DRILL.replace("id: county-drill", "id: race-drill").replace("县区应急演练", "县区应急演练（二）"),
    });
    const view = await openUpload();
    const [a, b] = await Promise.all([submit(view, "FRACE1"), submit(view, "FRACE2")]);
    const texts = [a, b].map((r) => textOf(r.json.view.blocks));
    expect(texts.filter((t) => t.includes("✅ 已保存行动模板"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("✅ 已替换（第 2 版）"))).toHaveLength(1);
    expect((await h.db.prisma.campaignTemplate.findUniqueOrThrow({ where: { id: "race-drill" } })).revision).toBe(2);
  });
});
