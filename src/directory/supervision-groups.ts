import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { IMPORT_LIMITS } from "./import-file-schema.ts";

export interface GroupView {
  id: string;
  nameZh: string;
  nameEn: string;
  members: { slackUserId: string; name: string }[];
  counties: { id: string; nameZh: string; nameEn: string }[];
}

/** The groups with their members and counties (names from the directory), by id; only `ids` when given. */
export async function listSupervisionGroups(db: Db, ids?: readonly string[]): Promise<GroupView[]> {
  const groups = await db.supervisionGroup.findMany({
    where: ids ? { id: { in: [...ids] } } : {},
    orderBy: { id: "asc" },
    include: { members: { orderBy: { name: "asc" } }, counties: { orderBy: { departmentId: "asc" } } },
  });
  const countyIds = [...new Set(groups.flatMap((g) => g.counties.map((c) => c.departmentId)))];
  const names = new Map(
    (await db.department.findMany({ where: { id: { in: countyIds } }, select: { id: true, nameZh: true, nameEn: true } })).map((d) => [
      d.id,
      d,
    ]),
  );
  return groups.map((g) => ({
    id: g.id,
    nameZh: g.nameZh,
    nameEn: g.nameEn,
    members: g.members.map((m) => ({ slackUserId: m.slackUserId, name: m.name })),
    counties: g.counties.map((c) => names.get(c.departmentId) ?? { id: c.departmentId, nameZh: c.departmentId, nameEn: c.departmentId }),
  }));
}

/** The ids of the groups `slackUserId` is a member of. */
export async function groupsOfMember(db: Db, slackUserId: string): Promise<string[]> {
  return (await db.supervisionGroupMember.findMany({ where: { slackUserId }, select: { groupId: true }, orderBy: { groupId: "asc" } })).map(
    (m) => m.groupId,
  );
}

/** A group by its id, or by its Chinese or English name as typed; a clear refusal when there is none. */
export async function findSupervisionGroup(db: Db, text: string): Promise<{ id: string; nameZh: string; nameEn: string }> {
  const q = text.trim().toLowerCase();
  const all = await db.supervisionGroup.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: { id: "asc" } });
  const found = all.find((g) => g.id === q || g.nameZh.toLowerCase() === q || g.nameEn.toLowerCase() === q);
  if (found) return found;
  throw new AppError(
    ErrorCode.NotFound,
    {
      zh: `没有督导组“${text}”。/redline 督导组 列表 可查看全部督导组。`,
      en: `There is no supervision group "${text}". /redline group list shows them all.`,
    },
    { details: { group: text } },
  );
}

const GroupId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export interface GroupChange {
  actor: string;
  now: Date;
}

/** What one change did: false when it was already so (nothing written, nothing audited). */
export interface ChangeResult {
  changed: boolean;
  group: { id: string; nameZh: string; nameEn: string };
}

function audit(tx: Prisma.TransactionClient, how: GroupChange, action: string, groupId: string, detail: Record<string, unknown>) {
  return recordAudit(tx, { actor: how.actor, action: `group.${action}`, outcome: "ok", subject: `group:${groupId}`, detail, at: how.now });
}

/** A new, empty group (members and counties are added after). The id is the directory file's: lowercase, stable. */
export async function createSupervisionGroup(
  db: Db,
  input: { id: string; nameZh: string; nameEn: string | null },
  how: GroupChange,
): Promise<ChangeResult> {
  const id = input.id.trim().toLowerCase();
  if (!GroupId.safeParse(id).success)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `督导组编号“${input.id}”须由小写字母、数字和连字符组成，例如 group-2。`,
      en: `The group id "${input.id}" must be lowercase letters, digits and dashes, e.g. group-2.`,
    });
  const nameZh = input.nameZh.trim();
  const nameEn = (input.nameEn ?? "").trim() || nameZh;
  if (!nameZh || nameZh.length > IMPORT_LIMITS.nameZh || nameEn.length > IMPORT_LIMITS.nameEn)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `督导组名称不能为空，中文名不超过 ${IMPORT_LIMITS.nameZh} 个字符，英文名不超过 ${IMPORT_LIMITS.nameEn} 个字符。`,
      en: `A group needs a name: at most ${IMPORT_LIMITS.nameZh} characters in Chinese and ${IMPORT_LIMITS.nameEn} in English.`,
    });
  try {
    const group = await db.$transaction(async (tx) => {
      const g = await tx.supervisionGroup.create({ data: { id, nameZh, nameEn }, select: { id: true, nameZh: true, nameEn: true } });
      await audit(tx, how, "create", id, { nameZh, nameEn });
      return g;
    });
    return { changed: true, group };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
      throw new AppError(
        ErrorCode.Conflict,
        { zh: `督导组 ${id} 已存在，未作改动。`, en: `Supervision group ${id} already exists; nothing changed.` },
        { cause: e, details: { group: id } },
      );
    throw e;
  }
}

