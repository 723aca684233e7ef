import type { Db } from "../../src/db/client.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import type { TDepartment } from "../../src/directory/import-file-schema.ts";

/** Slack ids for a department in tests: channel C<CODE>, head U<CODE>H, liaison U<CODE>L. */
export function slackIds(departmentId: string) {
  const code = departmentId
    .replace(/[^a-z0-9]/g, "")
    .toUpperCase()
    .slice(0, 12);
  return { channel: `C${code}`, head: `U${code}H`, liaison: `U${code}L` };
}

/** Registers Slack channels, heads and liaisons for the seeded departments (the seed has none). */
export async function registerSlackIds(db: Db, departmentIds: readonly string[]): Promise<void> {
  const rows = await db.department.findMany({ where: { id: { in: [...departmentIds] } } });
  const departments: TDepartment[] = rows.map((d, i) => {
    const ids = slackIds(d.id);
    return {
      id: d.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      kind: d.kind,
      slackChannelId: ids.channel,
      head: { slackUserId: ids.head, name: `负责人${i + 1}`, title: d.kind === "office" ? "主任" : "局长" },
      liaisons: [{ slackUserId: ids.liaison, name: `联络员${i + 1}` }],
    };
  });
  await importDirectory(db, { version: 1, departments }, "test directory");
}

export interface CampaignFixture {
  id: string;
  title?: string;
  launchedAt?: Date;
  targets: string[];
  tasks: {
    key: string;
    kind: "acknowledge" | "report" | "education_session" | "pledge";
    title?: string;
    opensAt: Date;
    dueAt: Date;
    pledgeVersion?: number;
  }[];
  completions?: { taskKey: string; departmentId: string; at?: Date; pledgeVersion?: number }[];
}

/** A launched campaign written straight into the database (for views that only read campaigns). */
export async function insertCampaign(db: Db, f: CampaignFixture): Promise<void> {
  await db.campaign.create({
    data: {
      id: f.id,
      templateId: f.id,
      titleZh: f.title ?? `测试行动 ${f.id}`,
      titleEn: `Test campaign ${f.id}`,
      summaryZh: "摘要",
      summaryEn: "Summary",
      sourceClause: "5月底前，要将隐患整治情况上报市政府安委会办公室。",
      status: "launched",
      definition: {},
      launchedBy: "UOFFICE",
      launchedAt: f.launchedAt ?? new Date("2026-05-20T01:00:00Z"),
      targets: { create: f.targets.map((departmentId) => ({ departmentId, channelId: slackIds(departmentId).channel })) },
      tasks: {
        create: f.tasks.map((t) => ({
          id: `${f.id}:${t.key}`,
          key: t.key,
          kind: t.kind,
          titleZh: t.title ?? t.key,
          titleEn: t.title ?? t.key,
          opensAt: t.opensAt,
          dueAt: t.dueAt,
          ...(t.kind === "pledge" ? { pledgeTextZh: "我承诺……", pledgeTextEn: "I pledge…", pledgeVersion: t.pledgeVersion ?? 1 } : {}),
        })),
      },
    },
  });
  for (const c of f.completions ?? []) {
    const ids = slackIds(c.departmentId);
    await db.completion.create({
      data: {
        taskId: `${f.id}:${c.taskKey}`,
        departmentId: c.departmentId,
        slackUserId: ids.liaison,
        userName: "联络员",
        createdAt: c.at ?? new Date("2026-05-21T02:00:00Z"),
        pledgeVersion: c.pledgeVersion ?? null,
      },
    });
  }
}
