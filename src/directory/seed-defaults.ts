import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.ts";

export const SEED_DIR = fileURLToPath(new URL("../../prisma/seed/", import.meta.url));
export const SEED_FILES = ["directory.yaml", "matrix.yaml"].map((f) => path.join(SEED_DIR, f));

/** Whether the database holds a directory or a matrix already: one query, answered from the first row of each. */
export async function hasDirectoryData(db: Db): Promise<boolean> {
  const [row] = await db.$queryRaw<{ seeded: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Department") OR EXISTS (SELECT 1 FROM "VenueType") AS seeded`;
  return row?.seeded === true;
}

/**
 * On an empty database, loads the speech's directory and matrix; never overwrites an office's own data. The YAML
 * reader and the importer are loaded only then, so every start and CLI command on a seeded database skips them.
 */
export async function seedDefaults(db: Db, files: readonly string[] = SEED_FILES): Promise<boolean> {
  if (await hasDirectoryData(db)) return false;
  const [{ readYamlFile }, { ZImportFile }, { importDirectory }] = await Promise.all([
    import("../lib/yaml-file.ts"),
    import("./import-file-schema.ts"),
    import("./import-directory.ts"),
  ]);
  for (const file of files) await importDirectory(db, await readYamlFile(file, ZImportFile), path.basename(file));
  return true;
}
