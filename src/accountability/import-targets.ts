import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { CITY } from "../domain/accountability/target-usage.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { TControlTargetsFile } from "./targets-file-schema.ts";

/**
 * Replaces one year's control targets with the file's, in one transaction: every county must be a county/district
 * of the directory and no category/county pair may repeat, or nothing changes.
 */
export async function importTargets(db: Db, file: TControlTargetsFile, opts: { fileName: string; actor: string; now: Date }): Promise<{ year: number; targets: number }> {
  const counties = new Set((await db.department.findMany({ where: { kind: "county_district" }, select: { id: true } })).map((d) => d.id));
  const seen = new Map<string, number>();
  file.targets.forEach((t, i) => {
    const where = `targets[${i}]`;
    if (t.county !== undefined && !counties.has(t.county))
      throw new AppError(ErrorCode.FileInvalid, {
        zh: `${opts.fileName}: ${where}.county: 名录中没有县（市）、区 "${t.county}"，未导入任何内容。`,
        en: `${opts.fileName}: ${where}.county: no county or district "${t.county}" in the directory; nothing was imported.`,
      });
    const key = `${t.category}/${t.county ?? CITY}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw new AppError(ErrorCode.FileInvalid, {
        zh: `${opts.fileName}: ${where}: 与 targets[${first}] 重复（${t.category}，${t.county ?? "全市"}），未导入任何内容。`,
        en: `${opts.fileName}: ${where}: repeats targets[${first}] (${t.category}, ${t.county ?? "city-wide"}); nothing was imported.`,
      });
    seen.set(key, i);
  });
  await db.$transaction(async (tx) => {
    const header = { warnPercent: file.thresholds.warnPercent, alarmPercent: file.thresholds.alarmPercent, fileName: opts.fileName, importedBy: opts.actor, importedAt: opts.now };
    await tx.controlTargetYear.upsert({ where: { year: file.year }, create: { year: file.year, ...header }, update: header });
    await tx.controlTarget.deleteMany({ where: { year: file.year } });
    await tx.controlTarget.createMany({
      data: file.targets.map((t) => ({ year: file.year, category: t.category, countyId: t.county ?? CITY, maxAccidents: t.maxAccidents ?? null, maxDeaths: t.maxDeaths ?? null })),
    });
    await recordAudit(tx, { actor: opts.actor, action: "targets.import", outcome: "ok", subject: `targets:${file.year}`, detail: { file: opts.fileName, targets: file.targets.length }, at: opts.now });
  });
  return { year: file.year, targets: file.targets.length };
}
