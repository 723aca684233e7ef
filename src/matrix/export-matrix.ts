import { stringify } from "yaml";
import type { Db } from "../db/client.ts";
import type { TImportFile, TVenueType } from "../directory/import-file-schema.ts";

/**
 * The matrix as it stands in the database, in the shape `redline import` reads (`venueTypes:` only, so an
 * import of it replaces the matrix and leaves the directory alone). Venue types by id, leads in the order
 * they were written.
 */
export async function exportMatrix(db: Db): Promise<TImportFile> {
  const rows = await db.venueType.findMany({ include: { entries: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });
  const venueTypes = rows.map((v): TVenueType => ({
    id: v.id,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    category: v.category,
    aliases: v.aliases,
    leads: v.entries.map((e) => ({
      department: e.departmentId,
      ...(e.scopeZh !== null && e.scopeEn !== null ? { scope: { zh: e.scopeZh, en: e.scopeEn } } : {}),
      qualifiers: e.qualifiers,
      source: e.sourceClause,
      ...(e.sourceDocument !== null ? { document: e.sourceDocument } : {}),
      ...(e.changedBy !== null && e.changedAt !== null ? { changedBy: e.changedBy, changedAt: e.changedAt } : {}),
    })),
    ...(v.unassignedSource !== null
      ? { unassigned: { source: v.unassignedSource, note: { zh: v.unassignedNoteZh ?? "", en: v.unassignedNoteEn ?? "" } } }
      : {}),
  }));
  return { version: 1, venueTypes };
}

export function matrixYaml(file: TImportFile, now: Date): string {
  const header =
    `# Responsibility matrix exported by redline at ${now.toISOString()} (${file.venueTypes?.length ?? 0} venue types).\n` +
    `# Re-import with: npx redline import <this file>  (replaces the whole matrix; departments are untouched)\n`;
  return header + stringify(file, { lineWidth: 0 });
}
