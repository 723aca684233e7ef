import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { FACT_KINDS, type ScoringRules } from "../domain/accountability/scoring.ts";
import { LEVEL_IDS } from "../domain/accountability/categories.ts";
import { readYamlFile } from "../lib/yaml-file.ts";

const Points = z.number({ message: "must be a number / 应为数字" }).min(0, "must not be negative / 不能为负数").max(1000);
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be an id such as campaign-tasks / 应为英文编号");
const Name = z.string().trim().min(1, "must not be empty / 不能为空").max(60);

const ZDeduction = z.object({ on: z.enum(FACT_KINDS, { message: `must be one of ${FACT_KINDS.join(", ")}` }), each: Points }).strict();

const ZItem = z
  .object({ id: Id, name: Name, points: Points, deductions: z.array(ZDeduction).min(1, "needs at least one deduction / 至少一条扣分规则") })
  .strict();

const ZVeto = z
  .object({
    id: Id,
    name: Name,
    levels: z.array(z.enum(LEVEL_IDS, { message: `must be one of ${LEVEL_IDS.join(", ")}` })).min(1),
    atLeast: z.number().int().min(1, "must be at least 1 / 至少为 1"),
  })
  .strict();

const ZGrade = z.object({ id: Id, name: Name, min: Points }).strict();

/** The office's 考核细则: items with their points and deductions, 一票否决 conditions, grade boundaries. */
export const ZScoringRulesFile = z
  .object({
    version: z.literal(1),
    name: Name,
    total: Points,
    items: z.array(ZItem).min(1, "must list at least one item / 至少一个考核项目"),
    veto: z.object({ conditions: z.array(ZVeto), grade: Id }).strict(),
    grades: z.array(ZGrade).min(1, "must list at least one grade / 至少一个等次"),
  })
  .strict()
  .superRefine((f, ctx) => {
    const sum = f.items.reduce((s, i) => s + i.points, 0);
    if (Math.abs(sum - f.total) > 1e-9)
      ctx.addIssue({
        code: "custom",
        path: ["total"],
        message: `items add up to ${sum}, not ${f.total} / 各项分值合计 ${sum}，与总分不符`,
      });
    const seen = new Set<string>();
    f.items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: `repeats "${item.id}" / 编号重复` });
      seen.add(item.id);
    });
    f.grades.forEach((g, i) => {
      const prev = f.grades[i - 1];
      if (prev && g.min >= prev.min)
        ctx.addIssue({
          code: "custom",
          path: ["grades", i, "min"],
          message: `must be below ${prev.min} (highest grade first) / 应低于上一等次`,
        });
      if (g.min > f.total)
        ctx.addIssue({ code: "custom", path: ["grades", i, "min"], message: `is above the total ${f.total} / 高于总分` });
    });
    const last = f.grades[f.grades.length - 1];
    if (last && last.min !== 0)
      ctx.addIssue({
        code: "custom",
        path: ["grades", f.grades.length - 1, "min"],
        message: "the lowest grade must start at 0 / 最低等次应从 0 分起",
      });
    if (!f.grades.some((g) => g.id === f.veto.grade))
      ctx.addIssue({
        code: "custom",
        path: ["veto", "grade"],
        message: `is not one of the grades (${f.grades.map((g) => g.id).join(", ")}) / 不是已定义的等次`,
      });
  });
export type TScoringRulesFile = z.infer<typeof ZScoringRulesFile>;

/** The shipped default, following the speech; the office copies and edits it. */
export const DEFAULT_SCORING_RULES_FILE = fileURLToPath(new URL("../../prisma/seed/accountability/scoring-rules.yaml", import.meta.url));

/** Reads and validates a rules file; a file with errors is refused naming the file, the entry and the field. */
export async function loadScoringRules(file: string = DEFAULT_SCORING_RULES_FILE): Promise<ScoringRules & { fileName: string }> {
  const f = await readYamlFile(file, ZScoringRulesFile);
  return { name: f.name, total: f.total, items: f.items, veto: f.veto, grades: f.grades, fileName: path.basename(file) };
}

/** A YAML document is a scoring-rules file when it has `items:` and `grades:` at the top. */
export function isScoringRulesDocument(data: unknown): boolean {
  return !!data && typeof data === "object" && !Array.isArray(data) && "items" in data && "grades" in data;
}
