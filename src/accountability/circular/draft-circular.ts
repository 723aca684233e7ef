import { recordAudit } from "../../audit/record-audit.ts";
import type { Db } from "../../db/client.ts";
import { draftCircular, type CircularContent } from "../../domain/accountability/circular.ts";
import type { Period } from "../../domain/accountability/period.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import type { Circular } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../../lib/errors.ts";
import { scorePeriod } from "../score-period.ts";
import { loadTargetUsage } from "../target-usage.ts";

/** Misses in person within the period at which a head is named for 约谈 (the absence record's default). */
const SUMMONS_AFTER_MISSES = 2;

/** The 通报 content for a period, from the period's scorecards, the year's control targets and the absences. */
export async function circularContent(db: Db, period: Period, now: Date, zone: string): Promise<{ content: CircularContent; rulesVersion: number | null }> {
  const scored = await scorePeriod(db, period, now, zone);
  const asOfDay = localDay(new Date(scored.asOf.getTime() - 1), zone);
  const usage = await loadTargetUsage(db, asOfDay);
  const heads = new Map(
    (await db.department.findMany({ select: { id: true, headName: true, headTitle: true } })).map((d) => [d.id, d.headName ? `${d.headName}${d.headTitle ? `（${d.headTitle}）` : ""}` : null]),
  );
  const flaggedHeads = scored.units.flatMap((u) => {
    const misses = u.record.facts.filter((f) => f.kind === "meeting_by_deputy" || f.kind === "meeting_absent").length;
    const head = heads.get(u.card.unitId);
    return misses >= SUMMONS_AFTER_MISSES && head ? [{ unitId: u.card.unitId, head, misses }] : [];
  });
  const content = draftCircular({
    period,
    asOfDay,
    rules: { name: scored.rules.rules.name, version: scored.rules.version, grades: scored.rules.rules.grades },
    units: scored.units,
    usage: usage.rows,
    flaggedHeads,
  });
  return { content, rulesVersion: scored.rules.version };
}

/**
 * Stores a draft 通报 under the request that asked for it; the same request again (a retry) finds the same draft.
 * The caller checks the person is the office's.
 */
export async function draftCircularFor(
  db: Db,
  period: Period,
  opts: { now: Date; zone: string; actor: string; sourceKey: string },
): Promise<{ circular: Circular; created: boolean }> {
  const found = await db.circular.findUnique({ where: { sourceKey: opts.sourceKey } });
  if (found) return { circular: found, created: false };
  const { content, rulesVersion } = await circularContent(db, period, opts.now, opts.zone);
  try {
    const circular = await db.$transaction(async (tx) => {
      const row = await tx.circular.create({
        data: { sourceKey: opts.sourceKey, period: period.label, rulesVersion, content: content as object, draftedBy: opts.actor, draftedAt: opts.now },
      });
      await recordAudit(tx, { actor: opts.actor, action: "circular.draft", outcome: "ok", subject: `circular:${row.id}`, detail: { period: period.label }, at: opts.now });
      return row;
    });
    return { circular, created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return { circular: await db.circular.findUniqueOrThrow({ where: { sourceKey: opts.sourceKey } }), created: false };
  }
}

export function contentOf(c: Circular): CircularContent {
  return c.content as unknown as CircularContent;
}
