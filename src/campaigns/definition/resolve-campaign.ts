import type { Bilingual } from "../../lib/i18n.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from "../../domain/reminders/settings.ts";
import type { ScheduleKind } from "../../domain/reminders/due-now.ts";
import type { TCampaignFile } from "./campaign-file-schema.ts";
import { assertCampaignDepartments, targetDepartments, type DirectoryEntry } from "./check-campaign-departments.ts";
import { ASK, parseMoment, resolveMoment, type MomentRole, type MomentSpec } from "./moment.ts";

export interface ResolvedTask extends CampaignTask {
  /** The education session is a reporting window (daily nudges, closing summary); everything else has a deadline. */
  schedule: ScheduleKind;
}

export interface ResolvedCampaign<D extends DirectoryEntry> extends CampaignInfo {
  reminders: ReminderSettings;
  tasks: ResolvedTask[];
  /** Directory entries the campaign goes to, in directory order. */
  targets: D[];
}

export interface ResolveOptions<D extends DirectoryEntry> {
  launchAt: Date;
  /** The office's IANA timezone: whole days and `launch+7d` are counted on its calendar. */
  zone: string;
  departments: readonly D[];
  /** Named in errors; defaults to `<id>.yaml`. */
  fileName?: string;
  /**
   * Days the office gives at launch (YYYY-MM-DD), by `dateKey`: `<task>` for its due day, `<task>.opens` for its
   * opening day. Required for every moment the template leaves `ask`; allowed for any other, which it replaces.
   */
  dates?: Readonly<Record<string, string>>;
}

/** A day the template leaves for the office to give at launch. */
export interface OpenDate {
  /** `<task>` (its due day) or `<task>.opens`. */
  key: string;
  taskKey: string;
  role: MomentRole;
  title: Bilingual;
}

export const dateKey = (taskKey: string, role: MomentRole) => (role === "due" ? taskKey : `${taskKey}.opens`);

/** Every moment the template writes as `ask`, in task order. */
export function openDates(file: TCampaignFile): OpenDate[] {
  return file.tasks.flatMap((task) =>
    (["opens", "due"] as const)
      .filter((role) => task[role] === ASK)
      .map((role) => ({ key: dateKey(task.key, role), taskKey: task.key, role, title: copy(task.title) })),
  );
}

/** `task=YYYY-MM-DD` words (the CLI's `--date` values, the slash command's arguments); the resolver checks keys and days. */
export function parseDateAssignments(words: readonly string[]): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const word of words) {
    const m = /^([a-z0-9][a-z0-9.-]*)=(.+)$/i.exec(word.replace(/^--date=?/, ""));
    if (!m) {
      throw new AppError(ErrorCode.InputInvalid, {
        zh: `“${word}”应写作 任务=YYYY-MM-DD，例如 rectification-report=2027-05-31。`,
        en: `“${word}” should read task=YYYY-MM-DD, e.g. rectification-report=2027-05-31.`,
      });
    }
    dates[m[1]!.toLowerCase()] = m[2]!;
  }
  return dates;
}

const GIVEN_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A validated campaign file made concrete for one launch: each task's window as instants and the departments it
 * goes to. Pure: the same file, launch moment, zone and directory always give the same campaign. Throws an
 * AppError (file_invalid) naming the file and field when the directory or the launch date makes the file unusable.
 */
