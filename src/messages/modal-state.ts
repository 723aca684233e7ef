import { z } from "zod";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Bilingual, Lang } from "../lib/i18n.ts";

/** Reading modal submissions (`view.state.values`) for every redline modal, and answering with field errors. */

/** One element's state in `view.state.values`, as Slack sends it for the element types redline's modals use. */
const ZElementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
  /** file_input: the files the person uploaded (Slack has stored them already). */
  files: z
    .array(z.object({ id: z.string(), name: z.string().nullish(), mimetype: z.string().nullish(), permalink: z.string().nullish() }))
    .nullish(),
});
export type ElementState = z.infer<typeof ZElementState>;

export const ZViewStateValues = z.record(z.string(), z.record(z.string(), ZElementState));
export type ViewStateValues = z.infer<typeof ZViewStateValues>;

export interface FieldRef {
  block: string;
  action: string;
}

/** Field problems keyed by block_id, in both languages. */
export type FieldErrors = Record<string, Bilingual>;

export type ModalParse<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The `ack()` body that shows each problem under its field. */
export function responseErrors(errors: FieldErrors, lang: Lang): { response_action: "errors"; errors: Record<string, string> } {
  return {
    response_action: "errors",
    errors: Object.fromEntries(Object.entries(errors).map(([block, message]) => [block, message[lang]])),
  };
}

/** `view.state.values` validated as a whole; a payload of another shape is not a person's mistake but a bad request. */
export function readStateValues(raw: unknown): ViewStateValues {
  const parsed = ZViewStateValues.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.InputInvalid,
      { zh: "表单内容无法读取，请关闭后重新打开再提交。", en: "The form could not be read. Please close it, open it again and resubmit." },
      { details: { issues: parsed.error.issues } },
    );
  }
  return parsed.data;
}

export function element(values: ViewStateValues, field: FieldRef): ElementState | undefined {
  return values[field.block]?.[field.action];
}

/** Trimmed text, or null when left empty; `singleLine` folds line breaks and runs of spaces (titles, names). */
export function readText(values: ViewStateValues, field: FieldRef, options: { singleLine?: boolean } = {}): string | null {
  const raw = element(values, field)?.value;
  const text = (options.singleLine ? raw?.replace(/\s+/g, " ") : raw)?.trim();
  return text ? text : null;
}

export const REQUIRED: Bilingual = { zh: "此项为必填项。", en: "This field is required." };

/** A whole number in [min, max] from a number input (Slack sends its value as a string). */
export function readWholeNumber(
  values: ViewStateValues,
  field: FieldRef,
  min: number,
  max: number,
): { value: number } | { error: Bilingual } {
  const raw = element(values, field)?.value?.trim();
  if (!raw) return { error: REQUIRED };
  if (!/^[-+]?\d+(\.\d+)?$/.test(raw)) return { error: { zh: "请填写数字。", en: "Please enter a number." } };
  const n = Number(raw);
  if (n < 0) return { error: { zh: "不能为负数。", en: "Cannot be negative." } };
  if (!Number.isInteger(n)) return { error: { zh: "请填写整数。", en: "Please enter a whole number." } };
  if (n < min) return { error: { zh: `不能少于 ${min}。`, en: `Must be at least ${min}.` } };
  if (n > max) return { error: { zh: `不能超过 ${max}。`, en: `Cannot be more than ${max}.` } };
  return { value: n };
}
