import path from "node:path";
import type { Command } from "commander";
import { importDirectory } from "../../directory/import-directory.ts";
import { ZImportFile } from "../../directory/import-file-schema.ts";
import { readYamlFile } from "../../lib/yaml-file.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("import a directory and/or matrix YAML file (all or nothing) / 导入部门名录或责任矩阵")
    .argument("<file>", "YAML file with `departments:` and/or `venueTypes:`")
    .action(async (file: string) => {
      const parsed = await readYamlFile(file, ZImportFile);
      const db = await ctx.database();
      const summary = await importDirectory(db.prisma, parsed, path.basename(file));
      ctx.out(
        `imported ${path.basename(file)}: ${summary.departments} departments, ${summary.venueTypes} venue types, ${summary.matrixEntries} matrix entries\n` +
          `已导入：${summary.departments} 个部门，${summary.venueTypes} 类场所，${summary.matrixEntries} 条牵头关系`,
      );
    });
}
