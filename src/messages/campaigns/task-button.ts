import type { types } from "@slack/bolt";
import type { Lang } from "../../lib/i18n.ts";
import type { TaskState } from "../../domain/campaigns/task-state.ts";
import type { CampaignTask } from "../../domain/campaigns/types.ts";
import { ACTION_FOR_KIND, CAMPAIGN_ACTIONS } from "./ids.ts";
import { BUTTON_LABELS, CORRECT_LABEL, SIGN_AGAIN_LABEL } from "./labels.ts";
import { encodeCampaignButtonValue, type CampaignTaskRef } from "./task-ref.ts";

/**
 * The button a department presses for a task, or null when there is nothing to press: the task is done (a pledge
 * on an older text is not done and gets "sign again"), or it has not opened yet. Given `now`, a report done before
 * its deadline gets "correct the report" until then.
 */
export function taskButton(
  ref: CampaignTaskRef,
  task: CampaignTask,
  state: Pick<TaskState, "state" | "stalePledge">,
  lang: Lang,
  now?: Date,
): types.Button | null {
  if (state.state === "done" && task.kind === "report" && now && now < task.dueAt) {
    return {
      type: "button",
      action_id: CAMPAIGN_ACTIONS.correct,
      text: { type: "plain_text", text: CORRECT_LABEL[lang], emoji: true },
      value: encodeCampaignButtonValue(ref),
    };
  }
  if (state.state === "done" || state.state === "upcoming") return null;
  const label = state.stalePledge ? SIGN_AGAIN_LABEL : BUTTON_LABELS[task.kind];
  return {
    type: "button",
    action_id: ACTION_FOR_KIND[task.kind],
    text: { type: "plain_text", text: label[lang], emoji: true },
    value: encodeCampaignButtonValue(ref),
    ...(state.state === "overdue" ? { style: "danger" as const } : { style: "primary" as const }),
  };
}
