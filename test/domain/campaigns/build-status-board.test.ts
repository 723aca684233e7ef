import { describe, expect, it } from "vitest";
import { buildStatusBoard, departmentView } from "../../../src/domain/campaigns/build-status-board.ts";
import { statusBoardJson } from "../../../src/domain/campaigns/status-board-json.ts";
import { ack, bj, campaign, civil, completion, culture, education, pledge, weihui, ZONE } from "./factories.ts";

const TASKS = [ack, education, pledge];
const TARGETS = [civil, culture, weihui];
/** Tuesday 9 June: acknowledgement and education week past, pledge due end of Fri 5 June — 2 working days late. */
const NOW = bj("2026-06-09T10:00");

const COMPLETIONS = [
  completion({ taskKey: "acknowledge", departmentId: "civil-affairs", completedAt: bj("2026-05-27T11:00") }),
  completion({ taskKey: "acknowledge", departmentId: "weihui", userName: "赵六", completedAt: bj("2026-05-28T15:00") }),
  completion({
    taskKey: "warning-education",
    departmentId: "civil-affairs",
    data: { heldOn: "2026-05-29", attendees: 80, location: "三楼会议室", note: null },
  }),
  completion({ taskKey: "safety-pledge", departmentId: "civil-affairs", slackUserId: "U0LIMING", userName: "李明", pledgeVersion: 2 }),
  completion({ taskKey: "safety-pledge", departmentId: "weihui", slackUserId: "U0WANG", userName: "王强", pledgeVersion: 1 }),
  // Not a target, and not a task of this campaign: both ignored.
  completion({ taskKey: "acknowledge", departmentId: "education" }),
  completion({ taskKey: "other-task", departmentId: "culture" }),
];

const board = () => buildStatusBoard(campaign, TASKS, TARGETS, COMPLETIONS, NOW, ZONE);

describe("buildStatusBoard", () => {
  it("has one row per target department and one cell per task, with who and when", () => {
    const b = board();
    expect(b.rows.map((r) => [r.department.id, r.cells.map((c) => c.state)])).toEqual([
      ["civil-affairs", ["done", "done", "done"]],
      ["culture", ["overdue", "overdue", "overdue"]],
      ["weihui", ["done", "overdue", "overdue"]],
    ]);
    const weihuiAck = b.rows[2]!.cells[0]!;
    expect(weihuiAck.completion).toMatchObject({ userName: "赵六", completedAt: bj("2026-05-28T15:00") });
    expect(weihuiAck.late).toBe(true);
  });

  it("counts per task and in total, with progress", () => {
    const b = board();
    expect(b.tasks.map((t) => [t.task.key, t.counts, t.total, t.progress])).toEqual([
      ["acknowledge", { done: 2, open: 0, overdue: 1, upcoming: 0 }, 3, 2 / 3],
      ["warning-education", { done: 1, open: 0, overdue: 2, upcoming: 0 }, 3, 1 / 3],
      ["safety-pledge", { done: 1, open: 0, overdue: 2, upcoming: 0 }, 3, 1 / 3],
    ]);
    expect(b.totals).toEqual({ done: 4, open: 0, overdue: 5, upcoming: 0, cells: 9, progress: 4 / 9 });
    expect(b.rows.map((r) => [r.done, r.overdue])).toEqual([
      [3, 0],
      [0, 3],
      [1, 2],
    ]);
  });

  it("counts a pledge signed on an older text as overdue, and says so in the overdue list", () => {
    const b = board();
    const stale = b.overdue.find((o) => o.department.id === "weihui" && o.task.key === "safety-pledge");
    expect(stale).toMatchObject({ stalePledge: true, overdueWorkingDays: 2 });
  });

  it("lists the overdue, most working days late first, ties in department order", () => {
    expect(board().overdue.map((o) => `${o.department.id}/${o.task.key}:${o.overdueWorkingDays}`)).toEqual([
      "culture/acknowledge:8",
      "culture/warning-education:4",
      "weihui/warning-education:4",
      "culture/safety-pledge:2",
      "weihui/safety-pledge:2",
    ]);
  });

  it("shows everything open at launch time, and nothing for a campaign with no targets", () => {
    const atLaunch = buildStatusBoard(campaign, TASKS, TARGETS, [], bj("2026-05-27T10:30"), ZONE);
    expect(atLaunch.totals).toMatchObject({ open: 9, done: 0, progress: 0 });
    const empty = buildStatusBoard(campaign, TASKS, [], [], NOW, ZONE);
    expect(empty.tasks.every((t) => t.total === 0 && t.progress === 0)).toBe(true);
    expect(empty.totals).toMatchObject({ cells: 0, progress: 0 });
  });
});

describe("departmentView", () => {
  it("gives a department its open tasks, soonest deadline first, and what it has done", () => {
    const b = buildStatusBoard(campaign, [pledge, ack, education], TARGETS, COMPLETIONS, bj("2026-05-28T09:00"), ZONE);
    const view = departmentView(b, "weihui")!;
    expect(view.department).toBe(weihui);
    expect(view.pending.map((c) => [c.task.key, c.state])).toEqual([
      ["warning-education", "open"],
      ["safety-pledge", "open"],
    ]);
    expect(view.pending[1]!.stalePledge?.signedVersion).toBe(1);
    expect(view.done.map((c) => c.task.key)).toEqual(["acknowledge"]);
  });

  it("is null for a department the campaign does not target", () => {
    expect(departmentView(board(), "education")).toBeNull();
  });
});

describe("statusBoardJson", () => {
  it("is plain JSON with ids, names, states, who and when", () => {
    const json = JSON.parse(JSON.stringify(statusBoardJson(board())));
    expect(json.campaign).toEqual({
      id: "summer-fire-safety",
      title: "夏季消防安全专项行动",
      titleEn: "Summer fire-safety special action",
    });
    expect(json.tasks[0]).toMatchObject({ key: "acknowledge", done: 2, overdue: 1, total: 3 });
    expect(json.departments[2]).toMatchObject({
      id: "weihui",
      name: "卫辉市",
      tasks: {
        acknowledge: { state: "done", by: { name: "赵六" }, at: "2026-05-28T07:00:00.000Z", late: true },
        "safety-pledge": { state: "overdue", by: null, stalePledgeVersion: 1, overdueWorkingDays: 2 },
      },
    });
    expect(json.overdue[0]).toEqual({ department: "culture", task: "acknowledge", overdueWorkingDays: 8 });
  });
});
