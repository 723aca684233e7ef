import type { Bilingual } from "../../lib/i18n.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from "../../domain/reminders/settings.ts";
import type { ScheduleKind } from "../../domain/reminders/due-now.ts";
import type { TCampaignFile } from "./campaign-file-schema.ts";
import { assertCampaignDepartments, targetDepartments, type DirectoryEntry } from "./check-campaign-departments.ts";
import { parseMoment, resolveMoment, type MomentRole } from "./moment.ts";

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
}

/**
 * A validated campaign file made concrete for one launch: each task's window as instants and the departments it
 * goes to. Pure: the same file, launch moment, zone and directory always give the same campaign. Throws an
 * AppError (file_invalid) naming the file and field when the directory or the launch date makes the file unusable.
 */
export function resolveCampaign<D extends DirectoryEntry>(file: TCampaignFile, options: ResolveOptions<D>): ResolvedCampaign<D> {
  const fileName = options.fileName ?? `${file.id}.yaml`;
  assertCampaignDepartments(file, options.departments, fileName);

  const problems: string[] = [];
  const at = (text: string, role: MomentRole, path: string): Date | null => {
    const spec = parseMoment(text);
    const instant = spec && resolveMoment(spec, role, options.launchAt, options.zone);
    if (!instant) problems.push(`${fileName}: ${path}: "${text}" 在发起年份不存在 / "${text}" does not exist in the launch year`);
    return instant;
  };

  const tasks: ResolvedTask[] = [];
  file.tasks.forEach((task, i) => {
    const opensAt = at(task.opens, "opens", `tasks[${i}].opens`);
    const dueAt = at(task.due, "due", `tasks[${i}].due`);
    if (!opensAt || !dueAt) return;
    const where = `${fileName}: tasks[${i}].due`;
    if (dueAt <= options.launchAt) {
      problems.push(
        `${where}: 任务 "${task.key}" 的截止时间 ${task.due} 在发起之前已过 / task "${task.key}" was due (${task.due}) before the launch`,
      );
    } else if (dueAt <= opensAt) {
      problems.push(`${where}: 任务 "${task.key}" 截止时间早于或等于开始时间 / task "${task.key}" is due before it opens`);
    }
    tasks.push({
      key: task.key,
      kind: task.kind,
      title: copy(task.title),
      opensAt,
      dueAt,
      pledge: task.pledge ? { text: copy(task.pledge.text), version: task.pledge.version } : null,
      schedule: task.kind === "education-session" ? "window" : "deadline",
    });
  });

  if (problems.length > 0) {
    const lines = problems.join("\n");
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
