import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RegisterHazardInput } from "../../../src/hazards/hazard-input.ts";
import { registerHazard } from "../../../src/hazards/register-hazard.ts";
import { HAZARD_ACTIONS } from "../../../src/messages/hazards/ids.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { sendEvent, sendInteraction } from "../../support/slack-requests.ts";
import { startTestApp, testClock } from "../../support/test-app.ts";
import { waitFor } from "../../support/wait-for.ts";
import { importTestDirectory, setUpSlackPeople } from "../meetings/fixture.ts";

const NOW = new Date("2026-11-09T10:00:00+08:00");
const hazard = (over: Partial<RegisterHazardInput>): RegisterHazardInput => ({
  unitId: "weihui",
  placeName: "卫辉市幸福养老院",
  venueTypeId: "nursing-home",
  description: "厨房灭火器过期",
  level: "general",
  foundBySlackUserId: "UWEILIAISON",
  foundDay: "2026-10-10",
  deadlineDay: "2026-11-20",
  responsibleSlackUserId: "UWEILIAISON",
  ...over,
});

/** A button pressed in the Home tab: no channel, no response_url, the container is the view. */
function homeButton(userId: string, actionId: string, hazardId: number) {
  return {
    type: "block_actions",
    team: { id: "T1", domain: "city" },
    user: { id: userId, username: userId, name: userId, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "view", view_id: "VHOME" },
    trigger_id: "1.2.home",
    view: { id: "VHOME", type: "home", blocks: [], private_metadata: "", callback_id: "", hash: "h" },
    actions: [{ action_id: actionId, block_id: "b", value: JSON.stringify({ h: hazardId }), type: "button", action_ts: "1" }],
  };
}

