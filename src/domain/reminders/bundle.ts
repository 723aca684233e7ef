/**
 * The morning bundle: every campaign reminder and escalation due for one department at one tick goes out as one
 * message instead of one per (campaign, task). Pure: the sweep decides what is due and what a sent bundle already
 * covered; these functions only merge, group and cut what is left into messages that fit Slack's limits.
 */

export type BundleItemKind = "reminder" | "escalation";

/** One thing due for one department: a reminder slot or an escalation of one task. */
export interface BundleItem<T = unknown> {
  /** The item's own dispatch key (campaignKeys.reminder / .escalation): what a bundle records as covered. */
  key: string;
  departmentId: string;
  /** Where the department's launch post is, so where the bundle goes. */
  channelId: string;
  campaignId: string;
  taskKey: string;
  kind: BundleItemKind;
  /** What the message builder needs for this item (task, slot, completion…). */
  payload: T;
}

/** An item as the bundle shows it: an escalation of a task also covers that task's reminder due the same tick. */
export interface BundleEntry<T = unknown> extends BundleItem<T> {
  /** Every item this entry covers (itself first). */
  covers: BundleItem<T>[];
}

export interface PlannedBundle<T = unknown> {
  departmentId: string;
  channelId: string;
  /** Grouped by campaign (campaigns in the order first seen), each campaign's items in the order given. */
  entries: BundleEntry<T>[];
  /** Which of the department's bundles at this tick this is (1-based), when more items were due than one message holds. */
  part: { index: number; count: number };
}

/**
 * The block cost of a bundle's items, as the builder lays them out: one section per item and one heading per campaign.
 * `budget` is what is left of Slack's 50 blocks after the bundle's own blocks (its opening line and a note).
 */
export function bundleItemBlocks(entries: readonly Pick<BundleItem, "campaignId">[]): number {
  return entries.length + new Set(entries.map((e) => e.campaignId)).size;
}

/**
 * One entry per (department, campaign, task): an escalation and a reminder of the same task due at once would say
 * the same thing twice with the same button, so the escalation (which names the principal head) stands for both.
 */
export function mergeSameTask<T>(items: readonly BundleItem<T>[]): BundleEntry<T>[] {
  const byTask = new Map<string, BundleEntry<T>>();
  const out: BundleEntry<T>[] = [];
  for (const item of items) {
    const id = JSON.stringify([item.departmentId, item.channelId, item.campaignId, item.taskKey]);
    const seen = byTask.get(id);
    if (!seen) {
      const entry = { ...item, covers: [item] };
      byTask.set(id, entry);
      out.push(entry);
      continue;
    }
    if (seen.covers.some((c) => c.key === item.key)) continue;
    if (item.kind === "escalation" && seen.kind !== "escalation") {
      // The escalation takes the reminder's place (and its position), itself first among what it covers.
      const merged: BundleEntry<T> = { ...item, covers: [item, ...seen.covers] };
      out[out.indexOf(seen)] = merged;
      byTask.set(id, merged);
    } else seen.covers.push(item);
  }
  return out;
}

/**
 * Every department's due items → its bundles: items merged per task, grouped by campaign, and cut into as many
 * messages as needed so that each holds at most `budget` item blocks (`bundleItemBlocks`). Departments keep the order
 * in which they first appear. A department whose launch posts sit in two channels gets a bundle per channel.
 */
export function planBundles<T>(items: readonly BundleItem<T>[], budget: number): PlannedBundle<T>[] {
  if (budget < 2) throw new RangeError(`a bundle needs room for a campaign heading and an item, not ${budget} blocks`);
  const byDepartment = new Map<string, BundleEntry<T>[]>();
  for (const entry of mergeSameTask(items)) {
    const id = JSON.stringify([entry.departmentId, entry.channelId]);
    const list = byDepartment.get(id) ?? [];
    list.push(entry);
    byDepartment.set(id, list);
  }
  const bundles: PlannedBundle<T>[] = [];
  for (const entries of byDepartment.values()) {
    const campaignOrder = [...new Set(entries.map((e) => e.campaignId))];
    const grouped = campaignOrder.flatMap((c) => entries.filter((e) => e.campaignId === c));
    const chunks: BundleEntry<T>[][] = [];
    let current: BundleEntry<T>[] = [];
    for (const entry of grouped) {
      if (current.length > 0 && bundleItemBlocks([...current, entry]) > budget) {
        chunks.push(current);
        current = [];
      }
      current.push(entry);
    }
    if (current.length > 0) chunks.push(current);
    const first = grouped[0]!;
    chunks.forEach((chunk, i) =>
      bundles.push({
        departmentId: first.departmentId,
        channelId: first.channelId,
        entries: chunk,
        part: { index: i + 1, count: chunks.length },
      }),
    );
  }
  return bundles;
}
