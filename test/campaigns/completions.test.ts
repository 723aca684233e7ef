import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alreadyDoneMessage, loadTaskContext, membershipFromRole, recordCompletion } from "../../src/campaigns/completions.ts";
import { campaignNotFound, findCampaign } from "../../src/campaigns/find-campaign.ts";
import type { Database } from "../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { insertCampaign, registerSlackIds, slackIds } from "../support/fixtures.ts";

const ZONE = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);
const NOW = at("2026-05-26T10:00:00+08:00");
const person = (slackUserId: string, name: string) => ({ slackUserId, name, title: "科员" });

describe("membershipFromRole", () => {
  it("puts the person where their role says, and nowhere for no role", () => {
    expect(membershipFromRole("U1", "head")).toEqual({ headId: "U1", liaisonIds: [], channelMemberIds: [] });
    expect(membershipFromRole("U1", "liaison")).toEqual({ headId: null, liaisonIds: ["U1"], channelMemberIds: [] });
    expect(membershipFromRole("U1", "channel_member")).toEqual({ headId: null, liaisonIds: [], channelMemberIds: ["U1"] });
    expect(membershipFromRole("U1", null)).toEqual({ headId: null, liaisonIds: [], channelMemberIds: [] });
  });
});

describe.each(dbKinds())("completions and campaign lookup (%s database)", (kind) => {
  let db: Database;
  const ref = (taskKey: string, departmentId = "culture") => ({ campaignId: "fire", taskKey, departmentId });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ["safety-office", "civil-affairs", "culture"]);
    await insertCampaign(db.prisma, {
      id: "fire",
      title: "夏季消防安全专项行动",
      targets: ["civil-affairs", "culture"],
      tasks: [
        { key: "ack", kind: "acknowledge", title: "确认收到", opensAt: at("2026-05-25T02:00:00Z"), dueAt: at("2026-05-27T02:00:00Z") },
        {
          key: "pledge",
          kind: "pledge",
          title: "安全承诺",
          opensAt: at("2026-05-25T02:00:00Z"),
          dueAt: at("2026-06-01T02:00:00Z"),
          pledgeVersion: 2,
        },
      ],
      completions: [{ taskKey: "pledge", departmentId: "civil-affairs", pledgeVersion: 1, at: at("2026-05-25T03:00:00Z") }],
    });
    await insertCampaign(db.prisma, { id: "fire-2025", title: "夏季消防安全专项行动（2025）", targets: ["culture"], tasks: [] });
    await db.prisma.campaign.update({ where: { id: "fire-2025" }, data: { status: "closed", closedAt: at("2025-07-01T00:00:00Z") } });
  });
  afterAll(async () => db?.close());

  it("records five simultaneous attempts once; the others get the completion that stands", async () => {
    const ctx = await loadTaskContext(db.prisma, ref("ack"), NOW, ZONE);
    const results = await Promise.all(
      ["U1", "U2", "U3", "U4", "U5"].map((id) => recordCompletion(db.prisma, ctx, { actor: person(id, `人员${id}`), now: NOW })),
    );
    const winners = results.filter((r) => r.recorded);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.recorded ? winners[0]!.completion : null;
    for (const r of results) if (!r.recorded) expect(r.existing.slackUserId).toBe(winner!.slackUserId);
    expect(await db.prisma.completion.count({ where: { taskId: "fire:ack", departmentId: "culture" } })).toBe(1);
  });

  it("says who already did it and when", async () => {
    const ctx = await loadTaskContext(db.prisma, ref("ack"), NOW, ZONE);
    expect(ctx.state.state).toBe("done");
    expect(alreadyDoneMessage(ctx.task, ctx.completion!, ZONE, NOW).zh).toMatch(
      /^“确认收到”已由人员U\d（科员）于5月26日 10:00完成（确认收到），无需重复操作。$/,
    );
  });

  it("replaces a pledge signed on an older text with the new signature, keeping the old one on record", async () => {
    const ctx = await loadTaskContext(db.prisma, ref("pledge", "civil-affairs"), NOW, ZONE);
    expect(ctx.state.stalePledge?.signedVersion).toBe(1);
    const head = slackIds("civil-affairs").head;
    const result = await recordCompletion(db.prisma, ctx, {
      actor: { slackUserId: head, name: "张局长", title: "局长" },
      pledgeVersion: 2,
      now: NOW,
    });
    expect(result.recorded && result.completion).toMatchObject({
      slackUserId: head,
      userName: "张局长",
      pledgeVersion: 2,
      completedAt: NOW,
    });
    const row = await db.prisma.completion.findUniqueOrThrow({
      where: { taskId_departmentId: { taskId: "fire:pledge", departmentId: "civil-affairs" } },
    });
    expect(row.data).toEqual({
      previousSignatures: [
        {
          slackUserId: slackIds("civil-affairs").liaison,
          userName: "联络员",
          userTitle: null,
          pledgeVersion: 1,
          signedAt: "2026-05-25T03:00:00.000Z",
        },
      ],
    });

    // The context read before the replacement is stale now: a second signer does not overwrite the first.
    const again = await recordCompletion(db.prisma, ctx, {
      actor: { slackUserId: "UOTHER", name: "别人", title: null },
      pledgeVersion: 2,
      now: NOW,
    });
    expect(again.recorded).toBe(false);
    expect(!again.recorded && again.existing.slackUserId).toBe(head);
  });

  it("refuses a button for a department the campaign was not sent to, or a task it does not have", async () => {
    await expect(loadTaskContext(db.prisma, ref("ack", "safety-office"), NOW, ZONE)).rejects.toThrow(
      "“Test campaign fire” was not sent to City Work Safety Committee Office.",
    );
    await expect(loadTaskContext(db.prisma, ref("no-such-task"), NOW, ZONE)).rejects.toThrow("This task no longer exists");
  });

  it("finds a campaign by id or by a piece of its title, preferring running ones, and never guesses between two", async () => {
    expect((await findCampaign(db.prisma, "fire")).id).toBe("fire");
    expect((await findCampaign(db.prisma, "消防")).id).toBe("fire");
    expect((await findCampaign(db.prisma, "2025")).id).toBe("fire-2025");
    await expect(findCampaign(db.prisma, "隐患")).rejects.toThrow(campaignNotFound("隐患").message);
    await insertCampaign(db.prisma, { id: "fire-autumn", title: "秋季消防检查", targets: ["culture"], tasks: [] });
    await expect(findCampaign(db.prisma, "消防")).rejects.toThrow("matches several campaigns");
  });
});
