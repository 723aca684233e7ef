/** Kinds of unit in the directory, and the groups campaign and meeting files name them by. */
export type DepartmentKind = "department" | "county_district" | "university" | "office";

export const DEPARTMENT_GROUPS = ["all-departments", "all-counties", "all-universities", "all"] as const;
export type DepartmentGroup = (typeof DEPARTMENT_GROUPS)[number];

/** Which kinds each group names; the safety office itself is in no group (it is the one asking). */
export const GROUP_KINDS: Record<DepartmentGroup, readonly DepartmentKind[]> = {
  "all-departments": ["department"],
  "all-counties": ["county_district"],
  "all-universities": ["university"],
  all: ["department", "county_district", "university"],
};

export interface DepartmentSelectionInput {
  groups: readonly DepartmentGroup[];
  ids: readonly string[];
  except: readonly string[];
}

/** The directory entries a selection names — its groups' kinds plus its ids, minus exceptions — in directory order. */
export function selectDepartments<D extends { id: string; kind: DepartmentKind }>(
  selection: DepartmentSelectionInput,
  directory: readonly D[],
): D[] {
  const kinds = new Set(selection.groups.flatMap((g) => GROUP_KINDS[g]));
  const ids = new Set(selection.ids);
  const except = new Set(selection.except);
  return directory.filter((d) => (kinds.has(d.kind) || ids.has(d.id)) && !except.has(d.id));
}
