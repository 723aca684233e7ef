import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { draftCircularFor } from "../../../src/accountability/circular/draft-circular.ts";
import { parsePeriod } from "../../../src/domain/accountability/period.ts";
import { CIRCULAR_ACTIONS } from "../../../src/messages/accountability/ids.ts";
import { seedAccountabilityScenario } from "../../support/accountability-scenario.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { blockActionPayload, sendInteraction } from "../../support/slack-requests.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { command, office, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";

const hongqi = slackIds("hongqi");

/** The document's text, paragraph by paragraph, and its raw XML (fonts, page size). */
async function readDocx(bytes: Buffer): Promise<{ paragraphs: string[]; xml: string }> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")).join(""),
  );
  return { paragraphs, xml };
}

const completed = (h: Harness) => h.slack.callsTo("files.completeUploadExternal");

function pressPublish(h: Harness, user: string, id: number) {
  return sendInteraction(
    h.bot.url,
    blockActionPayload({ userId: user, channelId: office.channel, messageTs: "1.000100", actionId: CIRCULAR_ACTIONS.publish, value: String(id) }),
  );
}

// The seeded quarter's hand-computed scorecards are in test/accountability/unit-record.test.ts; the 通报 must agree.
describe.each(dbKinds())("/redline 通报 over signed requests (%s database)", (kind) => {
  let h: Harness;
  let draftId: number;
  beforeAll(async () => {
    h = await startHarness(kind, "2026-07-10T10:00:00+08:00");
    await seedAccountabilityScenario(h.db.prisma);
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("refuses anyone but the office, drafting nothing", async () => {
    const answer = await command(h, "通报 生成 2026-Q2", hongqi.liaison, hongqi.channel);
    expect(textOf(answer.body.blocks)).toContain("只有安委办工作人员可以起草通报。");
    expect(await h.db.prisma.circular.count()).toBe(0);
    expect(completed(h)).toHaveLength(0);
  });

  it("drafts the period's 通报 as a Word document sent privately, and previews it with 发布", async () => {
    const answer = await command(h, "通报 生成 2026-Q2", office.liaison);
    const preview = textOf(answer.body.blocks);
    const row = await h.db.prisma.circular.findFirstOrThrow();
    draftId = row.id;
    expect(row).toMatchObject({ status: "draft", period: "2026-Q2", draftedBy: office.liaison });
    expect(preview).toContain(`关于2026年第二季度安全生产工作情况的通报（草稿 #${draftId}）`);
    expect(preview).toContain("*通报批评*：教育部门、红旗区、辉县市");
    expect(answer.body.blocks.at(-1).elements[0].action_id).toBe(CIRCULAR_ACTIONS.publish);

    const open = await waitFor(() => h.slack.callsTo("conversations.open")[0], "the DM opened");
    expect(open.body.users).toBe(office.liaison);
    const upload = await waitFor(() => completed(h)[0], "the draft uploaded");
    expect(upload.body.channel_id).toBe(`D${office.liaison.slice(1)}`);
    const { paragraphs, xml } = await readDocx(h.slack.uploads.at(-1)!.bytes);

    expect(paragraphs).toContain("关于2026年第二季度安全生产工作情况的通报");
    expect(paragraphs).toContain("市安委办〔2026〕  号");
    for (const heading of ["一、总体情况", "二、通报表扬", "三、通报批评", "（一）工作落后的单位", "（二）未按要求参加会议的主要负责人", "四、约谈", "五、考核排名"])
      expect(paragraphs).toContain(heading);
    // 总体情况 from the records: ack, education, pledge × 3 units = 9 due, 5 done (weihui 3, hongqi ack, education's late session).
    expect(paragraphs).toContain("专项行动任务：本期到期 9 项，完成 5 项，完成率 55.5%。");
    expect(paragraphs).toContain("必须参加的会议：应由主要负责人参会 3 人次，亲自参会 1 人次，亲自参会率 33.3%。");
    expect(paragraphs.find((p) => p.startsWith("生产安全事故："))).toContain("全市共发生各类生产安全事故 4 起，死亡 3 人。其中工矿商贸事故 1 起，占全年控制指标 10%，死亡 2 人，占全年控制指标 25%");
    expect(paragraphs.find((p) => p.endsWith("予以通报表扬。"))).toMatch(/^各驻新高校、民政部门、市消防支队、卫辉市、文化部门、长垣市、质监部门、住建部门本期/);
    const hongqiLine = paragraphs.find((p) => p.startsWith("红旗区（"))!;
    expect(hongqiLine).toContain("红旗区（68.5 分，合格）：任务逾期完成 1 项（扣 1 分）；警示教育未开展 1 项（扣 5 分）；主要负责人未签字承诺 1 项（扣 10 分）");
    expect(paragraphs.find((p) => p.startsWith("辉县市（"))).toContain("辉县市（85 分，不合格）：一年内发生两起较大事故且负有责任（SG-2026-0003、SG-2026-0004），一票否决，不得评优");
    expect(paragraphs.find((p) => p.startsWith("红旗区：全市安全生产电视电话会议"))).toMatch(/未亲自参会，由赵副区长代会/);
    expect(paragraphs).toContain("辉县市：一年内发生两起较大事故且负有责任（一票否决）。由市安委办约谈其主要负责人。");
    expect(paragraphs).toContain("11．红旗区  68.5 分  合格");
    expect(paragraphs).toContain("12．辉县市  85 分  不合格（一票否决，不得评优）");
    expect(paragraphs).toContain("市政府安全生产委员会办公室");
    expect(paragraphs).toContain("2026年7月10日");
    // GB/T 9704: A4, top 37 mm, binding 28 mm; the fonts offices use, named.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    for (const font of ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"]) expect(xml).toContain(`w:eastAsia="${font}"`);
  });

  it("refuses 发布 to anyone but the office, publishing nothing", async () => {
    await pressPublish(h, hongqi.liaison, draftId);
    const reply = await waitFor(() => h.slack.responses[0], "the refusal");
    expect(textOf(reply.body.blocks)).toContain("只有安委办工作人员可以发布通报。");
    expect(await h.db.prisma.circular.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ status: "draft", publishedBy: null });
    expect(completed(h)).toHaveLength(0);
  });

  it("publishes once to the office channel and each unit it names, however often 发布 is pressed", async () => {
    await Promise.all([pressPublish(h, office.liaison, draftId), pressPublish(h, office.liaison, draftId)]);
    await pressPublish(h, office.head, draftId);
    await waitFor(() => (h.slack.responses.length >= 3 ? true : undefined), "three answers");
    const answers = h.slack.responses.map((r) => textOf(r.body.blocks));
    expect(answers.filter((t) => t.includes(`✅ 通报 #${draftId}「关于2026年第二季度安全生产工作情况的通报」已发布至安委办频道和`))).toHaveLength(1);
    expect(answers.filter((t) => t.includes("已由 <@") && t.includes("发布，未重复发送"))).toHaveLength(2);
    const row = await h.db.prisma.circular.findUniqueOrThrow({ where: { id: draftId } });
    expect(row).toMatchObject({ status: "published", publishedBy: office.liaison });

    // 新乡县 (97, 优秀 but not full marks) is neither praised nor criticised: not named, not sent.
    const channels = completed(h).map((c) => c.body.channel_id as string).sort();
    const expected = [office.channel, ...["changyuan", "civil-affairs", "culture", "education", "fire-brigade", "hongqi", "housing-construction", "huixian", "quality-supervision", "universities", "weihui"].map((d) => slackIds(d).channel)].sort();
    expect(channels).toEqual(expected);
    const toHongqi = completed(h).find((c) => c.body.channel_id === hongqi.channel)!;
    expect(toHongqi.body.initial_comment).toContain("本单位被通报批评（68.5 分，合格）");
    await waitForAsync(async () => ((await h.db.prisma.auditEntry.count({ where: { action: "circular.publish", subject: `circular:${draftId}` } })) === 1 ? true : undefined), "one publish audited");
  });

  it("after a failed upload, 发布 again sends only what is missing", async () => {
    const { circular } = await draftCircularFor(h.db.prisma, parsePeriod("2026-Q2")!, { now: h.clock.now(), zone: "Asia/Shanghai", actor: office.liaison, sourceKey: "test:retry" });
    let failed = false;
    h.slack.on("files.completeUploadExternal", (body) => {
      if (body.channel_id === hongqi.channel && !failed) {
        failed = true;
        return { ok: false, error: "fatal_error" };
      }
      return { ok: true, files: JSON.parse(body.files ?? "[]").map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title })) };
    });
    await pressPublish(h, office.liaison, circular.id);
    const first = await waitFor(() => h.slack.responses[0], "the first answer");
    expect(textOf(first.body.blocks)).toContain("⚠️ 未能送达：红旗区，请稍后再点一次“发布”补发（已送达的不会重复）。");
    await pressPublish(h, office.liaison, circular.id);
    const second = await waitFor(() => h.slack.responses[1], "the second answer");
    expect(textOf(second.body.blocks)).not.toContain("未能送达");
    const sent = completed(h).filter((c) => c.response?.ok).map((c) => c.body.channel_id as string);
    expect(sent.filter((c) => c === hongqi.channel)).toHaveLength(1);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
