import { renderBoard } from "../../../src/digest/render/render-board.ts";
import { msPerOp, type BenchCase } from "../harness.ts";

export const benchCases: BenchCase[] = [
  {
    name: "digest",
    async run() {
      const columns = Array.from({ length: 8 }, (_, i) => ({
        id: `t${i}`,
        label: ["确认收到", "隐患整治报告", "警示教育", "安全承诺"][i % 4]!,
      }));
      const rows = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, label: `第${i + 1}单位（测试）` }));
      const states = ["done", "open", "overdue", "n/a"] as const;
      const cells = Object.fromEntries(rows.map((r, i) => [r.id, Object.fromEntries(columns.map((c, j) => [c.id, states[(i + j) % 4]!]))]));
      let bytes = 0;
      const ms = await msPerOp(5, async () => {
        bytes = (await renderBoard({ title: "安全生产专项行动进展", generatedAt: new Date(), columns, rows, cells }, "zh")).length;
      });
      return [{ figure: "board PNG, 60 departments × 8 tasks", value: ms, unit: "ms", note: `${Math.round(bytes / 1024)} KB` }];
    },
  },
];
