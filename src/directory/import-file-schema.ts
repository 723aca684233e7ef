import { z } from "zod";

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and dashes (e.g. civil-affairs)");
const Text = z.string().trim().min(1, "must not be empty");
const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id such as U012ABCDEF");
const SlackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, "must be a Slack channel id such as C012ABCDEF");
const BilingualText = z.object({ zh: Text, en: Text }).strict();

export const ZDepartment = z
  .object({
    id: Id,
    nameZh: Text,
    nameEn: Text,
    kind: z.enum(["department", "county_district", "university", "office"]),
    slackChannelId: SlackChannelId.optional(),
    head: z.object({ slackUserId: SlackUserId, name: Text, title: Text.optional() }).strict().optional(),
    liaisons: z.array(z.object({ slackUserId: SlackUserId, name: Text }).strict()).default([]),
  })
  .strict();
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZMatrixLead = z
  .object({
    department: Id,
    scope: BilingualText.optional(),
    qualifiers: z.array(Text).default([]),
    /** The clause quoted; may be empty only when the office gave a document instead. */
    source: z.string().trim().default(""),
    /** A lead the safety office set from Slack: its document, who (Slack user id) and when. */
    document: Text.optional(),
    changedBy: SlackUserId.optional(),
    changedAt: z.coerce.date().optional(),
  })
  .strict()
  .refine((l) => l.source || l.document, { message: "needs `source` (the clause quoted) or `document`", path: ["source"] })
  .refine((l) => !l.changedBy === !l.changedAt, { message: "`changedBy` and `changedAt` go together", path: ["changedAt"] });

export const ZVenueType = z
  .object({
    id: Id,
    nameZh: Text,
    nameEn: Text,
    category: Text,
    aliases: z.array(Text).default([]),
    leads: z.array(ZMatrixLead).default([]),
    unassigned: z.object({ source: Text, note: BilingualText }).strict().optional(),
  })
  .strict()
  .refine((v) => v.leads.length > 0 || v.unassigned, {
    message: "needs at least one lead, or `unassigned` quoting where the source names it without a lead",
    path: ["leads"],
  })
  .refine((v) => v.leads.length <= 1 || v.leads.every((l) => l.scope), {
    message: "a place with several leads needs a scope on each lead, so an answer can say which is which",
    path: ["leads"],
  });
export type TVenueType = z.infer<typeof ZVenueType>;

/** One import file: a directory, a matrix, or both. Extra top-level keys hold YAML anchors only. */
export const ZImportFile = z
  .object({
    version: z.literal(1),
    departments: z.array(ZDepartment).optional(),
    venueTypes: z.array(ZVenueType).optional(),
    clauses: z.unknown().optional(),
    scopes: z.unknown().optional(),
  })
  .strict()
  .refine((f) => f.departments || f.venueTypes, { message: "needs `departments`, `venueTypes`, or both" });
export type TImportFile = z.infer<typeof ZImportFile>;
