import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING_RULES_FILE, loadScoringRules } from "../../src/accountability/scoring-rules-schema.ts";
import { AppError } from "../../src/lib/errors.ts";

async function withFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "account-rules-"));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

async function refusal(file: string): Promise<string> {
  const e = await loadScoringRules(file).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return `${(e as AppError).messageFor("zh")}\n${(e as AppError).messageFor("en")}`;
}

describe("scoring rules file", () => {
  it("ships a default that follows the speech: 100 points, 一票否决 for one major or two larger accidents", async () => {
    const rules = await loadScoringRules();
    expect(rules.fileName).toBe("scoring-rules.yaml");
    expect(rules.total).toBe(100);
    expect(rules.items.reduce((s, i) => s + i.points, 0)).toBe(100);
    expect(rules.veto.conditions.map((c) => [c.levels, c.atLeast])).toEqual([
      [["major", "especially_major"], 1],
      [["larger"], 2],
    ]);
    expect(rules.grades.map((g) => g.name)).toEqual(["优秀", "良好", "合格", "不合格"]);
  });

  it("refuses a file with errors, naming the file, the entry and the field", async () => {
    const text = await readFile(DEFAULT_SCORING_RULES_FILE, "utf8");
    const badKind = await withFile("rules-a.yaml", text.replace("{ on: task_late, each: 1 }", "{ on: task_lateness, each: 1 }"));
    const message = await refusal(badKind);
    expect(message).toContain('rules-a.yaml: items[0] (id "campaign-tasks").deductions[0].on: must be one of');
    expect(message).toContain("未导入任何内容");

    const badTotal = await withFile("rules-b.yaml", text.replace("total: 100", "total: 90"));
    expect(await refusal(badTotal)).toContain("rules-b.yaml: total: items add up to 100, not 90");

    const badGrades = await withFile(
      "rules-c.yaml",
      text.replace("{ id: good, name: 良好, min: 80 }", "{ id: good, name: 良好, min: 95 }").replace("grade: fail", "grade: failed"),
    );
    const m = await refusal(badGrades);
    expect(m).toContain('rules-c.yaml: grades[1] (id "good").min: must be below 90');
    expect(m).toContain("rules-c.yaml: veto.grade: is not one of the grades");
  });
});
