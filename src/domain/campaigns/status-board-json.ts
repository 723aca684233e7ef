import type { StatusBoard } from "./build-status-board.ts";

/** The board as plain JSON for `npx redline status <campaign> --json`: ids, names, states, who and when. */
export function statusBoardJson(board: StatusBoard) {
  return {
    campaign: { id: board.campaign.id, title: board.campaign.title.zh, titleEn: board.campaign.title.en },
    generatedAt: board.generatedAt.toISOString(),
    totals: board.totals,
    tasks: board.tasks.map((t) => ({
      key: t.task.key,
      kind: t.task.kind,
      title: t.task.title.zh,
      opensAt: t.task.opensAt.toISOString(),
      dueAt: t.task.dueAt.toISOString(),
      ...t.counts,
      total: t.total,
      progress: t.progress,
    })),
    departments: board.rows.map((row) => ({
      id: row.department.id,
      name: row.department.nameZh,
      tasks: Object.fromEntries(
        row.cells.map((c) => [
          c.task.key,
          {
            state: c.state,
            by: c.completion ? { slackUserId: c.completion.slackUserId, name: c.completion.userName, title: c.completion.userTitle } : null,
            at: c.completion?.completedAt.toISOString() ?? null,
            corrected: c.completion?.correction
              ? {
                  revision: c.completion.correction.revision,
                  at: c.completion.correction.at.toISOString(),
                  name: c.completion.correction.byName,
                }
              : undefined,
            late: c.late,
            overdueWorkingDays: c.overdueWorkingDays,
            stalePledgeVersion: c.stalePledge ? c.stalePledge.signedVersion : undefined,
          },
        ]),
      ),
    })),
    overdue: board.overdue.map((o) => ({ department: o.department.id, task: o.task.key, overdueWorkingDays: o.overdueWorkingDays })),
  };
}
