import type { Lang } from "../../lib/i18n.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import { taskState } from "../../domain/campaigns/task-state.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask, CompletionRecord } from "../../domain/campaigns/types.ts";
import { describeState, KIND_LABELS } from "./labels.ts";
import { context, divider, escapeMrkdwn, header, quote, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { taskButton } from "./task-button.ts";

export interface LaunchMessageInput {
  campaign: CampaignInfo;
  tasks: readonly CampaignTask[];
  department: CampaignDepartment;
  /** This department's completions; any other department's are ignored. */
  completions: readonly CompletionRecord[];
  now: Date;
  zone: string;
  lang?: Lang;
}

/** block_id of a task's section in the launch message. */
export const taskBlockId = (taskKey: string) => `task:${taskKey}`;

/**
 * The launch message for one department's channel: what and why (the speech's words), each task with its deadline
 * and button, and who did what when. Rendered again from the database after every click, so `chat.update` shows
 * the current state; a task that is done loses its button.
 */
export function buildLaunchMessage(input: LaunchMessageInput): SlackMessage {
  const { campaign, tasks, department, now, zone } = input;
  const lang = input.lang ?? "zh";
  const mine = input.completions.filter((c) => c.departmentId === department.id);
  const name = escapeMrkdwn(lang === "zh" ? department.nameZh : department.nameEn);

  const blocks: Block[] = [
    header(`📢 ${campaign.title[lang]}`),
    section(`${lang === "zh" ? `*致：${name}*` : `*To: ${name}*`}\n${escapeMrkdwn(campaign.summary[lang])}`),
    section(`${lang === "zh" ? "*依据（讲话原文）*" : "*Why (from the speech)*"}\n${quote(campaign.sourceClause)}`),
    divider(),
  ];

  let done = 0;
  tasks.forEach((task, i) => {
    const state = taskState(
      task,
      mine.find((c) => c.taskKey === task.key),
      now,
      zone,
    );
    if (state.state === "done") done++;
    const button = taskButton({ campaignId: campaign.id, taskKey: task.key, departmentId: department.id }, task, state, lang, now);
    const text = `*${i + 1}. ${escapeMrkdwn(task.title[lang])}*  _${KIND_LABELS[task.kind][lang]}_\n${describeState({ task, ...state }, now, zone, lang)}`;
    blocks.push(section(text, taskBlockId(task.key), button));
  });

  const progress = lang === "zh" ? `本单位已完成 ${done}/${tasks.length} 项` : `${done} of ${tasks.length} done`;
  const updated = lang === "zh" ? `更新于 ${formatInstant(now, zone, lang, now)}` : `updated ${formatInstant(now, zone, lang, now)}`;
  const who =
    lang === "zh"
      ? "仅本单位联络员、主要负责人和本频道成员可以操作；安全承诺须由主要负责人本人签署。"
      : "Only this department's liaisons, principal head and channel members can act here; the safety pledge must be signed by the principal head in person.";
  blocks.push(context(`${progress} · ${updated}\n${who}`));

  return {
    text:
      lang === "zh"
        ? `【${campaign.title.zh}】${department.nameZh}：共 ${tasks.length} 项任务，已完成 ${done} 项`
        : `${campaign.title.en} — ${department.nameEn}: ${done} of ${tasks.length} tasks done`,
    blocks,
  };
}
