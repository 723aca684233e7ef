import { z } from "zod";
import { ReminderSettingsSchema } from "../../domain/reminders/settings.ts";
import { DEPARTMENT_GROUPS, type DepartmentGroup } from "../../domain/directory/department-groups.ts";
import { TASK_KINDS } from "../../domain/campaigns/types.ts";
import { dueAfterOpens, MOMENT_FORMS_MESSAGE, parseMoment } from "./moment.ts";
import { joinFoldedCjk } from "../../domain/campaigns/fold-cjk.ts";

const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "只能用小写字母、数字和连字符（如 summer-fire-safety）/ must be lowercase letters, digits and dashes (e.g. summer-fire-safety)",
  );

/** Limits keep every text within what one Block Kit block can show (header 150 characters, section 3000). */
const text = (max: number) =>
  z.string().trim().min(1, "不能为空 / must not be empty").max(max, `不能超过 ${max} 个字符 / must be at most ${max} characters`);

/** The Chinese side drops the spaces YAML folding puts between Chinese characters ("一周内， 组织" → "一周内，组织"). */
const bilingual = (max: number) => z.strictObject({ zh: text(max).transform(joinFoldedCjk), en: text(max) });

const Moment = z
  .string()
  .trim()
  .refine((s) => parseMoment(s) !== null, { message: MOMENT_FORMS_MESSAGE });

export const TARGET_GROUPS = DEPARTMENT_GROUPS;
export type TargetGroup = DepartmentGroup;

export const ZCampaignTargets = z
  .strictObject({
    /** all-departments: kind department; all-counties: county_district; all-universities: university; all: all three. */
    groups: z.array(z.enum(TARGET_GROUPS)).default([]),
    departments: z.array(Slug).default([]),
    /** Taken out of whatever the groups and ids give, e.g. `all` except the unit that runs the campaign. */
    except: z.array(Slug).default([]),
  })
  .refine((t) => t.groups.length > 0 || t.departments.length > 0, {
    message: "至少需要一个目标单位或分组（groups 或 departments）/ needs at least one group or department",
  });
export type TCampaignTargets = z.output<typeof ZCampaignTargets>;

export const ZPledge = z.strictObject({
  text: bilingual(2500),
  version: z.number().int().min(1, "承诺书版本号从 1 开始 / version starts at 1"),
});

/**
 * A short title's longest: what two lines of a digest picture column hold (seven Chinese characters a line, or about
 * twelve Latin letters of ordinary words). Longer ones would be cut there, so the file is refused instead.
 */
export const SHORT_TITLE_MAX = { zh: 14, en: 24 } as const;

const shortText = z.string().trim().min(1, "不能为空 / must not be empty");

export const ZTaskDefinition = z.strictObject({
  key: Slug,
  kind: z.enum(TASK_KINDS),
  title: bilingual(120),
  /** The task's column label on the digest picture; without it the picture makes one (src/digest/short-names.ts). */
  short: z.strictObject({ zh: shortText.transform(joinFoldedCjk), en: shortText }).optional(),
  opens: Moment.default("launch"),
  due: Moment,
  pledge: ZPledge.optional(),
});
export type TTaskDefinition = z.output<typeof ZTaskDefinition>;

/**
 * A campaign file. Moments stay the strings the office wrote (validated, resolved at launch by `resolveCampaign`),
 * so the parsed file can be stored as the campaign's definition and parsed again unchanged.
 */
export const ZCampaignFile = z
  .strictObject({
    version: z.literal(1).default(1),
    id: Slug,
    title: bilingual(100),
    summary: bilingual(1000),
    /** Quoted word for word from the speech; shown as the "why" of every launch message. */
    sourceClause: text(1500),
    targets: ZCampaignTargets,
    reminders: ReminderSettingsSchema.optional(),
    tasks: z
      .array(ZTaskDefinition)
      .min(1, "至少需要一项任务 / needs at least one task")
      .max(10, "一项行动最多 10 项任务 / at most 10 tasks per campaign"),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.tasks.forEach((task, i) => {
      const first = seen.get(task.key);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["tasks", i, "key"],
          message: `任务 key "${task.key}" 与 tasks[${first}] 重复 / task key "${task.key}" repeats tasks[${first}]`,
        });
      } else seen.set(task.key, i);

      for (const lang of ["zh", "en"] as const) {
        const short = task.short?.[lang];
        const max = SHORT_TITLE_MAX[lang];
        if (short !== undefined && [...short].length > max) {
          ctx.addIssue({
            code: "custom",
            path: ["tasks", i, "short", lang],
            message: `任务 "${task.key}" 的短标题“${short}”超过 ${max} 个字符（周报图中的列名）/ task "${task.key}": short title "${short}" is longer than ${max} characters (it names the task's column in the digest picture)`,
          });
        }
      }

      if (task.kind === "pledge" && !task.pledge) {
        ctx.addIssue({
          code: "custom",
          path: ["tasks", i, "pledge"],
          message: `承诺任务 "${task.key}" 需要承诺书 pledge: { text: { zh, en }, version } / pledge task "${task.key}" needs pledge: { text: { zh, en }, version }`,
        });
      }
      if (task.kind !== "pledge" && task.pledge) {
        ctx.addIssue({
          code: "custom",
          path: ["tasks", i, "pledge"],
          message: `只有 kind: pledge 的任务才能有承诺书（"${task.key}" 是 ${task.kind}）/ only pledge tasks take a pledge text ("${task.key}" is ${task.kind})`,
        });
      }

      const opens = parseMoment(task.opens);
      const due = parseMoment(task.due);
      if (opens && due && dueAfterOpens(opens, due) === false) {
        ctx.addIssue({
          code: "custom",
          path: ["tasks", i, "due"],
          message: `任务 "${task.key}" 的截止时间 ${task.due} 早于或等于开始时间 ${task.opens} / task "${task.key}" is due (${task.due}) before it opens (${task.opens})`,
        });
      }
    });
  });

export type TCampaignFile = z.output<typeof ZCampaignFile>;
export type TCampaignFileInput = z.input<typeof ZCampaignFile>;
