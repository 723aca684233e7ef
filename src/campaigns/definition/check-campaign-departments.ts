import { AppError, ErrorCode } from "../../lib/errors.ts";
import { selectDepartments, type DepartmentKind } from "../../domain/directory/department-groups.ts";
import type { TCampaignFile } from "./campaign-file-schema.ts";

export interface DirectoryEntry {
  id: string;
  kind: DepartmentKind;
}

export interface FileProblem {
  /** Where in the file, e.g. `targets.departments[1]`. */
  path: string;
  message: string;
}

/** Unknown ids, the office named as its own target, and targets that leave nobody, against the directory. */
export function campaignDepartmentProblems(file: TCampaignFile, directory: readonly DirectoryEntry[]): FileProblem[] {
  const byId = new Map(directory.map((d) => [d.id, d]));
  const known = directory.filter((d) => d.kind !== "office").map((d) => d.id);
  const hint = known.length <= 20 ? `（已知：${known.join(", ")}）/ (known: ${known.join(", ")})` : "";
  const problems: FileProblem[] = [];
  const check = (list: "departments" | "except", ids: readonly string[]) =>
    ids.forEach((id, i) => {
      const path = `targets.${list}[${i}]`;
      const entry = byId.get(id);
      if (!entry) problems.push({ path, message: `未知单位 id "${id}" / unknown department id "${id}" ${hint}`.trim() });
      else if (entry.kind === "office" && list === "departments") {
        problems.push({
          path,
          message: `"${id}" 是安委办自身，不能作为行动对象 / "${id}" is the safety office itself and cannot be a target`,
        });
      }
    });
  check("departments", file.targets.departments);
  check("except", file.targets.except);
  if (problems.length === 0 && targetDepartments(file, directory).length === 0) {
    problems.push({ path: "targets", message: "按当前名录，目标单位为空 / with the current directory the targets name no department" });
  }
  return problems;
}

/** Throws one AppError listing every problem, in the format `readYamlFile` uses (file: path: message). */
export function assertCampaignDepartments(file: TCampaignFile, directory: readonly DirectoryEntry[], fileName: string): void {
  const problems = campaignDepartmentProblems(file, directory);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `${fileName}: ${p.path}: ${p.message}`).join("\n");
  throw new AppError(
    ErrorCode.FileInvalid,
    { zh: `行动文件有误，未发起：\n${lines}`, en: `The campaign file has errors; nothing was launched:\n${lines}` },
    { details: { problems } },
  );
}

/** The directory entries the targets name, in directory order, never the office. */
export function targetDepartments<D extends DirectoryEntry>(file: TCampaignFile, directory: readonly D[]): D[] {
  const { groups, departments: ids, except } = file.targets;
  return selectDepartments({ groups, ids, except }, directory).filter((d) => d.kind !== "office");
}
