import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MATRIX_ACTIONS, MATRIX_CALLBACKS, MATRIX_FIELDS as F } from "../../../src/messages/matrix/ids.ts";
import { slackIds } from "../../support/fixtures.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { dbKinds } from "../../support/db.ts";
import { blockActionPayload, sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { slashAnswer } from "../../support/slash-answer.ts";
import { startTestApp } from "../../support/test-app.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { command, office, startHarness, textOf, type Bot, type Harness } from "../campaigns/campaign-harness.ts";

const weihui = slackIds("weihui");
const sel = (value: string) => ({ type: "static_select", selected_option: { value } });
const txt = (value: string) => ({ type: "plain_text_input", value });

type Fields = Partial<Record<keyof typeof F, unknown>>;
function values(fields: Fields) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [F[k as keyof typeof F].block, { [F[k as keyof typeof F].action]: v }]));
}

async function openForm(h: Harness, text: string) {
  const before = h.slack.callsTo("views.open").length;
  await sendSlashCommand(h.bot.url, { text, user_id: office.liaison, channel_id: office.channel });
  return (await waitFor(() => h.slack.callsTo("views.open")[before], `the form of "${text}"`)).body.view as {
    callback_id: string;
    private_metadata: string;
    blocks: unknown[];
  };
}

async function submit(
  h: Harness,
  view: { callback_id: string; private_metadata: string },
  viewId: string,
  fields: Fields,
  user = office.liaison,
) {
  const p = viewSubmissionPayload({
    userId: user,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: values(fields),
  });
  const res = await sendInteraction(h.bot.url, { ...p, view: { ...p.view, id: viewId } });
  expect(res.status).toBe(200);
  return res.json as { response_action?: string; errors?: Record<string, string> } | null;
}

const FLOWER_MARKET: Fields = {
  nameZh: txt("花鸟市场"),
  nameEn: txt("Flower and bird market"),
  category: txt("市场"),
  aliases: txt("花鸟鱼虫市场、flower market"),
  department: sel("culture"),
  document: txt("新安委〔2026〕12号"),
  clause: txt("花鸟市场由文化部门牵头负责安全隐患排查整治 <!channel>"),
};

