import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { storableText } from "../lib/storable-text.ts";

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => storableText(s));
const Optional = (max: number) =>
  Text(max)
    .nullish()
    .transform((s) => s || null);

/** A lead as the office gives it: the department, an optional scope, and its document, clause or both. */
export const ZLeadInput = z
  .object({
    departmentId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    scopeZh: Optional(200),
    scopeEn: Optional(200),
    document: Optional(200),
    clause: Optional(1500),
  })
  .refine((l) => l.document || l.clause, { message: "needs a document or a clause", path: ["clause"] })
  .refine((l) => !l.scopeZh === !l.scopeEn, { message: "a scope needs both languages", path: ["scopeEn"] });
export type TLeadInput = z.infer<typeof ZLeadInput>;

export const ZVenueTypeInput = z.object({
  nameZh: Text(60).pipe(z.string().min(1)),
  nameEn: Text(80).pipe(z.string().min(1)),
  category: Text(60).pipe(z.string().min(1)),
  aliases: z.array(Text(60)).max(50),
  lead: ZLeadInput,
});
export type TVenueTypeInput = z.infer<typeof ZVenueTypeInput>;

const LEAD_KINDS = ["department", "university"] as const;

/** The lead must be a department or university in the directory: never one the form (or a forged payload) invented. */
export async function checkLeadDepartment(tx: Prisma.TransactionClient, departmentId: string): Promise<{ nameZh: string; nameEn: string }> {
  const department = await tx.department.findUnique({ where: { id: departmentId }, select: { nameZh: true, nameEn: true, kind: true } });
  if (!department || !(LEAD_KINDS as readonly string[]).includes(department.kind))
    throw new AppError(
      ErrorCode.InputInvalid,
      {
        zh: `名录中没有“${departmentId}”这个可以牵头的部门或高校，未保存。`,
        en: `"${departmentId}" is not a department or university in the directory that can lead; nothing was saved.`,
      },
      { details: { departmentId } },
    );
  return department;
}

/** The entry's columns for a lead the office set: its source, who and when. */
export function officeEntryFields(lead: TLeadInput, actor: string, now: Date) {
  return {
    departmentId: lead.departmentId,
    scopeZh: lead.scopeZh,
    scopeEn: lead.scopeEn,
    sourceClause: lead.clause ?? "",
    sourceDocument: lead.document,
    changedBy: actor,
    changedAt: now,
  };
}

/** An entry as the history keeps it (before/after). */
export function entryJson(e: {
  departmentId: string;
  scopeZh: string | null;
  scopeEn: string | null;
  sourceClause: string;
  sourceDocument: string | null;
}): Prisma.InputJsonObject {
  return { department: e.departmentId, scopeZh: e.scopeZh, scopeEn: e.scopeEn, clause: e.sourceClause, document: e.sourceDocument };
}

/** A form's data through its schema; what the form could not catch (a forged payload) is refused, changing nothing. */
export function parseEditInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new AppError(
    ErrorCode.InputInvalid,
    { zh: "表单内容不完整或过长，未保存。", en: "The form is incomplete or too long; nothing was saved." },
    { details: { issues: parsed.error.issues } },
  );
}
