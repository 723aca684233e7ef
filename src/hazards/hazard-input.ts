import { z } from "zod";
import { DaySchema } from "../domain/calendar/working-days.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const HazardFileInputSchema = z.object({
  slackFileId: z.string().min(1).max(64),
  name: z.string().max(255).nullish(),
  mimetype: z.string().max(128).nullish(),
  permalink: z.string().max(1000).nullish(),
});
export type HazardFileInput = z.infer<typeof HazardFileInputSchema>;

/** What registering a hazard needs; the Slack form, the shortcut and the Excel import all produce this. */
export const RegisterHazardInputSchema = z
  .object({
    unitId: text(64),
    placeName: text(200),
    placeAddress: optionalText(300),
    /** A venue type from the matrix; null when the place is not one the matrix names. */
    venueTypeId: optionalText(64),
    description: text(3000),
    level: z.enum(["general", "major"]),
    category: optionalText(100),
    source: z.enum(["self_inspection", "campaign", "supervision_group", "imported"]).default("self_inspection"),
    sourceRef: optionalText(200),
    foundBySlackUserId: text(64),
    foundDay: DaySchema,
    deadlineDay: DaySchema,
    responsibleSlackUserId: optionalText(64),
    responsibleName: optionalText(100),
    measures: optionalText(3000),
    responsibility: optionalText(1000),
    funding: optionalText(500),
    contingencyPlan: optionalText(3000),
    files: z.array(HazardFileInputSchema).max(20).default([]),
    /** A repeat of the same submission (Slack view id, import row) registers nothing new. */
    clientKey: optionalText(200),
  })
  .refine((h) => h.deadlineDay >= h.foundDay, {
    message: "整改期限不能早于发现日期 / the deadline cannot be before the day it was found",
    path: ["deadlineDay"],
  })
  .refine((h) => h.responsibleSlackUserId !== null || h.responsibleName !== null, {
    message: "须指定整改责任人 / a responsible person is required",
    path: ["responsibleSlackUserId"],
  });
export type RegisterHazardInput = z.input<typeof RegisterHazardInputSchema>;
