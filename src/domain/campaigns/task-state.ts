import type { Bilingual } from "../../lib/i18n.ts";
import { overdueWorkingDays } from "../reminders/schedule.ts";
import { formatInstant } from "./format-local.ts";
import type { CampaignTask, CompletionRecord } from "./types.ts";

/** upcoming: not open yet; open: open and not done; overdue: past due and not done. */
export type TaskStateName = "done" | "open" | "overdue" | "upcoming";

export interface StalePledge {
  signedVersion: number | null;
  currentVersion: number;
  /** The earlier signature, kept so the board can say who signed what. */
  completion: CompletionRecord;
  message: Bilingual;
}

export interface TaskState {
  state: TaskStateName;
  /** The completion that counts; null unless done. */
  completion: CompletionRecord | null;
  /** Done, but after the deadline. */
  late: boolean;
  /** Working days past the deadline day (0 on the deadline day itself, and unless overdue). */
  overdueWorkingDays: number;
  /** A pledge signed on an older text: not done, a new signature is needed. */
  stalePledge: StalePledge | null;
}

/**
 * One department's state on one task at `now`. A pledge signed on an older version of the text counts as not
 * signed: the head promised something else. A completion recorded for another task is a caller's mistake.
 */
export function taskState(task: CampaignTask, completion: CompletionRecord | undefined, now: Date, zone: string): TaskState {
  if (completion && completion.taskKey !== task.key) {
    throw new RangeError(`completion for task ${completion.taskKey} passed as one for ${task.key}`);
  }
  let stalePledge: StalePledge | null = null;
  if (completion && task.kind === "pledge" && task.pledge && completion.pledgeVersion !== task.pledge.version) {
    stalePledge = {
      signedVersion: completion.pledgeVersion,
      currentVersion: task.pledge.version,
      completion,
      message: {
        zh: `承诺书已更新（第 ${task.pledge.version} 版），${completion.userName}此前签署的${completion.pledgeVersion === null ? "旧版" : `第 ${completion.pledgeVersion} 版`}不再有效，需要重新签署。`,
        en: `The pledge text changed (now version ${task.pledge.version}); ${completion.userName}'s signature on ${completion.pledgeVersion === null ? "an earlier version" : `version ${completion.pledgeVersion}`} no longer counts, a new signature is needed.`,
      },
    };
  } else if (completion) {
    return { state: "done", completion, late: completion.completedAt > task.dueAt, overdueWorkingDays: 0, stalePledge: null };
  }
  if (now >= task.dueAt) {
    return { state: "overdue", completion: null, late: false, overdueWorkingDays: overdueWorkingDays(task, zone, now), stalePledge };
  }
  return { state: now < task.opensAt ? "upcoming" : "open", completion: null, late: false, overdueWorkingDays: 0, stalePledge };
}

export type OpenCheck = { ok: true } | { ok: false; code: "not_open_yet"; message: Bilingual };

/** A task can be completed from the moment it opens; after the deadline it still can, and is recorded as late. */
export function mayCompleteNow(task: Pick<CampaignTask, "opensAt" | "title">, now: Date, zone: string): OpenCheck {
  if (now >= task.opensAt) return { ok: true };
  return {
    ok: false,
    code: "not_open_yet",
    message: {
      zh: `“${task.title.zh}”尚未开始，${formatInstant(task.opensAt, zone, "zh", now)}起可以提交。`,
      en: `"${task.title.en}" has not opened yet; it can be completed from ${formatInstant(task.opensAt, zone, "en", now)}.`,
    },
  };
}
