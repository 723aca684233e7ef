import type { Db } from "../db/client.ts";
import type { Matrix } from "../domain/matrix/types.ts";

/** The matrix's version: bumped by a database trigger on every write to venue types, entries or units. */
export async function matrixVersion(db: Db): Promise<bigint> {
  const row = await db.matrixVersion.findUnique({ where: { id: 1 } });
  return row?.version ?? 0n;
}

export async function loadMatrix(db: Db): Promise<Matrix> {
  const [rows, units] = await Promise.all([
    db.venueType.findMany({
      include: { entries: { include: { department: true }, orderBy: { id: "asc" } } },
      orderBy: { id: "asc" },
    }),
    db.department.findMany({ select: { id: true, nameZh: true, nameEn: true, kind: true }, orderBy: { id: "asc" } }),
  ]);
  const venueTypes = rows.map((v) => ({
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
      office: e.changedBy && e.changedAt ? { document: e.sourceDocument, by: e.changedBy, at: e.changedAt } : null,
    })),
    unassigned: v.unassignedSource
      ? { source: v.unassignedSource, noteZh: v.unassignedNoteZh ?? "", noteEn: v.unassignedNoteEn ?? "" }
      : null,
  }));
  return { venueTypes, units: units.map((u) => ({ ...u, kind: String(u.kind) })) };
}
