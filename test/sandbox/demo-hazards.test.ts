import { describe, expect, it } from "vitest";
import { useDemoSandbox } from "./demo-sandbox.ts";
import { seedDemoHazards } from "../../src/sandbox/demo-hazards.ts";

describe("the sandbox's demo hazards", () => {
  const demo = useDemoSandbox();

  it("registers one hazard per colour and step through the real loop, each card in its unit's channel", async () => {
    const hazards = await demo.db.prisma.hazard.findMany({ orderBy: { id: "asc" } });
    expect(hazards.map((h) => [h.unitId, h.venueTypeId, h.leadDepartmentId, h.state, h.listed])).toEqual([
      ["weihui", "nursing-home", "civil-affairs", "registered", false],
      ["hongqi", "ktv", "culture", "registered", false],
      ["huixian", "kindergarten", "education", "awaiting_acceptance", false],
      ["changyuan", "oil-gas-pipeline", null, "registered", true],
    ]);
    const store = demo.running.sandbox.store;
    const cardIn = (channel: string) => store.messages(channel).find((m) => !m.threadTs && m.text?.includes("【隐患】"));
    expect(cardIn("C0WEIHUI")?.text).toContain("卫辉市幸福养老院");
    expect(cardIn("C0HONGQI")).toBeTruthy();
    expect(cardIn("C0HUIXIAN")).toBeTruthy();
    expect(cardIn("C0CHANGYUAN")).toBeTruthy();
    // The kindergarten's rectification cites a photo the sandbox holds, shown under its history entry.
    const kindergarten = cardIn("C0HUIXIAN")!;
    const entry = store.messages("C0HUIXIAN").find((m) => m.threadTs === kindergarten.ts && m.text.includes("提交整改"))!;
    const image = (entry.blocks ?? []).find((b) => b.type === "image") as { slack_file: { id: string } } | undefined;
    expect(store.file(image!.slack_file.id)).toMatchObject({ name: "整改后-活动室.png", mimetype: "image/png", completed: true });
    expect(store.file(image!.slack_file.id)!.data!.subarray(1, 4).toString()).toBe("PNG");
    // The listing's 督办通知 reaches the office channel too.
    expect(store.messages("C0SAFETYOFFICE").some((m) => m.text?.includes("督办"))).toBe(true);
    // The KTV is long overdue: the office's ledger shows it red.
    await demo.running.sandbox.act.typeMessage({ userId: "U0SAFETYOFFICEL", channel: "C0SAFETYOFFICE", text: "/redline 隐患 列表 逾期" });
    const list = await demo.running.sandbox.waitFor(() =>
      demo.running.sandbox.store.ephemerals("U0SAFETYOFFICEL", "C0SAFETYOFFICE").find((m) => m.text?.includes("隐患台账")),
    );
    expect(JSON.stringify(list)).toContain("红旗区金嗓子KTV");
  });

  it("adds nothing when the sandbox starts again on the same database", async () => {
    const photo = { slackFileId: "F0NEVERUSED", name: "x.png", mimetype: "image/png" };
    expect(await seedDemoHazards(demo.running.redline.deps, new Date("2026-05-26T09:00:00+08:00"), photo)).toBe(0);
    expect(await demo.db.prisma.hazard.count()).toBe(4);
  });
});
