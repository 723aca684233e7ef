import { recordAudit } from "../audit/record-audit.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { TSupervisionGroup } from "./import-file-schema.ts";

export interface GroupImportSummary {
  /** Groups in the file. */
  groups: number;
  /** Groups the import added or changed (each one audited as `group.import` with its members and counties before and after). */
  groupChanges: number;
}

/** What the audit keeps of a group, in one order, so a row and a file entry compare as JSON. */
function shapeOf(g: { nameZh: string; nameEn: string; members: { slackUserId: string; name: string }[]; counties: string[] }) {
  return {
    nameZh: g.nameZh,
    nameEn: g.nameEn,
    members: [...g.members]
      .sort((a, b) => a.slackUserId.localeCompare(b.slackUserId))
      .map((m) => ({ slackUserId: m.slackUserId, name: m.name })),
    counties: [...g.counties].sort(),
  };
}

/**
 * Writes the file's supervision groups in the import's transaction, after its departments: every county must be a
 * county/district of the directory (the file's or the database's) or nothing is imported. A group is upserted — its
 * names set, its members and counties replaced by the file's — and groups the file does not mention are kept (the
 * office may have made them from Slack). A group the file leaves as it is writes nothing; each one added or changed
 * appends an audit entry with its members and counties before and after.
 */
export async function writeSupervisionGroups(
  tx: Prisma.TransactionClient,
  groups: readonly TSupervisionGroup[],
  how: { fileName: string; actor: string; now: Date },
): Promise<GroupImportSummary> {
  if (groups.length === 0) return { groups: 0, groupChanges: 0 };
  const countyIds = [...new Set(groups.flatMap((g) => g.counties))];
  const units = new Map(
    (await tx.department.findMany({ where: { id: { in: countyIds } }, select: { id: true, kind: true } })).map((d) => [d.id, d.kind]),
  );
  groups.forEach((g, i) =>
    g.counties.forEach((c, j) => {
      const kind = units.get(c);
      if (kind === "county_district") return;
      const where = `supervisionGroups[${i}] (id "${g.id}").counties[${j}]`;
      throw new AppError(
        ErrorCode.FileInvalid,
        kind === undefined
          ? {
              zh: `${how.fileName}: ${where}: 未知单位 "${c}"，未导入任何内容。`,
              en: `${how.fileName}: ${where}: unknown unit "${c}"; nothing was imported.`,
            }
          : {
              zh: `${how.fileName}: ${where}: "${c}" 不是县（市、区），督导组只督导县（市、区），未导入任何内容。`,
              en: `${how.fileName}: ${where}: "${c}" is not a county or district (a group inspects counties and districts); nothing was imported.`,
            },
      );
    }),
  );
  const existing = await tx.supervisionGroup.findMany({
    where: { id: { in: groups.map((g) => g.id) } },
    include: { members: true, counties: true },
  });
  const before = new Map(existing.map((g) => [g.id, shapeOf({ ...g, counties: g.counties.map((c) => c.departmentId) })]));
  let groupChanges = 0;
  for (const g of groups) {
    const is = shapeOf(g);
    const was = before.get(g.id);
    if (was && JSON.stringify(was) === JSON.stringify(is)) continue;
    if (was) {
      await tx.supervisionGroup.update({ where: { id: g.id }, data: { nameZh: g.nameZh, nameEn: g.nameEn } });
      await tx.supervisionGroupMember.deleteMany({ where: { groupId: g.id } });
      await tx.supervisionGroupCounty.deleteMany({ where: { groupId: g.id } });
    } else await tx.supervisionGroup.create({ data: { id: g.id, nameZh: g.nameZh, nameEn: g.nameEn } });
    await tx.supervisionGroupMember.createMany({
      data: g.members.map((m) => ({ groupId: g.id, slackUserId: m.slackUserId, name: m.name })),
    });
    await tx.supervisionGroupCounty.createMany({ data: g.counties.map((c) => ({ groupId: g.id, departmentId: c })) });
    await recordAudit(tx, {
      actor: how.actor,
      action: "group.import",
      outcome: "ok",
      subject: `group:${g.id}`,
      detail: { file: how.fileName, before: was ?? null, after: is },
      at: how.now,
    });
    groupChanges++;
  }
  return { groups: groups.length, groupChanges };
}
