import { z } from "zod";
import { DEPARTMENT_GROUPS, selectDepartments, type DepartmentGroup, type DepartmentKind } from "../../directory/department-groups.ts";

export { DEPARTMENT_GROUPS, type DepartmentGroup };

export const GROUP_LABELS: Record<DepartmentGroup, { zh: string; en: string }> = {
  "all-departments": { zh: "全部市直部门", en: "All departments" },
  "all-counties": { zh: "全部县（市）、区", en: "All counties, cities and districts" },
  "all-universities": { zh: "全部驻地高校", en: "All universities" },
  all: { zh: "全部单位", en: "Everyone" },
};

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "只能用小写字母、数字和连字符 / must be lowercase letters, digits and dashes");

/** Required departments as an office writes them: groups and ids, minus exceptions. */
export const ZDepartmentSelection = z
  .strictObject({
    groups: z.array(z.enum(DEPARTMENT_GROUPS)).default([]),
    ids: z.array(Slug).default([]),
    except: z.array(Slug).default([]),
  })
  .refine((s) => s.groups.length > 0 || s.ids.length > 0, {
    message: "至少需要一个应参会单位或分组（groups 或 ids）/ needs at least one group or department id",
  });
export type DepartmentSelection = z.output<typeof ZDepartmentSelection>;

export interface DirectoryDepartment {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: DepartmentKind;
  slackChannelId: string | null;
  headSlackUserId: string | null;
  headName: string | null;
  headTitle: string | null;
}

export type SelectionResult = { ok: true; departments: DirectoryDepartment[] } | { ok: false; unknown: string[] };

/** The departments a selection names, in directory order; ids the directory does not know are reported, not dropped. */
export function resolveSelection(selection: DepartmentSelection, directory: readonly DirectoryDepartment[]): SelectionResult {
  const known = new Set(directory.map((d) => d.id));
  const unknown = [...new Set([...selection.ids, ...selection.except])].filter((id) => !known.has(id));
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, departments: selectDepartments(selection, directory) };
}
