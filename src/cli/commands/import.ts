import os from "node:os";
import path from "node:path";
import { importTargets } from "../../accountability/import-targets.ts";
import { isTargetsFile, ZControlTargetsFile } from "../../accountability/targets-file-schema.ts";
import type { Command } from "commander";
import { importDirectory } from "../../directory/import-directory.ts";
import { ZImportFile } from "../../directory/import-file-schema.ts";
import { readYamlFile } from "../../lib/yaml-file.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("import a directory and/or matrix YAML file (all or nothing) / 导入部门名录或责任矩阵")
    .argument("<file>", "YAML file with `departments:` and/or `venueTypes:`, or a control-targets file with `targets:`")
    .action(async (file: string) => {
      if (await isTargetsFile(file)) {
        const targets = await readYamlFile(file, ZControlTargetsFile);
        const db = await ctx.database();
        const done = await importTargets(db.prisma, targets, { fileName: path.basename(file), actor: `cli:${os.userInfo().username}`, now: new Date() });
        ctx.out(`imported ${path.basename(file)}: ${done.targets} control targets for ${done.year}\n已导入 ${done.year} 年控制指标 ${done.targets} 条`);
        return;
      }
      const parsed = await readYamlFile(file, ZImportFile);
      const db = await ctx.database();
      const summary = await importDirectory(db.prisma, parsed, path.basename(file));
      ctx.out(
        `imported ${path.basename(file)}: ${summary.departments} departments, ${summary.venueTypes} venue types, ${summary.matrixEntries} matrix entries\n` +
          `已导入：${summary.departments} 个部门，${summary.venueTypes} 类场所，${summary.matrixEntries} 条牵头关系`,
      );
    });
}
