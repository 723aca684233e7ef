import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { TDepartment, TImportFile } from "./import-file-schema.ts";
import { writeSupervisionGroups } from "./import-supervision-groups.ts";

export interface ImportSummary {
  departments: number;
  venueTypes: number;
  matrixEntries: number;
  /** Venue types the import added, changed or removed in a matrix that had rows before (each kept in the history). */
  matrixChanges: number;
  /** Supervision groups in the file, and how many of them the import added or changed. */
  groups: number;
  groupChanges: number;
}

export interface ImportOptions {
  /** Who imports (`cli:<os user>`, "system"): the matrix history names them. */
  actor?: string;
  now?: Date;
  /** The transaction's time limit (default `importTimeoutMs(file)`); a fault test sets a tiny one. */
  timeoutMs?: number;
}

/**
 * The import's one transaction may take as long as its size needs: 30 s plus 100 ms per department, venue type and
 * supervision group (1,000 departments → 130 s), instead of Prisma's 5 s default, which a busy machine overran at
 * ~1,000 departments.
 */
export function importTimeoutMs(file: TImportFile): number {
  return 30_000 + 100 * ((file.departments?.length ?? 0) + (file.venueTypes?.length ?? 0) + (file.supervisionGroups?.length ?? 0));
}

/**
 * Writes a validated import file in one transaction: departments are upserted (their liaisons replaced), then
 * supervision groups (their members and counties replaced; see writeSupervisionGroups); a file with `venueTypes`
 * replaces the whole matrix. Lead departments must exist in the file or the
 * database, or nothing is written. Replacing a matrix that had rows keeps, in the matrix history, one entry per venue
 * type the file adds, changes or removes (before and after), so `/redline 矩阵 历史` shows what an import did; the
 * first import into an empty matrix records none. Importing the same file again changes nothing and records nothing.
 */
export async function importDirectory(db: Db, file: TImportFile, fileName: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { departments: 0, venueTypes: 0, matrixEntries: 0, matrixChanges: 0, groups: 0, groupChanges: 0 };
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? importTimeoutMs(file);
  try {
    await importInTransaction(db, file, fileName, options, summary, now, timeoutMs);
  } catch (e) {
    // Prisma's "transaction expired / could not start in time": the whole import was rolled back; say so plainly.
    if ((e as { code?: unknown })?.code === "P2028") {
      const seconds = Math.ceil(timeoutMs / 1000);
      throw new AppError(
        ErrorCode.Conflict,
        {
          zh: `${fileName}：导入未能在 ${seconds} 秒内完成（数据库繁忙），已全部撤销，未导入任何内容。请稍后重试，或把文件拆小。`,
          en: `${fileName}: the import did not finish within ${seconds} s (the database is busy) and was rolled back; nothing was imported. Try again later, or split the file.`,
        },
        { cause: e, details: { timeoutMs } },
      );
    }
    throw e;
  }
  return summary;
}

