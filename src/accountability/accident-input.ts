import { createHash } from "node:crypto";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { z } from "zod";
import { DaySchema } from "../domain/calendar/working-days.ts";
import { CATEGORY_IDS, findCategory, findLevel, LEVEL_IDS } from "../domain/accountability/categories.ts";

const Count = z.coerce.number({ message: "must be a whole number / 应为整数" }).int("must be a whole number / 应为整数").min(0).max(10_000);

/** An accident as the form, the CLI or a file gives it; categories and levels by id or by their Chinese/English name. */
export const ZAccidentInput = z
  .object({
    occurredOn: DaySchema,
    departmentId: z.string().trim().min(1, "must not be empty / 不能为空"),
    countyId: z.string().trim().min(1, "must not be empty / 不能为空"),
    category: z.preprocess((v) => (typeof v === "string" ? (findCategory(v) ?? v) : v), z.enum(CATEGORY_IDS, { message: `must be one of ${CATEGORY_IDS.join(", ")}` })),
    level: z.preprocess((v) => (typeof v === "string" ? (findLevel(v) ?? v) : v), z.enum(LEVEL_IDS, { message: "must be 一般/较大/重大/特别重大 (general/larger/major/especially_major)" })),
    deaths: Count,
    injuries: Count.default(0),
    description: z.string().trim().min(1, "must not be empty / 不能为空").max(2000),
    unitResponsible: z.boolean().default(false),
  })
  .strict();
export type TAccidentInput = z.infer<typeof ZAccidentInput>;

/** Validates an accident from the CLI or a file; every problem named by its field, nothing recorded. */
export function parseAccidentInput(raw: unknown, where: string): TAccidentInput {
  const parsed = ZAccidentInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${where}: ${i.path.join(".") || "(top level)"}: ${i.message}`).join("\n");
  throw new AppError(ErrorCode.InputInvalid, { zh: `事故信息有误，未登记：\n${problems}`, en: `The accident has errors; nothing was recorded:\n${problems}` });
}

/** A key from what was recorded, so running the same CLI line twice records one accident. */
export function contentKey(a: TAccidentInput): string {
  const text = [a.occurredOn, a.departmentId, a.countyId, a.category, a.level, a.deaths, a.injuries, a.description].join("\u0001");
  return `content:${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
}
