import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import { CATEGORY_IDS, findCategory } from "../domain/accountability/categories.ts";

const Ceiling = z.number({ message: "must be a whole number / 应为整数" }).int("must be a whole number / 应为整数").min(0, "must not be negative / 不能为负数");

export const ZControlTarget = z
  .object({
    category: z.preprocess((v) => (typeof v === "string" ? (findCategory(v) ?? v) : v), z.enum(CATEGORY_IDS, { message: `must be one of ${CATEGORY_IDS.join(", ")}` })),
    /** A county/district id; omitted for the city as a whole. */
    county: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a county/district id such as weihui").optional(),
    maxAccidents: Ceiling.optional(),
    maxDeaths: Ceiling.optional(),
  })
  .strict()
  .refine((t) => t.maxAccidents !== undefined || t.maxDeaths !== undefined, "needs maxAccidents or maxDeaths / 至少填写 maxAccidents 或 maxDeaths");

/** `redline import targets-2026.yaml`: a year's 控制指标 and the percentages the digest flags at. */
export const ZControlTargetsFile = z
  .object({
    version: z.literal(1),
    year: z.number().int().min(2000).max(2100),
    thresholds: z
      .object({ warnPercent: z.number().int().min(1).max(1000), alarmPercent: z.number().int().min(1).max(1000) })
      .strict()
      .refine((t) => t.warnPercent < t.alarmPercent, "warnPercent must be below alarmPercent / 预警比例应低于告警比例")
      .default({ warnPercent: 50, alarmPercent: 80 }),
    targets: z.array(ZControlTarget).min(1, "must list at least one target / 至少一条指标"),
  })
  .strict();
export type TControlTargetsFile = z.infer<typeof ZControlTargetsFile>;

/** A YAML document is a targets file when it has `targets:` at the top (directory files have `departments:`). */
export function isTargetsDocument(data: unknown): boolean {
  return !!data && typeof data === "object" && !Array.isArray(data) && "targets" in data;
}

/** Peeks at a file: does it hold control targets? Unreadable or invalid YAML says no, and the directory import reports it. */
export async function isTargetsFile(file: string): Promise<boolean> {
  try {
    return isTargetsDocument(parse(await readFile(file, "utf8")));
  } catch {
    return false;
  }
}
