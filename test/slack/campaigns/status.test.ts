import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { waitFor } from "../../support/wait-for.ts";
import { buttons } from "../../messages/campaigns/helpers.ts";
import { command, launchReadyMade, office, press, refFor, startHarness, TARGETS, textOf, type Harness } from "./campaign-harness.ts";

const FIRE = "summer-fire-safety-2026";
const culture = slackIds("culture");

describe.each(dbKinds())("/redline status and /redline campaign list (%s database)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    await launchReadyMade(h, "summer-fire-safety");
    await press(h, "acknowledge", refFor(FIRE, "acknowledge", "culture"), culture.liaison);
    await waitFor(() => h.slack.responses.find((r) => String(r.body.text).includes("✅ 已记录")), "the acknowledgement confirmed");
    h.slack.reset();
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("shows the office every running campaign with a progress bar", async () => {
    const answer = await command(h, "进展", office.liaison);
    expect(answer.body.response_type).toBe("ephemeral");
    const text = textOf(answer.body.blocks);
    expect(text).toContain("进行中的专项行动");
    expect(text).toContain("夏季消防安全专项行动* `summer-fire-safety-2026`");
    expect(text).toContain(`1/${TARGETS.length * 3}`);
  });

  it("shows the office one campaign's full board: counts, progress bars, who and when", async () => {
    h.clock.set("2026-05-27T10:00:00+08:00");
    const answer = await command(h, "进展 summer-fire-safety", office.liaison);
    const text = textOf(answer.body.blocks);
    expect(text).toContain("夏季消防安全专项行动 · 进展");
    expect(text).toContain(`▓░░░░░░░░░ 1/${TARGETS.length}`);
    expect(text).toContain("*文化部门*　✅ 确认收到（");
    expect(text).toContain("逾期 11");
    expect(answer.body.text).toContain(`完成 1/${TARGETS.length * 3}`);
  });

  it("shows a department member their department's open tasks with working buttons", async () => {
    const answer = await command(h, "状态", culture.liaison, culture.channel);
    const text = textOf(answer.body.blocks);
    expect(text).toContain("文化部门待办事项");
    expect(text).toContain("开展消防安全警示教育并填报");
    expect(text).toContain("已完成：✅ 确认收到");
    expect(buttons(answer.body.blocks).map((b) => [b.actionId, JSON.parse(b.value)])).toEqual([
      ["campaign_education_open", { c: FIRE, t: "warning-education", d: "culture" }],
      ["campaign_pledge_sign", { c: FIRE, t: "safety-pledge", d: "culture" }],
    ]);
  });

  it("shows a channel member who is not registered the tasks of the department whose channel they are in", async () => {
    h.slack.channelMembers.set(slackIds("hongqi").channel, ["UHONGQISTAFF"]);
    const answer = await command(h, "进展", "UHONGQISTAFF", slackIds("hongqi").channel);
    expect(textOf(answer.body.blocks)).toContain("红旗区待办事项");
  });

  it("refuses someone who belongs to no department", async () => {
    const answer = await command(h, "进展", "UNOBODY", "CRANDOM");
    expect(answer.body.text).toContain("您不是任何单位的联络员、主要负责人或频道成员");
  });

  it("lists campaigns for the office, and only for the office", async () => {
    const answer = await command(h, "行动 列表", office.liaison);
    expect(textOf(answer.body.blocks)).toContain("夏季消防安全专项行动* `summer-fire-safety-2026` · 进行中");
    const refused = await command(h, "campaign list", culture.liaison, culture.channel);
    expect(refused.body.text).toContain("Only safety-office staff can list campaigns");
  });
});
