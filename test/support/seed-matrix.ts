import { readFileSync } from "node:fs";
import path from "node:path";
import { ZImportFile } from "../../src/directory/import-file-schema.ts";
import { SEED_DIR } from "../../src/directory/seed-defaults.ts";
import { parseYamlText } from "../../src/lib/yaml-file.ts";
import type { MatrixVenueType } from "../../src/domain/matrix/types.ts";

/** The seed matrix as the pure rules see it, read straight from the committed YAML (no database). */
export function seedMatrix(): MatrixVenueType[] {
  const read = (f: string) => parseYamlText(readFileSync(path.join(SEED_DIR, f), "utf8"), f, ZImportFile);
  const departments = new Map((read("directory.yaml").departments ?? []).map((d) => [d.id, d]));
  return (read("matrix.yaml").venueTypes ?? []).map((v) => ({
    id: v.id,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    category: v.category,
    aliases: v.aliases,
    leads: v.leads.map((l) => ({
      departmentId: l.department,
      departmentNameZh: departments.get(l.department)!.nameZh,
      departmentNameEn: departments.get(l.department)!.nameEn,
      scopeZh: l.scope?.zh ?? null,
      scopeEn: l.scope?.en ?? null,
      qualifiers: l.qualifiers,
      sourceClause: l.source,
      office: null,
    })),
    unassigned: v.unassigned ? { source: v.unassigned.source, noteZh: v.unassigned.note.zh, noteEn: v.unassigned.note.en } : null,
  }));
}
