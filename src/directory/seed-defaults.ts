import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.ts";
import { readYamlFile } from "../lib/yaml-file.ts";
import { ZImportFile } from "./import-file-schema.ts";
import { importDirectory } from "./import-directory.ts";

export const SEED_DIR = fileURLToPath(new URL("../../prisma/seed/", import.meta.url));
export const SEED_FILES = ["directory.yaml", "matrix.yaml"].map((f) => path.join(SEED_DIR, f));

/** On an empty database, loads the speech's directory and matrix; never overwrites an office's own data. */
export async function seedDefaults(db: Db, files: readonly string[] = SEED_FILES): Promise<boolean> {
  const [departments, venueTypes] = await Promise.all([db.department.count(), db.venueType.count()]);
  if (departments > 0 || venueTypes > 0) return false;
  for (const file of files) await importDirectory(db, await readYamlFile(file, ZImportFile), path.basename(file));
  return true;
}