describe.each(dbKinds())("the hazard section of the Home tab (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  const ids = { onTrack: 0, red: 0, waiting: 0, listed: 0 };

  /** The latest Home view published for this person, as text. */
  const homeOf = (userId: string) => {
    const call = slack
      .callsTo("views.publish")
      .filter((c) => c.body.user_id === userId)
      .at(-1);
    return call ? JSON.stringify(call.body.view.blocks) : undefined;
  };
  async function openHome(userId: string): Promise<string> {
    const before = slack.callsTo("views.publish").length;
    await sendEvent(bot.url, { type: "app_home_opened", user: userId, channel: "D1", tab: "home", event_ts: "1" });
    await waitFor(() => slack.callsTo("views.publish").length > before, `${userId}'s Home tab`);
    return homeOf(userId)!;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    const p = db.prisma;
    ids.onTrack = (await registerHazard(p, hazard({ description: "灭火器过期" }), NOW)).hazard.id;
    ids.red = (await registerHazard(p, hazard({ description: "疏散通道堵塞 <!channel>", deadlineDay: "2026-10-20" }), NOW)).hazard.id;
    ids.waiting = (await registerHazard(p, hazard({ description: "电线私拉乱接", deadlineDay: "2026-11-30" }), NOW)).hazard.id;
    ids.listed = (
      await registerHazard(p, hazard({ description: "燃气管道老化", level: "major", deadlineDay: "2026-11-12" }), NOW)
    ).hazard.id;
    // Set up as the loop would leave them (the loop's own steps are tested in hazard-loop.test.ts).
    await p.hazard.update({ where: { id: ids.red }, data: { state: "rectifying" } });
    await p.hazard.update({ where: { id: ids.waiting }, data: { state: "awaiting_acceptance", submittedAt: NOW } });
    await p.hazard.update({ where: { id: ids.listed }, data: { listed: true, listedAt: NOW } });
    bot = await startTestApp(db, { clock: testClock(NOW) });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("the unit sees its open hazards most urgent first, with 提交整改 (报送进展 on a listed one), and how many are overdue", async () => {
    const home = await openHome("UWEILIAISON");
    expect(home).toContain("⚠️ 隐患台账");
    expect(home).toContain("*卫辉市* — 未销号 4 条，逾期 1 条");
    // Red first; the description is not shown, the place is, escaped.
    const order = ["YH-2026-0002", "YH-2026-0004", "YH-2026-0001", "YH-2026-0003"].map((n) => home.indexOf(n));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(home).toContain(":red_circle: *YH-2026-0002*");
    expect(home).toContain("已逾期 14 个工作日");
    const view = slack.callsTo("views.publish").at(-1)!.body.view;
    const buttonOf = (n: string) => view.blocks.find((b: any) => b.text?.text?.includes(n))?.accessory;
    expect(buttonOf("YH-2026-0002")).toMatchObject({ action_id: HAZARD_ACTIONS.rectify, text: { text: "提交整改" } });
    expect(buttonOf("YH-2026-0004")).toMatchObject({ action_id: HAZARD_ACTIONS.progress, text: { text: "报送进展" } });
    expect(buttonOf("YH-2026-0003")).toBeUndefined();
    expect(home).not.toContain("目前没有待办事项");
    // A unit never accepts its own hazard: nothing waits for Weihui's acceptance.
    expect(home).not.toContain("待您验收");
  });

  it("the lead department sees what waits for its acceptance, with 验收通过 / 退回", async () => {
    const home = await openHome("UCIVLIAISON");
    expect(home).toContain("🔍 待您验收（1 条）");
    expect(home).toContain("*YH-2026-0003* 卫辉市 · 卫辉市幸福养老院");
    const view = slack.callsTo("views.publish").at(-1)!.body.view;
    const actions = view.blocks.find(
      (b: any) => b.type === "actions" && b.elements.some((e: any) => e.action_id === HAZARD_ACTIONS.accept),
    );
    expect(actions.elements.map((e: any) => [e.text.text, JSON.parse(e.value).h])).toEqual([
      ["验收通过", ids.waiting],
      ["退回", ids.waiting],
      ["详情", ids.waiting],
    ]);
  });

  it("the office sees the listed hazards and the red ones; someone in no unit sees no ledger", async () => {
    const office = await openHome("UOFFICE");
    expect(office).toContain("🏷️ 挂牌督办（1 条）");
    expect(office).toContain("🔴 红色（严重逾期）隐患（1 条）");
    expect(office.indexOf("YH-2026-0004")).toBeGreaterThan(office.indexOf("挂牌督办（1 条）"));
    expect(office.indexOf("YH-2026-0002")).toBeGreaterThan(office.indexOf("红色（严重逾期）"));
    // Routed to Civil Affairs and not listed: not the office's to accept.
    expect(office).not.toContain("待您验收");
    expect(await openHome("UOUTSIDER")).not.toContain("隐患台账");
  });

  it("accepting from the Home tab closes the hazard and re-publishes the Home tabs it shows on", async () => {
    const before = slack.callsTo("views.publish").length;
    await sendInteraction(bot.url, homeButton("UCIVLIAISON", HAZARD_ACTIONS.accept, ids.waiting));
    await waitFor(() => {
      const after = slack
        .callsTo("views.publish")
        .slice(before)
        .map((c) => c.body.user_id);
      return ["UCIVLIAISON", "UWEILIAISON", "UOFFICE"].every((u) => after.includes(u));
    }, "the Home tabs re-published");
    expect((await db.prisma.hazard.findUniqueOrThrow({ where: { id: ids.waiting } })).state).toBe("closed");
    expect(homeOf("UCIVLIAISON")).not.toContain("待您验收");
    expect(homeOf("UWEILIAISON")).toContain("*卫辉市* — 未销号 3 条，逾期 1 条");
    expect(homeOf("UWEILIAISON")).not.toContain("YH-2026-0003");
    // Nobody who never opened the Home tab gets one published.
    expect(slack.callsTo("views.publish").some((c) => c.body.user_id === "UWEIHEAD")).toBe(false);
  });
});
