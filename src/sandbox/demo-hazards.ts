import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { addWorkingDays, plusDays } from "../domain/calendar/working-days.ts";
import { applyHazardAction } from "../hazards/apply-hazard-action.ts";
import type { RegisterHazardInput } from "../hazards/hazard-input.ts";
import { postHazardCard, postHistoryEntry, type CardDeps } from "../hazards/publish-card.ts";
import { publishHazardChange } from "../hazards/publish-change.ts";
import { registerHazard } from "../hazards/register-hazard.ts";

/** The demo's hazards are registered under these keys, so a restarted sandbox finds them instead of adding more. */
const DEMO_KEY = "sandbox-demo:";

interface DemoHazard {
  key: string;
  hazard: Omit<RegisterHazardInput, "foundBySlackUserId" | "responsibleSlackUserId" | "clientKey" | "foundDay" | "deadlineDay">;
  /** Found this many calendar days ago; due this many working days from today (negative: overdue). */
  foundDaysAgo: number;
  dueInWorkingDays: number;
  /** How far along the loop the demo takes it. */
  then?: "submitted" | "listed";
}

/**
 * A few hazards for trying the ledger in the sandbox, one per colour and step: a nursing home on track (民政部门 accepts),
 * a KTV long overdue (red), a kindergarten's rectification waiting for 教育部门's acceptance, and a gas pipeline the
 * matrix assigns to nobody — a major hazard with its 五落实, listed for supervision by the office (三管三必须).
 */
const DEMO_HAZARDS: DemoHazard[] = [
  {
    key: "nursing-home",
    hazard: {
      unitId: "weihui",
      placeName: "卫辉市幸福养老院",
      placeAddress: "健康路 8 号",
      venueTypeId: "nursing-home",
      description: "厨房灭火器过期，疏散通道堆放杂物。",
      level: "general",
      measures: "更换灭火器，清理疏散通道，每日巡查。",
    },
    foundDaysAgo: 2,
    dueInWorkingDays: 8,
  },
  {
    key: "ktv",
    hazard: {
      unitId: "hongqi",
      placeName: "红旗区金嗓子KTV",
      venueTypeId: "ktv",
      description: "安全出口锁闭，应急照明损坏。",
      level: "general",
      measures: "开启安全出口，维修应急照明。",
    },
    foundDaysAgo: 30,
    dueInWorkingDays: -8,
  },
  {
    key: "kindergarten",
    hazard: {
      unitId: "huixian",
      placeName: "辉县市阳光幼儿园",
      venueTypeId: "kindergarten",
      description: "活动室电线私拉乱接。",
      level: "general",
      measures: "拆除私拉电线，由电工重新布线。",
    },
    foundDaysAgo: 10,
    dueInWorkingDays: 2,
    then: "submitted",
  },
  {
    key: "gas-pipeline",
    hazard: {
      unitId: "changyuan",
      placeName: "长垣市城区燃气管道",
      venueTypeId: "oil-gas-pipeline",
      description: "城区中压燃气管道老化腐蚀，存在泄漏风险。",
      level: "major",
      measures: "分段更换老化管道，加装泄漏监测。",
      responsibility: "长垣市政府分管副市长牵头，燃气公司具体实施。",
      funding: "市财政安排 300 万元。",
      contingencyPlan: "燃气泄漏应急预案已修订，每月演练一次。",
    },
    foundDaysAgo: 5,
    dueInWorkingDays: 20,
    then: "listed",
  },
];

async function liaisonOf(db: Db, departmentId: string): Promise<string | null> {
  const l = await db.liaison.findFirst({ where: { departmentId }, orderBy: { slackUserId: "asc" } });
  return l?.slackUserId ?? null;
}

/**
 * Registers the demo hazards through the real loop (registration, rectification, listing — each a history entry, its
 * card and thread posted in the unit's channel), once: a sandbox that already has them, or a directory without the
 * demo's units, is left as it is. Returns how many were added.
 */
export async function seedDemoHazards(deps: CardDeps, now: Date, afterPhoto: DemoPhoto): Promise<number> {
  const { db } = deps;
  if (await db.hazard.findFirst({ where: { clientKey: { startsWith: DEMO_KEY } }, select: { id: true } })) return 0;
  const office = await db.department.findFirst({ where: { kind: "office" }, select: { id: true } });
  const officeUser = office ? await liaisonOf(db, office.id) : null;
  const today = localDay(now, deps.config.zone);
  let added = 0;
  for (const demo of DEMO_HAZARDS) {
    const finder = await liaisonOf(db, demo.hazard.unitId);
    if (!finder || (demo.then === "listed" && !officeUser)) continue;
    const { hazard, created } = await registerHazard(
      db,
      {
        ...demo.hazard,
        foundBySlackUserId: finder,
        responsibleSlackUserId: finder,
        foundDay: plusDays(today, -demo.foundDaysAgo),
        deadlineDay: addWorkingDays(today, demo.dueInWorkingDays),
        clientKey: `${DEMO_KEY}${demo.key}`,
      },
      now,
    );
    if (!created) continue;
    added++;
    const card = await postHazardCard(deps, hazard.id, now);
    const first = await db.hazardEvent.findFirst({ where: { hazardId: hazard.id, action: "register" } });
    if (card && first) await postHistoryEntry(deps, hazard.id, first.id);
    const step =
      demo.then === "submitted"
        ? {
            slackUserId: finder,
            action: "submit_rectification" as const,
            note: "已拆除私拉电线，电工重新布线并加装漏电保护。",
            files: [{ ...afterPhoto, permalink: null }],
          }
        : demo.then === "listed"
          ? { slackUserId: officeUser!, action: "list" as const }
          : null;
    if (step) {
      const { event } = await applyHazardAction(db, deps.delivery, { hazardId: hazard.id, now, ...step });
      await publishHazardChange(deps, event, now);
    }
  }
  if (added) deps.logger.info({ added }, "sandbox: demo hazards registered");
  return added;
}

/** The after-photo the demo's rectification cites: a file the sandbox holds (see demo-photo.ts). */
export interface DemoPhoto {
  slackFileId: string;
  name: string;
  mimetype: string;
}