/** Adds members (a Slack user already in the group is left as is). */
export async function addGroupMembers(
  db: Db,
  groupText: string,
  people: readonly { slackUserId: string; name: string }[],
  how: GroupChange,
): Promise<ChangeResult & { added: string[] }> {
  const group = await findSupervisionGroup(db, groupText);
  return db.$transaction(async (tx) => {
    const existing = await tx.supervisionGroupMember.count({ where: { groupId: group.id } });
    const fresh = people.filter((p, i) => people.findIndex((q) => q.slackUserId === p.slackUserId) === i);
    const result = await tx.supervisionGroupMember.createManyAndReturn({
      data: fresh.map((p) => ({ groupId: group.id, slackUserId: p.slackUserId, name: p.name.slice(0, IMPORT_LIMITS.personName) })),
      skipDuplicates: true,
      select: { slackUserId: true },
    });
    if (existing + result.length > IMPORT_LIMITS.membersPerGroup)
      throw new AppError(ErrorCode.InputInvalid, {
        zh: `一个督导组最多 ${IMPORT_LIMITS.membersPerGroup} 名成员，未作改动。`,
        en: `A group has at most ${IMPORT_LIMITS.membersPerGroup} members; nothing changed.`,
      });
    const added = result.map((r) => r.slackUserId);
    if (added.length) await audit(tx, how, "add_member", group.id, { members: added });
    return { changed: added.length > 0, group, added };
  });
}

/** Adds a county/district the group inspects; any other kind of unit is refused. */
export async function addGroupCounty(db: Db, groupText: string, county: { id: string }, how: GroupChange): Promise<ChangeResult> {
  const group = await findSupervisionGroup(db, groupText);
  const unit = await db.department.findUnique({ where: { id: county.id }, select: { id: true, kind: true, nameZh: true, nameEn: true } });
  if (!unit || unit.kind !== "county_district")
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `${unit?.nameZh ?? county.id} 不是县（市、区）；督导组只督导县（市、区），未作改动。`,
      en: `${unit?.nameEn ?? county.id} is not a county or district; a group inspects counties and districts. Nothing changed.`,
    });
  return db.$transaction(async (tx) => {
    const { count } = await tx.supervisionGroupCounty.createMany({
      data: [{ groupId: group.id, departmentId: unit.id }],
      skipDuplicates: true,
    });
    if (count) await audit(tx, how, "add_county", group.id, { county: unit.id });
    return { changed: count > 0, group };
  });
}

/** Takes a member or a county off the group. Hazards the group already found keep it as their finder. */
export async function removeFromGroup(
  db: Db,
  groupText: string,
  what: { member: string } | { county: string },
  how: GroupChange,
): Promise<ChangeResult> {
  const group = await findSupervisionGroup(db, groupText);
  return db.$transaction(async (tx) => {
    const { count } =
      "member" in what
        ? await tx.supervisionGroupMember.deleteMany({ where: { groupId: group.id, slackUserId: what.member } })
        : await tx.supervisionGroupCounty.deleteMany({ where: { groupId: group.id, departmentId: what.county } });
    if (count) await audit(tx, how, "member" in what ? "remove_member" : "remove_county", group.id, what);
    return { changed: count > 0, group };
  });
}

/** Deletes a group that has found nothing; one with findings stays, since its hazards name it as their finder. */
export async function deleteSupervisionGroup(db: Db, groupText: string, how: GroupChange): Promise<ChangeResult> {
  const group = await findSupervisionGroup(db, groupText);
  return db.$transaction(async (tx) => {
    const findings = await tx.hazard.count({ where: { source: "supervision_group", sourceRef: group.id } });
    if (findings)
      throw new AppError(
        ErrorCode.Conflict,
        {
          zh: `督导组 ${group.id} 已登记 ${findings} 条隐患，台账仍以其为发现单位，不能删除；可移除其成员和县（市、区）。`,
          en: `Supervision group ${group.id} has ${findings} hazards in the ledger that name it as their finder, so it cannot be deleted; remove its members and counties instead.`,
        },
        { details: { group: group.id } },
      );
    const { count } = await tx.supervisionGroup.deleteMany({ where: { id: group.id } });
    if (count) await audit(tx, how, "delete", group.id, { nameZh: group.nameZh, nameEn: group.nameEn });
    return { changed: count > 0, group };
  });
}

/** The groups `slackUserId` is a member of, each with the counties it inspects (what the registration form offers). */
export async function groupsForFinder(db: Db, slackUserId: string): Promise<GroupView[]> {
  const ids = await groupsOfMember(db, slackUserId);
  return ids.length ? (await listSupervisionGroups(db, ids)).filter((g) => g.counties.length > 0) : [];
}

/**
 * Whether `slackUserId` may register a finding as `groupId` in `countyId`: only a member of the group, and only for a
 * county the group inspects. Checked on the server whatever the form offered (it may be old, or forged).
 */
export async function checkGroupFinding(
  db: Db,
  slackUserId: string,
  groupId: string,
  countyId: string,
): Promise<{ ok: true } | { ok: false; refusal: "not_group_member" | "county_not_inspected"; message: { zh: string; en: string } }> {
  const group = await db.supervisionGroup.findUnique({
    where: { id: groupId },
    include: { members: { where: { slackUserId } }, counties: { where: { departmentId: countyId } } },
  });
  if (!group || group.members.length === 0)
    return {
      ok: false,
      refusal: "not_group_member",
      message: {
        zh: `您不是${group?.nameZh ?? "该督导组"}的成员，不能以督导组名义登记隐患。`,
        en: `You are not a member of ${group?.nameEn ?? "that supervision group"}, so you cannot register a finding as the group.`,
      },
    };
  if (group.counties.length === 0) {
    const county = await db.department.findUnique({ where: { id: countyId }, select: { nameZh: true, nameEn: true } });
    return {
      ok: false,
      refusal: "county_not_inspected",
      message: {
        zh: `${group.nameZh}不督导${county?.nameZh ?? countyId}，不能为其登记隐患。`,
        en: `${group.nameEn} does not inspect ${county?.nameEn ?? countyId}, so it cannot register a finding there.`,
      },
    };
  }
  return { ok: true };
}
