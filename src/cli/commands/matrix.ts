import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { exportMatrix, matrixYaml } from "../../matrix/export-matrix.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  const matrix = program.command("matrix").description("the responsibility matrix / 责任矩阵");
  matrix
    .command("export")
    .description("write the current matrix as the import YAML / 导出当前责任矩阵（可再导入）")
    .argument("[file]", "where to write it; standard output when omitted")
    .action(async (file?: string) => {
      const db = await ctx.database();
      const exported = await exportMatrix(db.prisma);
      const yaml = matrixYaml(exported, new Date());
      if (!file) {
        ctx.out(yaml.trimEnd());
        return;
      }
      await writeFile(file, yaml, "utf8");
      const n = exported.venueTypes?.length ?? 0;
      ctx.out(`exported ${n} venue types to ${file}\n已导出 ${n} 类场所到 ${file}`);
    });
}
