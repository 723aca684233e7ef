import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { TImportFile } from "./import-file-schema.ts";

export interface ImportSummary {
  departments: number;
  venueTypes: number;
  matrixEntries: number;
  /** Venue types the import added, changed or removed in a matrix that had rows before (each kept in the history). */
  matrixChanges: number;
}

export interface ImportOptions {
  /** Who imports (`cli:<os user>`, "system"): the matrix history names them. */
  actor?: string;
  now?: Date;
}

/**
 * The import's one transaction may take as long as its size needs: 30 s plus 100 ms per department and venue type
 * (1,000 departments → 130 s), instead of Prisma's 5 s default, which a busy machine overran at ~1,000 departments.
 */
export function importTimeoutMs(file: TImportFile): number {
  return 30_000 + 100 * ((file.departments?.length ?? 0) + (file.venueTypes?.length ?? 0));
}

/**
 * Writes a validated import file in one transaction: departments are upserted (their liaisons replaced);
 * a file with `venueTypes` replaces the whole matrix. Lead departments must exist in the file or the
 * database, or nothing is written. Replacing a matrix that had rows keeps, in the matrix history, one entry per venue
 * type the file adds, changes or removes (before and after), so `/redline 矩阵 历史` shows what an import did; the
 * first import into an empty matrix records none. Importing the same file again changes nothing and records nothing.
 */
export async function importDirectory(db: Db, file: TImportFile, fileName: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { departments: 0, venueTypes: 0, matrixEntries: 0, matrixChanges: 0 };
  const now = options.now ?? new Date();
  await db.$transaction(
    async (tx) => {
      for (const d of file.departments ?? []) {
        const fields = {
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          kind: d.kind,
          slackChannelId: d.slackChannelId ?? null,
          headSlackUserId: d.head?.slackUserId ?? null,
          headName: d.head?.name ?? null,
          headTitle: d.head?.title ?? null,
        };
        await tx.department.upsert({ where: { id: d.id }, create: { id: d.id, ...fields }, update: fields });
        await tx.liaison.deleteMany({ where: { departmentId: d.id } });
        if (d.liaisons.length) await tx.liaison.createMany({ data: d.liaisons.map((l) => ({ departmentId: d.id, ...l })) });
        summary.departments++;
      }
      if (!file.venueTypes) return;
      const known = new Set((await tx.department.findMany({ select: { id: true } })).map((d) => d.id));
      file.venueTypes.forEach((v, i) =>
        v.leads.forEach((l, j) => {
          if (!known.has(l.department)) {
            const where = `venueTypes[${i}] (id "${v.id}").leads[${j}].department`;
            throw new AppError(ErrorCode.FileInvalid, {
              zh: `${fileName}: ${where}: 未知部门 "${l.department}"，未导入任何内容。`,
              en: `${fileName}: ${where}: unknown department "${l.department}"; nothing was imported.`,
            });
          }
        }),
      );
      const before = await matrixRows(tx);
      await tx.venueType.deleteMany({});
      for (const v of file.venueTypes) {
        await tx.venueType.create({
          data: {
            id: v.id,
            nameZh: v.nameZh,
            nameEn: v.nameEn,
            category: v.category,
            aliases: v.aliases,
            unassignedSource: v.unassigned?.source ?? null,
            unassignedNoteZh: v.unassigned?.note.zh ?? null,
            unassignedNoteEn: v.unassigned?.note.en ?? null,
            entries: {
              create: v.leads.map((l) => ({
                departmentId: l.department,
                scopeZh: l.scope?.zh ?? null,
                scopeEn: l.scope?.en ?? null,
                qualifiers: l.qualifiers,
                sourceClause: l.source,
                sourceDocument: l.document ?? null,
                changedBy: l.changedBy ?? null,
                changedAt: l.changedAt ?? null,
              })),
            },
          },
        });
        summary.venueTypes++;
        summary.matrixEntries += v.leads.length;
      }
      if (before.size)
        summary.matrixChanges = await recordImportChanges(tx, before, await matrixRows(tx), {
          fileName,
          actor: options.actor ?? "system",
          now,
        });
    },
    { maxWait: 30_000, timeout: importTimeoutMs(file) },
  );
  return summary;
}

type MatrixRow = Prisma.InputJsonObject;

/** Each venue type as the history shows it: names, aliases, the unassigned note and its leads (department, scope, source). */
async function matrixRows(tx: Prisma.TransactionClient): Promise<Map<string, MatrixRow>> {
  const rows = await tx.venueType.findMany({ include: { entries: { orderBy: { departmentId: "asc" } } }, orderBy: { id: "asc" } });
  return new Map(
    rows.map((v) => [
      v.id,
      {
        nameZh: v.nameZh,
        nameEn: v.nameEn,
        category: v.category,
        aliases: v.aliases,
        unassignedSource: v.unassignedSource,
        leads: v.entries.map((e) => ({
          department: e.departmentId,
          scopeZh: e.scopeZh,
          qualifiers: e.qualifiers,
          source: e.sourceClause,
          document: e.sourceDocument,
        })),
      },
    ]),
  );
}

async function recordImportChanges(
  tx: Prisma.TransactionClient,
  before: Map<string, MatrixRow>,
  after: Map<string, MatrixRow>,
  how: { fileName: string; actor: string; now: Date },
): Promise<number> {
  const changes: Prisma.MatrixChangeCreateManyInput[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(id);
    const is = after.get(id);
    if (was && is && JSON.stringify(was) === JSON.stringify(is)) continue;
    const action = !was ? "import.add" : !is ? "import.remove" : "import.change";
    changes.push({
      sourceKey: `import:${how.now.toISOString()}:${id}`,
      at: how.now,
      actor: how.actor,
      action,
      venueTypeId: id,
      before: was ?? undefined,
      after: { ...(is ?? { removed: true }), file: how.fileName },
    });
  }
  if (changes.length) await tx.matrixChange.createMany({ data: changes });
  return changes.length;
}
