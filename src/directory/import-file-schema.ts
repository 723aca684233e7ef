import { z } from "zod";

/**
 * How long names may be. A department's or venue type's name fits a Slack menu option (75 characters) with room for
 * a note such as （未登记频道）; people's names and titles fit a button or a context line. README → Directory.
 */
export const IMPORT_LIMITS = {
  nameZh: 60,
  nameEn: 75,
  personName: 50,
  title: 50,
  category: 40,
  alias: 60,
  aliasesPerVenueType: 100,
  liaisonsPerDepartment: 50,
  scope: 200,
  source: 2000,
  membersPerGroup: 50,
  countiesPerGroup: 50,
} as const;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and dashes (e.g. civil-affairs)");
const Text = z.string().trim().min(1, "must not be empty");
const Limited = (max: number) => Text.max(max, `is longer than ${max} characters / 超过 ${max} 个字符`);
const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id such as U012ABCDEF");
const SlackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, "must be a Slack channel id such as C012ABCDEF");
const BilingualText = z.object({ zh: Limited(IMPORT_LIMITS.scope), en: Limited(IMPORT_LIMITS.scope) }).strict();

/** Reports each value listed twice in `list` at `[i, field]`, naming the first place it appeared. */
function refuseRepeats<T>(ctx: z.RefinementCtx, list: readonly T[], key: (t: T) => string, where: string, field: string | null, whatZh: string) {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else
      ctx.addIssue({
        code: "custom",
        path: field === null ? [where, i] : [where, i, field],
        message: `${k} is listed twice (also ${where}[${first}]) / ${whatZh}重复（同 ${where}[${first}]）`,
      });
  });
}

export const ZDepartment = z
  .object({
    id: Id,
    nameZh: Limited(IMPORT_LIMITS.nameZh),
    nameEn: Limited(IMPORT_LIMITS.nameEn),
    kind: z.enum(["department", "county_district", "university", "office"]),
    slackChannelId: SlackChannelId.optional(),
    head: z
      .object({ slackUserId: SlackUserId, name: Limited(IMPORT_LIMITS.personName), title: Limited(IMPORT_LIMITS.title).optional() })
      .strict()
      .optional(),
    liaisons: z
      .array(z.object({ slackUserId: SlackUserId, name: Limited(IMPORT_LIMITS.personName) }).strict())
      .max(IMPORT_LIMITS.liaisonsPerDepartment, `has more than ${IMPORT_LIMITS.liaisonsPerDepartment} liaisons / 联络员超过 ${IMPORT_LIMITS.liaisonsPerDepartment} 人`)
      .default([]),
  })
  .strict()
  .superRefine((d, ctx) => refuseRepeats(ctx, d.liaisons, (l) => l.slackUserId, "liaisons", "slackUserId", "联络员"));
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZMatrixLead = z
  .object({
    department: Id,
    scope: BilingualText.optional(),
    qualifiers: z.array(Text).default([]),
    /** The clause quoted; may be empty only when the office gave a document instead. */
    source: z.string().trim().max(IMPORT_LIMITS.source, `is longer than ${IMPORT_LIMITS.source} characters / 超过 ${IMPORT_LIMITS.source} 个字符`).default(""),
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
    nameZh: Limited(IMPORT_LIMITS.nameZh),
    nameEn: Limited(IMPORT_LIMITS.nameEn),
    category: Limited(IMPORT_LIMITS.category),
    aliases: z
      .array(Limited(IMPORT_LIMITS.alias))
      .max(IMPORT_LIMITS.aliasesPerVenueType, `has more than ${IMPORT_LIMITS.aliasesPerVenueType} aliases / 别名超过 ${IMPORT_LIMITS.aliasesPerVenueType} 个`)
      .default([]),
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

/**
 * A supervision group (督导组): its members (Slack user ids and names) and the counties/districts it inspects, by
 * department id. Whether each county exists and is a county/district is checked against the directory at import.
 */
export const ZSupervisionGroup = z
  .object({
    id: Id,
    nameZh: Limited(IMPORT_LIMITS.nameZh),
    nameEn: Limited(IMPORT_LIMITS.nameEn),
    members: z
      .array(z.object({ slackUserId: SlackUserId, name: Limited(IMPORT_LIMITS.personName) }).strict())
      .min(1, "needs at least one member / 至少一名成员")
      .max(IMPORT_LIMITS.membersPerGroup, `has more than ${IMPORT_LIMITS.membersPerGroup} members / 成员超过 ${IMPORT_LIMITS.membersPerGroup} 人`),
    counties: z
      .array(Id)
      .min(1, "needs at least one county or district it inspects / 至少一个督导的县（市、区）")
      .max(IMPORT_LIMITS.countiesPerGroup, `has more than ${IMPORT_LIMITS.countiesPerGroup} counties / 县（市、区）超过 ${IMPORT_LIMITS.countiesPerGroup} 个`),
  })
  .strict()
  .superRefine((g, ctx) => {
    refuseRepeats(ctx, g.members, (m) => m.slackUserId, "members", "slackUserId", "成员");
    refuseRepeats(ctx, g.counties, (c) => c, "counties", null, "县（市、区）");
  });
export type TSupervisionGroup = z.infer<typeof ZSupervisionGroup>;

/** One import file: a directory, a matrix, supervision groups, or any of them together. Extra top-level keys hold YAML anchors only. */
export const ZImportFile = z
  .object({
    version: z.literal(1),
    departments: z.array(ZDepartment).optional(),
    venueTypes: z.array(ZVenueType).optional(),
    supervisionGroups: z.array(ZSupervisionGroup).optional(),
    clauses: z.unknown().optional(),
    scopes: z.unknown().optional(),
  })
  .strict()
  .refine((f) => f.departments || f.venueTypes || f.supervisionGroups, {
    message: "needs `departments`, `venueTypes` or `supervisionGroups`",
  })
  .superRefine((f, ctx) => {
    // One entry per id (and per Slack channel): a second one would silently overwrite the first.
    const once = <T>(list: readonly T[] | undefined, key: (t: T) => string | undefined, where: string, field: string, what: string) => {
      const seen = new Map<string, number>();
      list?.forEach((item, i) => {
        const k = key(item);
        if (k === undefined) return;
        const first = seen.get(k);
        if (first === undefined) seen.set(k, i);
        else
          ctx.addIssue({
            code: "custom",
            path: [where, i, field],
            message: `duplicate ${what} "${k}", also ${where}[${first}] / 与 ${where}[${first}] 重复`,
          });
      });
    };
    once(f.departments, (d) => d.id, "departments", "id", "id");
    once(f.departments, (d) => d.slackChannelId, "departments", "slackChannelId", "Slack channel");
    once(f.venueTypes, (v) => v.id, "venueTypes", "id", "id");
    once(f.supervisionGroups, (g) => g.id, "supervisionGroups", "id", "id");
  });
export type TImportFile = z.infer<typeof ZImportFile>;