export function resolveCampaign<D extends DirectoryEntry>(file: TCampaignFile, options: ResolveOptions<D>): ResolvedCampaign<D> {
  const fileName = options.fileName ?? `${file.id}.yaml`;
  assertCampaignDepartments(file, options.departments, fileName);

  const problems: string[] = [];
  /** Deadlines already past: the template is fine, its dates are not (a day with a year, or one the office gave). */
  const passed: string[] = [];
  const dates = options.dates ?? {};
  const known = new Set(file.tasks.flatMap((t) => [dateKey(t.key, "due"), dateKey(t.key, "opens")]));
  for (const [key, value] of Object.entries(dates)) {
    if (!known.has(key)) {
      problems.push(
        `--date ${key}: 没有这项任务（可用：${[...known].join("、")}）/ no such task (use one of: ${[...known].join(", ")})`,
      );
    } else if (!GIVEN_DAY.test(value) || parseMoment(value) === null) {
      problems.push(`--date ${key}=${value}: 日期应为 YYYY-MM-DD / the date must be YYYY-MM-DD`);
    }
  }
  const at = (text: string, role: MomentRole, taskKey: string, path: string, dueAt?: Date): Date | null => {
    const given = dates[dateKey(taskKey, role)];
    const spec: MomentSpec | null = given !== undefined ? parseMoment(given) : parseMoment(text);
    if (given !== undefined && spec === null) return null; // reported above
    if (spec?.kind === "ask") {
      problems.push(
        `${fileName}: ${path}: 此日期须在发起时填写（--date ${dateKey(taskKey, role)}=YYYY-MM-DD）/ this date is given at launch (--date ${dateKey(taskKey, role)}=YYYY-MM-DD)`,
      );
      return null;
    }
    const instant = spec && resolveMoment(spec, role, options.launchAt, options.zone, dueAt);
    if (!instant) problems.push(`${fileName}: ${path}: "${given ?? text}" 在发起年份不存在 / "${given ?? text}" does not exist in the launch year`);
    return instant;
  };

  const tasks: ResolvedTask[] = [];
  file.tasks.forEach((task, i) => {
    const dueAt = at(task.due, "due", task.key, `tasks[${i}].due`);
    const opensAt = at(task.opens, "opens", task.key, `tasks[${i}].opens`, dueAt ?? undefined);
    if (!opensAt || !dueAt) return;
    const where = `${fileName}: tasks[${i}].due`;
    if (dueAt <= options.launchAt) {
      const due = dates[task.key] ?? task.due;
      passed.push(
        `${where}: “${task.title.zh}”的截止时间 ${due} 已过（--date ${task.key}=YYYY-MM-DD 可另给日期）/ “${task.title.en}” was due ${due}, before the launch (--date ${task.key}=YYYY-MM-DD gives another day)`,
      );
    } else if (dueAt <= opensAt) {
      problems.push(`${where}: 任务 "${task.key}" 截止时间早于或等于开始时间 / task "${task.key}" is due before it opens`);
    }
    tasks.push({
      key: task.key,
      kind: task.kind,
      title: copy(task.title),
      short: task.short ? copy(task.short) : null,
      opensAt,
      dueAt,
      pledge: task.pledge ? { text: copy(task.pledge.text), version: task.pledge.version } : null,
      schedule: task.kind === "education-session" ? "window" : "deadline",
    });
  });

  if (problems.length === 0 && passed.length > 0) {
    const lines = passed.join("\n");
    throw new AppError(
      ErrorCode.OutsideWindow,
      {
        zh: `截止日期已过，未发起：\n${lines}\n请在发起时给出新的日期，或在行动文件中改用不带年份的日期（如 05-31，每年可用）。`,
        en: `Deadlines already past; nothing was launched:\n${lines}\nGive new dates at launch, or write yearless dates in the file (such as 05-31, usable every year).`,
      },
      { details: { problems: passed } },
    );
  }
  if (problems.length > 0) {
    const lines = [...problems, ...passed].join("\n");
    throw new AppError(
      ErrorCode.FileInvalid,
      { zh: `行动文件有误，未发起：\n${lines}`, en: `The campaign file has errors; nothing was launched:\n${lines}` },
      { details: { problems } },
    );
  }

  return {
    id: file.id,
    title: copy(file.title),
    summary: copy(file.summary),
    sourceClause: file.sourceClause,
    reminders: file.reminders ?? DEFAULT_REMINDER_SETTINGS,
    tasks,
    targets: targetDepartments(file, options.departments),
  };
}

const copy = (b: Bilingual): Bilingual => ({ zh: b.zh, en: b.en });
