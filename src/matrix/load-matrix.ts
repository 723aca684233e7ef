import type { Db } from "../db/client.ts";
import type { MatrixVenueType } from "../domain/matrix/types.ts";

export async function loadMatrix(db: Db): Promise<MatrixVenueType[]> {
  const rows = await db.venueType.findMany({
    include: { entries: { include: { department: true }, orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
  return rows.map((v) => ({
    id: v.id,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    category: v.category,
    aliases: v.aliases,
    leads: v.entries.map((e) => ({
      departmentId: e.departmentId,
      departmentNameZh: e.department.nameZh,
      departmentNameEn: e.department.nameEn,
      scopeZh: e.scopeZh,
      scopeEn: e.scopeEn,
      qualifiers: e.qualifiers,
      sourceClause: e.sourceClause,
    })),
    unassigned: v.unassignedSource
      ? { source: v.unassignedSource, noteZh: v.unassignedNoteZh ?? "", noteEn: v.unassignedNoteEn ?? "" }
      : null,
  }));
}
