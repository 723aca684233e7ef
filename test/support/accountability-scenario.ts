import type { Db } from "../../src/db/client.ts";
import { insertCampaign, registerSlackIds, slackIds } from "./fixtures.ts";

/**
 * A seeded 2026-Q2 for the scorecards: one campaign, one closed and one cancelled meeting, hazards, a 约谈,
 * accidents and control targets. The hand-computed table it should give is in test/accountability/unit-record.test.ts.
 */
export const SCENARIO_UNITS = ["weihui", "hongqi", "education", "huixian", "xinxiang-county", "safety-office"] as const;

/** Local midnight of a day in Asia/Shanghai as an instant ("2026-05-26" → 2026-05-25T16:00Z). */
export const local = (day: string, time = "00:00") => new Date(`${day}T${time}:00+08:00`);

let hazardSeq = 0;
async function hazard(
  db: Db,
  h: {
    seq: number;
    unitId: string;
    level?: "general" | "major";
    foundDay: string;
    deadlineDay: string;
    state: "registered" | "rectifying" | "awaiting_acceptance" | "closed";
    submittedAt?: Date;
    closedAt?: Date;
    listedAt?: Date;
  },
) {
  hazardSeq++;
  return db.hazard.create({
    data: {
      number: `YH-2026-${String(h.seq).padStart(4, "0")}`,
      year: 2026,
      seq: h.seq,
      unitId: h.unitId,
      placeName: `场所${hazardSeq}`,
      routing: "office",
      description: `隐患${h.seq}`,
      level: h.level ?? "general",
      source: "self_inspection",
      foundBySlackUserId: "U0FINDER",
      foundDay: h.foundDay,
      deadlineDay: h.deadlineDay,
      responsibleName: "李明",
      state: h.state,
      listed: !!h.listedAt && h.state !== "closed",
      listedAt: h.listedAt ?? null,
      submittedAt: h.submittedAt ?? null,
      closedAt: h.closedAt ?? null,
    },
  });
}

async function accident(
  db: Db,
  a: { id: string; on: string; unit: string; county: string; category: string; level: "general" | "larger" | "major"; deaths: number; responsible: boolean },
) {
  await db.accident.create({
    data: {
      id: a.id,
      sourceKey: `test:${a.id}`,
      occurredOn: a.on,
      year: Number(a.on.slice(0, 4)),
      departmentId: a.unit,
      countyId: a.county,
      category: a.category,
      level: a.level,
      deaths: a.deaths,
      injuries: 0,
      description: `事故 ${a.id}`,
      unitResponsible: a.responsible,
      recordedBy: "UOFFICE",
      followUps: { create: ["cause", "people", "education", "measures"].map((item) => ({ item })) },
    },
  });
}

