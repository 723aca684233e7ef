import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { formatHazardNumber } from "../domain/hazards/hazard-number.ts";
import { routeHazard, type HazardRoute } from "../domain/hazards/route-hazard.ts";
import { Prisma, type Hazard } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Matrix } from "../domain/matrix/types.ts";
import { loadMatrix } from "../matrix/load-matrix.ts";
import { RegisterHazardInputSchema, type RegisterHazardInput } from "./hazard-input.ts";

export interface RegisteredHazard {
  hazard: Hazard;
  route: Extract<HazardRoute, { outcome: "routed" }>;
  /** False when the same submission had already registered it (a retry): nothing new was written. */
  created: boolean;
}

function invalid(zh: string, en: string, details?: Record<string, unknown>): AppError {
  return new AppError(ErrorCode.InputInvalid, { zh, en }, { details });
}

/** Reads the input with zod and turns its first problem into a bilingual sentence. */
export function parseRegisterInput(input: RegisterHazardInput) {
  const parsed = RegisterHazardInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const [zh, en] = issue.message.includes(" / ")
    ? issue.message.split(" / ")
    : [`「${field}」填写有误：${issue.message}`, `${field}: ${issue.message}`];
  throw invalid(zh!, en!, { field });
}

/**
 * Registers a hazard: validates, routes it by the matrix, allocates the year's next number (one atomic upsert on the
 * year's counter, inside the transaction, so concurrent registrations never share a number and a failed one leaves no
 * gap), writes the hazard, its first history entry, its evidence files and the audit entry in one transaction.
 * A repeat of the same clientKey returns the hazard already registered.
 */
export async function registerHazard(
  db: Db,
  input: RegisterHazardInput,
  now: Date,
  options: { matrix?: () => Promise<Matrix> } = {},
): Promise<RegisteredHazard> {
  const h = parseRegisterInput(input);
  const unit = await db.department.findUnique({ where: { id: h.unitId } });
  if (!unit || unit.kind === "office")
    throw invalid(`找不到隐患单位「${h.unitId}」。`, `No unit "${h.unitId}" in the directory.`, { field: "unitId" });
  // The bot passes the matrix it holds (read again whenever its version row moved), so no registration routes by an
  // outdated one and none reads the whole matrix; the command line reads it.
  const matrix = await (options.matrix?.() ?? loadMatrix(db));
  const venue = h.venueTypeId === null ? null : (matrix.venueTypes.find((v) => v.id === h.venueTypeId) ?? null);
  if (h.venueTypeId !== null && venue === null)
    throw invalid(`责任矩阵中没有场所类型「${h.venueTypeId}」。`, `The matrix has no venue type "${h.venueTypeId}".`, {
      field: "venueTypeId",
    });
  const route = routeHazard({ id: unit.id, kind: unit.kind }, venue, `${h.placeName} ${h.placeAddress ?? ""} ${h.description}`);
  if (route.outcome === "ambiguous") {
    const scopes = route.leads.map((l) => ({
      zh: `${l.departmentNameZh}（${l.scopeZh ?? ""}）`,
      en: `${l.departmentNameEn} (${l.scopeEn ?? ""})`,
    }));
    throw invalid(
      `「${venue!.nameZh}」的牵头部门取决于场所性质：${scopes.map((s) => s.zh).join("、")}。请在地点名称中写明（如“中学”“高校”“公共”）。`,
      `Who leads for "${venue!.nameEn}" depends on the kind of place: ${scopes.map((s) => s.en).join("; ")}. Say which in the place name (e.g. "school", "university", "public").`,
      { field: "placeName" },
    );
  }
  if (h.clientKey) {
    const existing = await db.hazard.findUnique({ where: { clientKey: h.clientKey } });
    if (existing) return { hazard: existing, route, created: false };
  }
  try {
    const hazard = await db.$transaction((tx) => insertHazard(tx, { h, unit, venue, route }, now));
    return { hazard, route, created: true };
  } catch (e) {
    // The same submission raced itself: the other one registered it.
    if (h.clientKey && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const existing = await db.hazard.findUnique({ where: { clientKey: h.clientKey } });
      if (existing) return { hazard: existing, route, created: false };
    }
    throw e;
  }
}

export type ParsedHazardInput = ReturnType<typeof parseRegisterInput>;

/** What a registration writes, in the caller's transaction (the form's, or the Excel import's one for all rows). */
export async function insertHazard(
  tx: Prisma.TransactionClient,
  prepared: {
    h: ParsedHazardInput;
    unit: { id: string };
    venue: { id: string; category: string } | null;
    route: Extract<HazardRoute, { outcome: "routed" }>;
  },
  now: Date,
): Promise<Hazard> {
  const { h, unit, venue, route } = prepared;
  const year = Number(h.foundDay.slice(0, 4));
  const [counter] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "HazardCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "HazardCounter"."last" + 1
    RETURNING "last"`;
  const seq = Number(counter!.last);
  const number = formatHazardNumber(year, seq);
  const created = await tx.hazard.create({
    data: {
      number,
      year,
      seq,
      unitId: unit.id,
      placeName: h.placeName,
      placeAddress: h.placeAddress,
      venueTypeId: venue?.id ?? null,
      leadDepartmentId: route.lead?.departmentId ?? null,
      routing: route.routing,
      description: h.description,
      level: h.level,
      category: h.category ?? venue?.category ?? null,
      source: h.source,
      sourceRef: h.sourceRef,
      foundBySlackUserId: h.foundBySlackUserId,
      foundDay: h.foundDay,
      deadlineDay: h.deadlineDay,
      responsibleSlackUserId: h.responsibleSlackUserId,
      responsibleName: h.responsibleName,
      measures: h.measures,
      responsibility: h.responsibility,
      funding: h.funding,
      contingencyPlan: h.contingencyPlan,
      clientKey: h.clientKey,
      createdAt: now,
    },
  });
  const event = await tx.hazardEvent.create({
    data: {
      hazardId: created.id,
      at: now,
      actorSlackUserId: h.foundBySlackUserId,
      action: "register",
      toState: "registered",
      detail: { routing: route.routing, leadDepartmentId: route.lead?.departmentId ?? null, territorialId: route.territorialId },
    },
  });
  if (h.files.length)
    await tx.hazardFile.createMany({
      data: h.files.map((f) => ({
        hazardId: created.id,
        eventId: event.id,
        kind: "before" as const,
        slackFileId: f.slackFileId,
        name: f.name ?? null,
        mimetype: f.mimetype ?? null,
        permalink: f.permalink ?? null,
        createdAt: now,
      })),
      skipDuplicates: true,
    });
  await recordAudit(tx, {
    actor: h.foundBySlackUserId,
    action: "hazard.register",
    outcome: "ok",
    subject: `hazard:${number}`,
    departmentId: unit.id,
    detail: { level: h.level, routing: route.routing, lead: route.lead?.departmentId ?? null, files: h.files.length },
    at: now,
  });
  return created;
}
