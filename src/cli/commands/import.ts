import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { importTargets } from "../../accountability/import-targets.ts";
import { isScoringRulesDocument, ZScoringRulesFile } from "../../accountability/scoring-rules-schema.ts";
import { importScoringRules } from "../../accountability/scoring-rules-versions.ts";
import { isTargetsFile, ZControlTargetsFile } from "../../accountability/targets-file-schema.ts";
import { cliActor } from "../../audit/record-audit.ts";
import { importDirectory } from "../../directory/import-directory.ts";
import { ZImportFile } from "../../directory/import-file-schema.ts";
import { ZHolidayFile } from "../../domain/calendar/holiday-file.ts";
import { importHolidayYear } from "../../holidays/holiday-years.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { parseYamlText, readYamlFile } from "../../lib/yaml-file.ts";
import { parse as parseYaml } from "yaml";
import { osUser, type CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description(
      "import a directory, matrix and/or supervision-groups YAML file, control targets, scoring rules, or a year's holiday schedule (all or nothing) / 导入部门名录、责任矩阵、督导组、控制指标、考核细则或节假日安排",
    )
    .argument("<file>", "YAML file with `departments:`, `venueTypes:` and/or `supervisionGroups:`, a control-targets file with `targets:`, scoring rules with `items:` and `grades:`, or `holidayCalendar:`")
    .action(async (file: string) => {
      if (await isTargetsFile(file)) {
        const targets = await readYamlFile(file, ZControlTargetsFile);
        const db = await ctx.database();
        const done = await importTargets(db.prisma, targets, {
          fileName: path.basename(file),
          actor: cliActor(osUser(ctx)),
          now: new Date(),
        });
        ctx.out(
          `imported ${path.basename(file)}: ${done.targets} control targets for ${done.year}\n已导入 ${done.year} 年控制指标 ${done.targets} 条`,
        );
        return;
      }
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        throw new AppError(ErrorCode.FileInvalid, { zh: `无法读取文件 ${file}。`, en: `Cannot read file ${file}.` }, { cause: e });
      }
      const db = await ctx.database();
      if (/^items\s*:/m.test(text) && /^grades\s*:/m.test(text) && isScoringRulesDocument(safeParse(text))) {
        const rules = parseYamlText(text, path.basename(file), ZScoringRulesFile);
        const done = await importScoringRules(db.prisma, rules, { fileName: path.basename(file), actor: cliActor(osUser(ctx)), now: new Date() });
        ctx.out(
          done.created
            ? `imported ${path.basename(file)}: scoring rules "${done.name}", version ${done.version}, now in force\n已导入考核细则“${done.name}”，第 ${done.version} 版，即日起生效`
            : `${path.basename(file)}: these scoring rules are already version ${done.version}; nothing changed\n考核细则与第 ${done.version} 版相同，未作改动`,
        );
        return;
      }
      if (/^holidayCalendar\s*:/m.test(text)) {
        const parsed = parseYamlText(text, path.basename(file), ZHolidayFile);
        const s = await importHolidayYear(db.prisma, parsed, {
          source: path.basename(file),
          importedBy: cliActor(osUser(ctx)),
          now: new Date(),
        });
        ctx.out(
          `imported ${path.basename(file)}: ${s.year} holidays, ${s.holidays} days off, ${s.makeUpWorkdays} make-up working days\n` +
            `已导入 ${s.year} 年节假日安排：放假 ${s.holidays} 天，调休上班 ${s.makeUpWorkdays} 天`,
        );
        return;
      }
      const parsed = parseYamlText(text, path.basename(file), ZImportFile);
      const summary = await importDirectory(db.prisma, parsed, path.basename(file), { actor: cliActor(osUser(ctx)) });
      const changed = summary.matrixChanges
        ? [
            `; ${summary.matrixChanges} venue types changed (see /redline 矩阵 历史)`,
            `；${summary.matrixChanges} 类场所有变动（见 /redline 矩阵 历史）`,
          ]
        : ["", ""];
      const groups = parsed.supervisionGroups
        ? [
            `, ${summary.groups} supervision groups (${summary.groupChanges} added or changed)`,
            `，${summary.groups} 个督导组（新增或变动 ${summary.groupChanges} 个）`,
          ]
        : ["", ""];
      ctx.out(
        `imported ${path.basename(file)}: ${summary.departments} departments, ${summary.venueTypes} venue types, ${summary.matrixEntries} matrix entries${groups[0]}${changed[0]}\n` +
          `已导入：${summary.departments} 个部门，${summary.venueTypes} 类场所，${summary.matrixEntries} 条牵头关系${groups[1]}${changed[1]}`,
      );
    });
}

/** The document as data, or null when it is not YAML (the schema's own parse then names the error). */
function safeParse(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return null;
  }
}