export async function seedAccountabilityScenario(db: Db): Promise<void> {
  await registerSlackIds(db, SCENARIO_UNITS);

  await insertCampaign(db, {
    id: "summer-fire-safety-2026",
    title: "夏季消防安全专项行动",
    launchedAt: local("2026-05-20", "09:00"),
    targets: ["weihui", "hongqi", "education"],
    tasks: [
      { key: "ack", kind: "acknowledge", title: "收到", opensAt: local("2026-05-20"), dueAt: local("2026-05-26") },
      { key: "education", kind: "education_session", title: "警示教育", opensAt: local("2026-05-20"), dueAt: local("2026-05-28") },
      { key: "pledge", kind: "pledge", title: "安全承诺", opensAt: local("2026-05-20"), dueAt: local("2026-06-01"), pledgeVersion: 1 },
      // Due in July: not in the Q2 record.
      { key: "report", kind: "report", title: "整改报告", opensAt: local("2026-05-20"), dueAt: local("2026-07-16") },
    ],
    completions: [
      { taskKey: "ack", departmentId: "weihui", at: local("2026-05-21", "10:00") },
      { taskKey: "ack", departmentId: "hongqi", at: local("2026-05-27", "10:00") },
      { taskKey: "education", departmentId: "weihui", at: local("2026-05-25", "10:00") },
      { taskKey: "education", departmentId: "education", at: local("2026-05-29", "10:00") },
      { taskKey: "pledge", departmentId: "weihui", at: local("2026-05-22", "10:00"), pledgeVersion: 1 },
      // Signed before the text changed to version 1: no longer counts.
      { taskKey: "pledge", departmentId: "hongqi", at: local("2026-05-22", "10:00") },
    ],
  });

  const heads = await db.department.findMany({ where: { id: { in: ["weihui", "hongqi", "education"] } } });
  const meeting = async (id: string, title: string, startsAt: Date, status: "closed" | "cancelled") =>
    db.meeting.create({
      data: {
        id,
        title,
        startsAt,
        signInOpensAt: new Date(startsAt.getTime() - 30 * 60_000),
        signInClosesAt: new Date(startsAt.getTime() + 15 * 60_000),
        status,
        createdBy: "UOFFICE",
        departments: {
          create: heads.map((d) => ({ departmentId: d.id, channelId: d.slackChannelId, headSlackUserId: d.headSlackUserId, headName: d.headName, headTitle: d.headTitle })),
        },
      },
    });
  await meeting("m-0610", "全市安全生产电视电话会议", local("2026-06-10", "15:00"), "closed");
  await meeting("m-0617", "防汛工作会议", local("2026-06-17", "15:00"), "cancelled");
  const at = local("2026-06-10", "14:50");
  await db.signIn.createMany({
    data: [
      { meetingId: "m-0610", departmentId: "weihui", slackUserId: slackIds("weihui").head, name: heads.find((d) => d.id === "weihui")!.headName!, role: "head", createdAt: at },
      { meetingId: "m-0610", departmentId: "hongqi", slackUserId: slackIds("hongqi").liaison, name: "赵副区长", role: "deputy", title: "副区长", createdAt: at },
    ],
  });
  await db.briefing.createMany({
    data: [
      { meetingId: "m-0610", departmentId: "hongqi", dueAt: local("2026-06-13"), headSlackUserId: slackIds("hongqi").head },
      { meetingId: "m-0610", departmentId: "education", dueAt: local("2026-06-13"), headSlackUserId: slackIds("education").head, headConfirmedAt: local("2026-06-11", "10:00") },
    ],
  });

  await hazard(db, { seq: 1, unitId: "hongqi", foundDay: "2026-04-10", deadlineDay: "2026-05-11", state: "rectifying" });
  await hazard(db, { seq: 2, unitId: "hongqi", foundDay: "2026-03-20", deadlineDay: "2026-05-15", state: "closed", submittedAt: local("2026-05-08", "10:00"), closedAt: local("2026-05-20", "10:00") });
  await hazard(db, { seq: 3, unitId: "hongqi", level: "major", foundDay: "2026-06-01", deadlineDay: "2026-09-30", state: "rectifying", listedAt: local("2026-06-05", "10:00") });
  await hazard(db, { seq: 4, unitId: "hongqi", foundDay: "2026-04-20", deadlineDay: "2026-05-15", state: "closed", submittedAt: local("2026-05-25", "10:00"), closedAt: local("2026-05-26", "10:00") });
  // Overdue on 30 June, rectified in July: the Q2 record still shows it overdue.
  await hazard(db, { seq: 5, unitId: "hongqi", foundDay: "2026-06-01", deadlineDay: "2026-06-10", state: "closed", submittedAt: local("2026-07-02", "10:00"), closedAt: local("2026-07-03", "10:00") });
  // Submitted before its deadline, still waiting for acceptance: not overdue.
  await hazard(db, { seq: 6, unitId: "weihui", foundDay: "2026-06-01", deadlineDay: "2026-06-20", state: "awaiting_acceptance", submittedAt: local("2026-06-18", "10:00") });

  const h1 = await db.hazard.findUniqueOrThrow({ where: { number: "YH-2026-0001" } });
  await db.safetyInterview.create({
    data: { departmentId: "hongqi", hazardId: h1.id, onDay: "2026-06-15", summoned: "王强（区长）", recordedBySlackUser: "UOFFICE" },
  });

  await accident(db, { id: "SG-2026-0001", on: "2026-03-01", unit: "xinxiang-county", county: "xinxiang-county", category: "road-traffic", level: "general", deaths: 0, responsible: false });
  await accident(db, { id: "SG-2026-0002", on: "2026-04-15", unit: "xinxiang-county", county: "xinxiang-county", category: "road-traffic", level: "general", deaths: 0, responsible: false });
  await accident(db, { id: "SG-2026-0003", on: "2026-05-03", unit: "huixian", county: "huixian", category: "industry-trade", level: "larger", deaths: 2, responsible: true });
  await accident(db, { id: "SG-2026-0004", on: "2026-06-20", unit: "huixian", county: "huixian", category: "fire", level: "larger", deaths: 1, responsible: true });
  await db.controlTargetYear.create({
    data: {
      year: 2026,
      warnPercent: 50,
      alarmPercent: 80,
      fileName: "control-targets.yaml",
      importedBy: "UOFFICE",
      targets: {
        create: [
          { category: "industry-trade", countyId: "huixian", maxDeaths: 1 },
          { category: "road-traffic", countyId: "xinxiang-county", maxAccidents: 0 },
          { category: "industry-trade", countyId: "", maxAccidents: 10, maxDeaths: 8 },
        ],
      },
    },
  });
}
