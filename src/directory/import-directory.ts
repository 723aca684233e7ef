import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Db } from "../db/client.ts";
import type { TImportFile } from "./import-file-schema.ts";

export interface ImportSummary {
  departments: number;
  venueTypes: number;
  matrixEntries: number;
}

/**
 * Writes a validated import file in one transaction: departments are upserted (their liaisons replaced);
 * a file with `venueTypes` replaces the whole matrix. Lead departments must exist in the file or the
 * database, or nothing is written.
 */
/**
 * The import's one transaction may take as long as its size needs: 30 s plus 100 ms per department and venue type
 * (1,000 departments → 130 s), instead of Prisma's 5 s default, which a busy machine overran at ~1,000 departments.
 */
export function importTimeoutMs(file: TImportFile): number {
  return 30_000 + 100 * ((file.departments?.length ?? 0) + (file.venueTypes?.length ?? 0));
}

export async function importDirectory(db: Db, file: TImportFile, fileName: string): Promise<ImportSummary> {
  const summary: ImportSummary = { departments: 0, venueTypes: 0, matrixEntries: 0 };
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
    },
    { maxWait: 30_000, timeout: importTimeoutMs(file) },
  );
  return summary;
}
