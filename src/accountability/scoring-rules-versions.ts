import { createHash } from "node:crypto";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import type { ScoringRules } from "../domain/accountability/scoring.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { DEFAULT_SCORING_RULES_FILE, loadScoringRules, ZScoringRulesFile, type TScoringRulesFile } from "./scoring-rules-schema.ts";

/** The rules a score is computed with: an imported version, or the shipped default (version null). */
export interface RulesInForce {
  rules: ScoringRules;
  version: number | null;
  fileName: string;
}

function toRules(f: TScoringRulesFile): ScoringRules {
  return { name: f.name, total: f.total, items: f.items, veto: f.veto, grades: f.grades };
}

/**
 * Stores a validated rules file as a new version, which is then the one in force. The same rules again (a retry, a
 * second run, two imports at once) are the version they already are: the digest is unique, the database decides.
 */
export async function importScoringRules(
  db: Db,
  file: TScoringRulesFile,
  opts: { fileName: string; actor: string; now: Date },
): Promise<{ version: number; created: boolean; name: string }> {
  const rules = toRules(file);
  const digest = createHash("sha256").update(JSON.stringify(rules)).digest("hex");
  const existing = () => db.scoringRulesVersion.findUniqueOrThrow({ where: { digest } });
  const found = await db.scoringRulesVersion.findUnique({ where: { digest } });
  if (found) return { version: found.version, created: false, name: found.name };
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.scoringRulesVersion.create({
        data: { digest, name: rules.name, fileName: opts.fileName, rules: rules as object, importedBy: opts.actor, importedAt: opts.now },
      });
      await recordAudit(tx, {
        actor: opts.actor,
        action: "scoring-rules.import",
        outcome: "ok",
        subject: `scoring-rules:${created.version}`,
        detail: { file: opts.fileName, name: rules.name, items: rules.items.length },
        at: opts.now,
      });
      return created;
    });
    return { version: row.version, created: true, name: row.name };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const row = await existing();
    return { version: row.version, created: false, name: row.name };
  }
}

/**
 * The rules in force: the newest imported version (checked again with the schema, so a row from an older release
 * that no longer validates is refused loudly), else the shipped default file.
 */
export async function rulesInForce(db: Db, version?: number): Promise<RulesInForce> {
  const row = version
    ? await db.scoringRulesVersion.findUnique({ where: { version } })
    : await db.scoringRulesVersion.findFirst({ orderBy: { version: "desc" } });
  if (!row && version)
    throw new AppError(ErrorCode.NotFound, { zh: `没有第 ${version} 版考核细则。`, en: `There is no version ${version} of the scoring rules.` });
  if (!row) {
    const rules = await loadScoringRules(DEFAULT_SCORING_RULES_FILE);
    return { rules, version: null, fileName: rules.fileName };
  }
  const parsed = ZScoringRulesFile.parse({ version: 1, ...(row.rules as object) });
  return { rules: toRules(parsed), version: row.version, fileName: row.fileName };
}

export async function listScoringRulesVersions(db: Db) {
  return db.scoringRulesVersion.findMany({ orderBy: { version: "desc" }, select: { version: true, name: true, fileName: true, importedBy: true, importedAt: true } });
}
