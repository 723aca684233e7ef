import type { TBoardInput, TCellState } from "../../../src/digest/render/board-schema.ts";

/** A small board shaped like the fire-safety campaign: every state appears, one in a known cell each. */
export function fireCampaignBoard(overrides: Partial<TBoardInput> = {}): TBoardInput {
  return {
    title: "夏季消防安全专项行动 · 第 2 周",
    generatedAt: new Date("2024-05-27T01:00:00Z"),
    columns: [
      { id: "ack", label: "收到" },
      { id: "rectify", label: "隐患整治报告" },
      { id: "warning", label: "警示教育" },
      { id: "pledge", label: "安全承诺" },
    ],
    rows: [
      { id: "civil-affairs", label: "民政部门" },
      { id: "universities", label: "各驻新高校" },
      { id: "hongqi", label: "红旗区" },
      { id: "fire-brigade", label: "市消防支队" },
    ],
    cells: {
      "civil-affairs": { ack: "done", rectify: "done", warning: "open", pledge: "overdue" },
      universities: { ack: "done", rectify: "overdue", warning: "overdue", pledge: "open" },
      hongqi: { ack: "done", rectify: "open", warning: "done" },
      "fire-brigade": { ack: "done", rectify: "n/a", warning: "done", pledge: "done" },
    },
    ...overrides,
  };
}

const DEPARTMENT_NAMES = [
  "民政部门",
  "文化部门",
  "教育部门",
  "各驻新高校",
  "住建部门",
  "质监部门",
  "市消防支队",
  "红旗区",
  "新乡县",
  "卫辉市",
  "辉县市",
  "长垣市",
  "卫滨区",
  "牧野区",
  "凤泉区",
  "获嘉县",
  "原阳县",
  "延津县",
  "封丘县",
  "平原示范区",
];
const TASK_NAMES = [
  "收到",
  "隐患整治报告",
  "警示教育",
  "安全承诺",
  "消防安全排查",
  "汛期准备工作方案",
  "有限空间作业专项检查",
  "人员密集场所整治",
];
const STATES: TCellState[] = ["done", "done", "open", "overdue", "done", "n/a", "open"];

/** `rows` departments × `columns` tasks with names repeated and numbered, states in a fixed pattern. */
export function largeBoard(rows: number, columns: number): TBoardInput {
  const columnList = Array.from({ length: columns }, (_, i) => ({ id: `task-${i}`, label: TASK_NAMES[i % TASK_NAMES.length]! }));
  const rowList = Array.from({ length: rows }, (_, i) => {
    const name = DEPARTMENT_NAMES[i % DEPARTMENT_NAMES.length]!;
    return { id: `dept-${i}`, label: i < DEPARTMENT_NAMES.length ? name : `${name}（第${Math.floor(i / DEPARTMENT_NAMES.length) + 1}组）` };
  });
  const cells = Object.fromEntries(
    rowList.map((row, r) => [row.id, Object.fromEntries(columnList.map((column, c) => [column.id, STATES[(r * 3 + c) % STATES.length]!]))]),
  );
  return {
    title: `新一轮安全生产大检查大整治 · ${rows} 个单位 × ${columns} 项任务`,
    generatedAt: new Date("2024-05-27T01:00:00Z"),
    columns: columnList,
    rows: rowList,
    cells,
  };
}