async function importInTransaction(
  db: Db,
  file: TImportFile,
  fileName: string,
  options: ImportOptions,
  summary: ImportSummary,
  now: Date,
  timeoutMs: number,
): Promise<void> {
  await db.$transaction(
    async (tx) => {
      summary.departments = await writeDepartments(tx, file.departments ?? [], fileName);
      Object.assign(
        summary,
        await writeSupervisionGroups(tx, file.supervisionGroups ?? [], { fileName, actor: options.actor ?? "system", now }),
      );
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
    { maxWait: Math.min(30_000, timeoutMs), timeout: timeoutMs },
  );
}

/**
 * Departments in a few statements whatever their number: one read of those that exist, one insert of the new ones,
 * an update only for each one that changed, and the changed ones' liaisons replaced in one delete and one insert.
 * Re-importing the same file writes nothing. Returns how many departments the file holds.
 */
async function writeDepartments(tx: Prisma.TransactionClient, departments: readonly TDepartment[], fileName: string): Promise<number> {
  if (departments.length === 0) return 0;
  const existing = new Map<string, { fields: string; liaisons: string }>();
  for (let i = 0; i < departments.length; i += BATCH) {
    const rows = await tx.department.findMany({
      where: { id: { in: departments.slice(i, i + BATCH).map((d) => d.id) } },
      include: { liaisons: { orderBy: { slackUserId: "asc" } } },
    });
    for (const r of rows)
      existing.set(r.id, {
        fields: JSON.stringify(departmentFields(r)),
        liaisons: JSON.stringify(r.liaisons.map((l) => [l.slackUserId, l.name])),
      });
  }
  await claimChannels(tx, departments, fileName);
  const created: TDepartment[] = [];
  const changedLiaisons: TDepartment[] = [];
  for (const d of departments) {
    const fields = departmentFields(fromFile(d));
    const was = existing.get(d.id);
    if (!was) {
      created.push(d);
      changedLiaisons.push(d);
      continue;
    }
    if (was.fields !== JSON.stringify(fields)) await tx.department.update({ where: { id: d.id }, data: fields });
    const liaisons = JSON.stringify([...d.liaisons].sort((a, b) => a.slackUserId.localeCompare(b.slackUserId)).map((l) => [l.slackUserId, l.name]));
    if (was.liaisons !== liaisons) changedLiaisons.push(d);
  }
  for (let i = 0; i < created.length; i += BATCH)
    await tx.department.createMany({ data: created.slice(i, i + BATCH).map((d) => ({ id: d.id, ...departmentFields(fromFile(d)) })) });
  for (let i = 0; i < changedLiaisons.length; i += BATCH) {
    const batch = changedLiaisons.slice(i, i + BATCH);
    await tx.liaison.deleteMany({ where: { departmentId: { in: batch.map((d) => d.id) } } });
    const rows = batch.flatMap((d) => d.liaisons.map((l) => ({ departmentId: d.id, slackUserId: l.slackUserId, name: l.name })));
    if (rows.length) await tx.liaison.createMany({ data: rows });
  }
  return departments.length;
}

/**
 * A Slack channel belongs to one department. One the file gives to a department while another department outside
 * the file holds it is refused, naming both; channels moving between departments of the file are first let go, so
 * a swap works.
 */
async function claimChannels(tx: Prisma.TransactionClient, departments: readonly TDepartment[], fileName: string): Promise<void> {
  const wanted = new Map(departments.filter((d) => d.slackChannelId).map((d) => [d.slackChannelId!, d.id]));
  if (wanted.size === 0) return;
  const inFile = new Set(departments.map((d) => d.id));
  const holders = await tx.department.findMany({
    where: { slackChannelId: { in: [...wanted.keys()] } },
    select: { id: true, nameZh: true, slackChannelId: true },
  });
  const moving: string[] = [];
  for (const h of holders) {
    const claimant = wanted.get(h.slackChannelId!)!;
    if (h.id === claimant) continue;
    if (!inFile.has(h.id)) {
      throw new AppError(ErrorCode.FileInvalid, {
        zh: `${fileName}: departments (id "${claimant}").slackChannelId: 频道 ${h.slackChannelId} 已登记给 ${h.nameZh}（${h.id}），未导入任何内容。`,
        en: `${fileName}: departments (id "${claimant}").slackChannelId: channel ${h.slackChannelId} is registered to ${h.id}; nothing was imported.`,
      });
    }
    moving.push(h.id);
  }
  if (moving.length) await tx.department.updateMany({ where: { id: { in: moving } }, data: { slackChannelId: null } });
}

/** Rows per statement: well inside PostgreSQL's 65,535 bind parameters for any table here. */
const BATCH = 500;

type DepartmentFields = Pick<
  Prisma.DepartmentUncheckedCreateInput,
  "nameZh" | "nameEn" | "kind" | "slackChannelId" | "headSlackUserId" | "headName" | "headTitle"
>;

function fromFile(d: TDepartment): DepartmentFields {
  return {
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    kind: d.kind,
    slackChannelId: d.slackChannelId ?? null,
    headSlackUserId: d.head?.slackUserId ?? null,
    headName: d.head?.name ?? null,
    headTitle: d.head?.title ?? null,
  };
}

/** The fields an import sets, in one order, so a row and a file entry compare as JSON. */
function departmentFields(d: DepartmentFields): DepartmentFields {
  return {
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    kind: d.kind,
    slackChannelId: d.slackChannelId ?? null,
    headSlackUserId: d.headSlackUserId ?? null,
    headName: d.headName ?? null,
    headTitle: d.headTitle ?? null,
  };
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
