import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, SCHEDULER_ACTOR } from "../../src/audit/record-audit.ts";
import { AUDIT_ACTIONS } from "../../src/messages/audit/ids.ts";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { blockActionPayload, sendInteraction } from "../support/slack-requests.ts";
import { waitFor, waitForAsync } from "../support/wait-for.ts";
import { buttons, textOf } from "../messages/campaigns/helpers.ts";
import { command, office, startHarness, type Harness } from "./campaigns/campaign-harness.ts";

const culture = slackIds("culture");
const at = (minute: number) => new Date(Date.UTC(2026, 4, 20, 1, minute));

describe.each(dbKinds())("/redline 审计 over signed requests (%s database)", (kind) => {
  let h: Harness;
  const press = async (value: string, user: string, actionId: string = AUDIT_ACTIONS.older) => {
    const before = h.slack.responses.length;
    await sendInteraction(h.bot.url, blockActionPayload({ userId: user, actionId, value, channelId: office.channel, messageTs: "1.1" }));
    return waitFor(() => h.slack.responses[before], "the answer to a page button");
  };

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    // 25 reminders to education, then one refusal in culture: more than one page.
    for (let i = 0; i < 25; i++)
      await recordAudit(h.db.prisma, {
        actor: SCHEDULER_ACTOR,
        action: "reminder.sent",
        outcome: "ok",
        subject: "campaign:summer-fire-safety",
        departmentId: "education",
        detail: { n: i },
        at: at(i),
      });
    await recordAudit(h.db.prisma, {
      actor: culture.liaison,
      action: "campaign.ack",
      outcome: "refused",
      subject: "campaign:summer-fire-safety",
      departmentId: "culture",
      detail: { code: "forbidden" },
      at: at(30),
    });
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("shows the office the newest entries first, privately, with a button to older ones", async () => {
    const answer = await command(h, "审计", office.liaison);
    expect(answer.body.response_type).toBe("ephemeral");
    const text = textOf(answer.body.blocks);
    expect(text).toContain("🧾 审计日志");
    const ids = [...text.matchAll(/`#(\d+)`/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(20);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(text.split("\n").find((l) => l.includes("`#"))).toContain(`<@${culture.liaison}> · *campaign.ack* · ⛔ 拒绝 forbidden`);
    expect(buttons(answer.body.blocks).map((b) => b.actionId)).toEqual([AUDIT_ACTIONS.older]);

    const older = await press(buttons(answer.body.blocks)[0]!.value, office.liaison);
    expect(older.body.replace_original).toBe(true);
    const olderText = textOf(older.body.blocks);
    const olderIds = [...olderText.matchAll(/`#(\d+)`/g)].map((m) => Number(m[1]));
    expect(olderIds.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...olderIds)).toBeLessThan(Math.min(...ids));
    expect(olderText).toContain("较早的一页");
    expect(buttons(older.body.blocks).map((b) => b.actionId)).toContain(AUDIT_ACTIONS.newest);
  });

  it("narrows by what the office types, in English too", async () => {
    const answer = await command(h, "audit --action campaign. --department culture --since 2026-05-20", office.liaison);
    const text = textOf(answer.body.blocks);
    expect(text).toContain("Filter: since 2026-05-20 00:00, action campaign.…, department culture");
    expect(text.match(/`#\d+`/g)).toHaveLength(1);
    expect(text).toContain("*campaign.ack* · ⛔ refused forbidden");
    const byActor = await command(h, `audit <@${culture.liaison}|wang>`, office.liaison);
    expect(textOf(byActor.body.blocks).match(/`#\d+`/g)).toHaveLength(1);
  });

  it("refuses anyone outside the office privately, in their language, and audits the refusal", async () => {
    const zh = await command(h, "审计", culture.liaison, culture.channel);
    expect(zh.body).toMatchObject({ response_type: "ephemeral", text: "⚠️ 只有安委办工作人员可以查看审计日志。" });
    const en = await command(h, "audit --since 7d", culture.head, culture.channel);
    expect(en.body.text).toBe("⚠️ Only safety-office staff can read the audit log.");
    const refusals = await waitForAsync(async () => {
      const rows = await h.db.prisma.auditEntry.findMany({ where: { action: "audit.command" }, orderBy: { id: "asc" } });
      return rows.length === 2 ? rows : null;
    }, "two refusals");
    expect(refusals.map((r) => [r.actor, r.outcome, (r.detail as { code: string }).code])).toEqual([
      [culture.liaison, "refused", "forbidden"],
      [culture.head, "refused", "forbidden"],
    ]);
  });

  it("refuses a page button pressed by someone outside the office, showing nothing", async () => {
    const page = await command(h, "审计", office.liaison);
    const value = buttons(page.body.blocks)[0]!.value;
    h.slack.reset();
    const answer = await press(value, culture.liaison);
    expect(answer.body.text).toBe("⚠️ 只有安委办工作人员可以查看审计日志。");
    expect(answer.body.replace_original).toBe(false);
    expect(JSON.stringify(answer.body.blocks)).not.toContain("reminder.sent");
  });

  it("refuses a filter it cannot read, quoting it escaped", async () => {
    const answer = await command(h, "审计 --since <!channel> --actor", office.liaison);
    expect(answer.body.text).toContain("--since 后请写日期或时间");
    expect(answer.body.text).toContain("&lt;!channel&gt;");
    const unknown = await command(h, "审计 <!here>", office.liaison);
    expect(unknown.body.text).toContain("不认识“&lt;!here&gt;”");
  });
});
