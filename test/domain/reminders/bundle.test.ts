import { describe, expect, it } from "vitest";
import { bundleItemBlocks, mergeSameTask, planBundles, type BundleItem } from "../../../src/domain/reminders/bundle.ts";

const item = (over: Partial<BundleItem<null>> & Pick<BundleItem<null>, "key">): BundleItem<null> => ({
  departmentId: "civil-affairs",
  channelId: "C-CIVIL",
  campaignId: "fire",
  taskKey: "ack",
  kind: "reminder",
  payload: null,
  ...over,
});

describe("planBundles", () => {
  it("puts everything due for one department in one bundle, grouped by campaign in the order first seen", () => {
    const bundles = planBundles(
      [
        item({ key: "fire:ack", taskKey: "ack" }),
        item({ key: "hazard:report", campaignId: "hazard", taskKey: "report" }),
        item({ key: "fire:pledge", taskKey: "pledge" }),
        item({ key: "edu:fire:ack", departmentId: "education", channelId: "C-EDU" }),
      ],
      48,
    );
    expect(bundles.map((b) => [b.departmentId, b.entries.map((e) => e.key), b.part])).toEqual([
      ["civil-affairs", ["fire:ack", "fire:pledge", "hazard:report"], { index: 1, count: 1 }],
      ["education", ["edu:fire:ack"], { index: 1, count: 1 }],
    ]);
  });

  it("lets an escalation stand for the same task's reminder due at the same tick, covering both keys", () => {
    const entries = mergeSameTask([
      item({ key: "r:report", taskKey: "report" }),
      item({ key: "r:ack", taskKey: "ack" }),
      item({ key: "e:report", taskKey: "report", kind: "escalation" }),
    ]);
    expect(entries.map((e) => [e.key, e.kind, e.covers.map((c) => c.key)])).toEqual([
      ["e:report", "escalation", ["e:report", "r:report"]],
      ["r:ack", "reminder", ["r:ack"]],
    ]);
    // The same key twice (two campaigns' loops seeing one item) is one entry.
    expect(mergeSameTask([item({ key: "k" }), item({ key: "k" })]).map((e) => e.covers.map((c) => c.key))).toEqual([["k"]]);
  });

  it("cuts a department's items into as many bundles as the block budget needs, losing none", () => {
    const items = Array.from({ length: 30 }, (_, i) => item({ key: `k${i}`, taskKey: `t${i}`, campaignId: i < 20 ? "a" : "b" }));
    const bundles = planBundles(items, 12);
    expect(bundles.map((b) => b.part)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    for (const b of bundles) expect(bundleItemBlocks(b.entries)).toBeLessThanOrEqual(12);
    expect(bundles.flatMap((b) => b.entries.map((e) => e.key))).toEqual(items.map((i) => i.key));
    // Campaign a fills the first bundle (1 heading + 11 items); the second holds the rest of a and the start of b.
    expect(bundles[0]!.entries).toHaveLength(11);
    expect(bundleItemBlocks(bundles[1]!.entries)).toBe(12);
  });

  it("keeps a department's bundles apart per channel when its launch posts are in two", () => {
    const bundles = planBundles([item({ key: "a" }), item({ key: "b", campaignId: "other", channelId: "C-OTHER" })], 48);
    expect(bundles.map((b) => [b.channelId, b.entries.map((e) => e.key)])).toEqual([
      ["C-CIVIL", ["a"]],
      ["C-OTHER", ["b"]],
    ]);
  });

  it("plans nothing for nothing due, and refuses a budget too small for one item", () => {
    expect(planBundles([], 48)).toEqual([]);
    expect(() => planBundles([item({ key: "a" })], 1)).toThrow(RangeError);
  });
});
