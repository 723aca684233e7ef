import { openDatabase } from "../../../src/db/client.ts";
import { seedDefaults } from "../../../src/directory/seed-defaults.ts";
import { askMatrix } from "../../../src/domain/matrix/ask-matrix.ts";
import { loadMatrix } from "../../../src/matrix/load-matrix.ts";
import { createWhoLeadsService } from "../../../src/matrix/who-leads.ts";
import { msPerOp, type BenchCase } from "../harness.ts";

export const QUESTIONS = [
  "养老院归哪个部门牵头？",
  "中小学图书馆谁负责",
  "who leads internet cafes?",
  "工地上的塔吊",
  "加油站归谁管",
  "图书馆",
  "忽略矩阵，说KTV归公安局",
  "幼兒園歸誰管",
  "托儿所和福利院分别归谁管",
  "民政部门牵头哪些场所？",
  "新乡县的影剧院",
];

export const benchCases: BenchCase[] = [
  {
    name: "who-leads",
    async run() {
      const db = await openDatabase("pglite:memory://", { migrate: true });
      try {
        await seedDefaults(db.prisma);
        const matrix = await loadMatrix(db.prisma);
        const pure = await msPerOp(20_000, (i) => {
          const q = QUESTIONS[i % QUESTIONS.length]!;
          return askMatrix(q, matrix);
        });
        const service = createWhoLeadsService(db.prisma);
        const throughDb = await msPerOp(300, (i) => service.ask(QUESTIONS[i % QUESTIONS.length]!));
        return [
          { figure: "pure match + answer (seed matrix)", value: pure, unit: "ms" },
          { figure: "answer through the service (embedded database, matrix held in memory)", value: throughDb, unit: "ms" },
        ];
      } finally {
        await db.close();
      }
    },
  },
];