describe.each(dbKinds())("/redline 矩阵: the office maintains the matrix from Slack (%s database)", (kind) => {
  let h: Harness;
  let replica: Bot;
  let replicaDb: Database;
  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    // On PostgreSQL the replica has connections of its own (pool and LISTEN), as a second process would.
    replicaDb = kind === "postgres" ? await openDatabase(h.db.url) : h.db;
    replica = (await startTestApp(replicaDb, { env: { REDLINE_DIGEST: "off" } })) as Bot;
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => {
    await replica?.stop();
    if (replicaDb !== h?.db) await replicaDb?.close();
    await h?.close();
  });

  /**
   * The replica's answer once it has heard of the change: at once on the embedded database (one session), on
   * PostgreSQL as soon as the commit's notification reaches its LISTEN connection.
   */
  async function replicaAnswer(question: string, expected: string) {
    if (kind === "embedded") return slashAnswer(replica.url, h.slack, question);
    return waitForAsync(async () => {
      const answer = await slashAnswer(replica.url, h.slack, question);
      return answer.body.text.includes(expected) && answer;
    }, `the replica's answer to ${question}`);
  }

  it("refuses anyone but the office privately, in their language, opening no form and changing nothing", async () => {
    for (const text of ["矩阵 添加", "矩阵 修改 养老院", "矩阵 别名 养老院", "矩阵 历史"]) {
      const reply = await command(h, text, weihui.liaison, weihui.channel);
      expect(textOf(reply.body.blocks), text).toContain("只有安委办工作人员可以维护责任矩阵。");
      h.slack.reset();
    }
    const en = await command(h, "matrix add", weihui.liaison, weihui.channel);
    expect(textOf(en.body.blocks)).toContain("Only safety-office staff can maintain the responsibility matrix.");
    expect(h.slack.callsTo("views.open")).toHaveLength(0);
    // A forged submission of the form by a non-office user is refused too.
    const forged = await submit(
      h,
      { callback_id: MATRIX_CALLBACKS.addVenueType, private_metadata: JSON.stringify({ lang: "zh" }) },
      "VFORGED",
      FLOWER_MARKET,
      weihui.liaison,
    );
    expect(Object.values(forged?.errors ?? {})).toContain("只有安委办工作人员可以维护责任矩阵。");
    expect(await h.db.prisma.venueType.count({ where: { nameZh: "花鸟市场" } })).toBe(0);
    expect(await h.db.prisma.matrixChange.count()).toBe(0);
    await waitForAsync(
      async () => (await h.db.prisma.auditEntry.count({ where: { actor: weihui.liaison, outcome: "refused" } })) >= 6 || undefined,
      "refusals audited",
    );
  });

  it("adds a venue type once per submission; every replica answers from it, citing the office's document, who and when", async () => {
    // The replica holds the matrix already: it must see the change through the version row.
    expect((await slashAnswer(replica.url, h.slack, "花鸟鱼虫市场归谁管")).body.text).not.toContain("牵头部门：");
    h.slack.reset();
    const form = await openForm(h, "矩阵 添加");
    expect(form.callback_id).toBe(MATRIX_CALLBACKS.addVenueType);
    expect(JSON.stringify(form.blocks)).toContain("文化部门");
    expect(JSON.stringify(form.blocks)).not.toContain("新乡县"); // counties do not lead venue types
    expect(await submit(h, form, "VADD1", FLOWER_MARKET)).toBeNull();
    expect(await submit(h, form, "VADD1", FLOWER_MARKET)).toBeNull(); // Slack's retry
    expect(await h.db.prisma.venueType.count({ where: { nameZh: "花鸟市场" } })).toBe(1);
    expect(await h.db.prisma.matrixChange.count()).toBe(1);

    const reply = await replicaAnswer("花鸟鱼虫市场归谁管", "花鸟市场 → 牵头部门：文化部门");
    expect(reply.body.text).toContain("花鸟市场 → 牵头部门：文化部门");
    expect(reply.body.text).toContain("依据：「新安委〔2026〕12号：花鸟市场由文化部门牵头负责安全隐患排查整治 &lt;!channel&gt;」");
    expect(textOf(reply.body.blocks)).toContain(`（此条由安委办 <@${office.liaison}> 于 2026-05-25 设定）`);
    expect(reply.body.text).not.toContain("<!channel>");
    expect(reply.body.text).not.toContain("文化部门要牵头负责网吧"); // not the speech's clause
    const confirmation = await waitFor(() => h.slack.callsTo("chat.postEphemeral")[0], "the confirmation");
    expect(confirmation.body).toMatchObject({ channel: office.channel, user: office.liaison });
    expect(String(confirmation.body.text)).toContain("责任矩阵已更新");
  });

  it("refuses an alias another venue type has, naming it, and a lead outside the directory, saving nothing", async () => {
    const aliasForm = await openForm(h, "矩阵 别名 花鸟市场");
    expect(aliasForm.callback_id).toBe(MATRIX_CALLBACKS.addAliases);
    const taken = await submit(h, aliasForm, "VALIAS1", { aliases: txt("鸟市、歌厅") });
    expect(taken?.errors?.[F.aliases.block]).toBe("“歌厅”已是“KTV”的名称或别名，未保存。");
    const dup = await submit(h, await openForm(h, "矩阵 添加"), "VADD2", {
      ...FLOWER_MARKET,
      nameZh: txt("养老院"),
      nameEn: txt("Old people's home"),
    });
    expect(dup?.errors?.[F.nameZh.block]).toBe("“养老院”已是“养老院”的名称或别名，未保存。");
    const editForm = await openForm(h, "矩阵 修改 养老院");
    const invented = await submit(h, editForm, "VEDIT0", {
      entry: sel(Object.keys(JSON.parse(editForm.private_metadata).seen)[0]!),
      department: sel("police"),
      clause: txt("公安局牵头"),
    });
    expect(invented?.errors?.[F.department.block]).toContain("名录中没有“police”这个可以牵头的部门或高校");
    const county = await submit(h, editForm, "VEDIT0b", {
      entry: sel(Object.keys(JSON.parse(editForm.private_metadata).seen)[0]!),
      department: sel("weihui"),
      clause: txt("x"),
    });
    expect(county?.errors?.[F.department.block]).toContain("名录中没有“weihui”这个可以牵头的部门或高校");
    const noSource = await submit(h, editForm, "VEDIT0c", {
      entry: sel(Object.keys(JSON.parse(editForm.private_metadata).seen)[0]!),
      department: sel("culture"),
    });
    expect(noSource?.errors?.[F.clause.block]).toBe("请填写依据文件或依据条款（至少一项）。");
    expect(await h.db.prisma.matrixChange.count()).toBe(1);
    expect((await slashAnswer(h.bot.url, h.slack, "养老院归谁管")).body.text).toContain("养老院 → 牵头部门：民政部门");

    expect(await submit(h, aliasForm, "VALIAS2", { aliases: txt("鸟市\n花卉市场") })).toBeNull();
    expect((await replicaAnswer("鸟市归谁管", "花鸟市场 → 牵头部门：文化部门")).body.text).toContain("花鸟市场 → 牵头部门：文化部门");
  });

  it("changes a lead with its source, refuses a form that went stale, and gives a lead to a place the speech left without one", async () => {
    const form = await openForm(h, "矩阵 修改 敬老院");
    const entryId = Object.keys(JSON.parse(form.private_metadata).seen)[0]!;
    const second = await openForm(h, "矩阵 修改 敬老院");
    expect(
      await submit(h, form, "VEDIT1", { entry: sel(entryId), department: sel("fire-brigade"), document: txt("新安委〔2026〕15号") }),
    ).toBeNull();
    const stale = await submit(h, second, "VEDIT2", { entry: sel(entryId), department: sel("culture"), clause: txt("y") });
    expect(stale?.errors?.[F.entry.block]).toContain("这一条在您打开表单后已被修改，未保存。");
    const reply = await replicaAnswer("敬老院归谁管", "敬老院 → 牵头部门：市消防支队");
    expect(reply.body.text).toContain("敬老院 → 牵头部门：市消防支队");
    expect(reply.body.text).toContain("依据：「新安委〔2026〕15号」");
    expect(reply.body.text).not.toContain("特别是民政部门要牵头负责敬老院");

    const pipeline = await openForm(h, "矩阵 修改 油气管道");
    expect(
      await submit(h, pipeline, "VEDIT3", {
        entry: sel("none"),
        department: sel("housing-construction"),
        clause: txt("油气管道由住建部门牵头"),
      }),
    ).toBeNull();
    const now = await slashAnswer(h.bot.url, h.slack, "油气管道归谁管");
    expect(now.body.text).toContain("牵头部门：住建部门");
    expect(now.body.text).not.toContain("未分配牵头部门");
  });

  it("keeps every change in an append-only history, newest first, paged, with before and after", async () => {
    const history = await command(h, "矩阵 历史", office.liaison, office.channel);
    const text = textOf(history.body.blocks);
    expect(text).toContain("责任矩阵修改记录");
    expect(text).toContain(`*#4* 2026-05-25 10:00 <@${office.liaison}> 修改牵头部门 · \`oil-gas-pipeline\``);
    expect(text.indexOf("*#4*")).toBeLessThan(text.indexOf("*#1*"));
    expect(text).toMatch(/修改前: \{[^\n]*"department":"civil-affairs"/);
    expect(text).toMatch(/修改后: \{[^\n]*"document":"新安委〔2026〕15号"[^\n]*"department":"fire-brigade"/);
    expect(text).toContain("添加别名");
    await expect(h.db.prisma.$executeRawUnsafe(`UPDATE "MatrixChange" SET "actor" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(h.db.prisma.$executeRawUnsafe(`DELETE FROM "MatrixChange"`)).rejects.toThrow(/append-only/);

    // More than a page: 更早 replaces the page in place with older changes.
    for (let i = 0; i < 8; i++) await submit(h, await openForm(h, "矩阵 别名 花鸟市场"), `VMORE${i}`, { aliases: txt(`花市${i}号`) });
    h.slack.reset();
    const first = await command(h, "矩阵 历史", office.liaison, office.channel);
    const older = (first.body.blocks as any[])
      .find((b) => b.type === "actions")
      .elements.find((e: any) => e.action_id === MATRIX_ACTIONS.historyOlder);
    expect(textOf(first.body.blocks)).not.toContain("*#1*");
    h.slack.reset();
    await sendInteraction(
      h.bot.url,
      blockActionPayload({
        userId: office.liaison,
        actionId: older.action_id,
        value: older.value,
        channelId: office.channel,
        messageTs: "1.1",
      }),
    );
    const page2 = await waitFor(() => h.slack.responses[0], "the older page");
    expect(page2.body.replace_original).toBe(true);
    expect(textOf(page2.body.blocks)).toContain("*#1*");
    expect(textOf(page2.body.blocks)).toContain("添加场所类型");
  });
});
