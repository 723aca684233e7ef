import type { Bilingual, Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn, noticeBlocks, plain, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { describeChoice, type LaunchChoice } from "./launch-modal.ts";

/** 发起… under the preview of a template shared as a file: opens the launch form with that template chosen. */
export const TEMPLATE_LAUNCH_ACTION = "campaign_template_launch";

/**
 * The thread reply to a campaign file the office shared: saved as a template, what a launch now would give (its run
 * id, every task and deadline, or why it cannot be launched), and a button that opens the launch form on it.
 */
export function buildTemplatePreviewMessage(input: {
  choice: LaunchChoice;
  fileName: string;
  created: boolean;
  revision: number;
  now: Date;
  zone: string;
  lang: Lang;
}): SlackMessage {
  const { choice, lang } = input;
  const zh = lang === "zh";
  const title = escapeMrkdwn(choice.title[lang]);
  const name = escapeMrkdwn(input.fileName);
  const saved = zh
    ? `✅ ${name} 检查通过，已${input.created ? "保存为" : `替换（第 ${input.revision} 版）`}行动模板 *${title}* \`${choice.id}\`。`
    : `✅ ${name} passed the checks and ${input.created ? "is saved as" : `replaced (revision ${input.revision})`} the campaign template *${title}* \`${choice.id}\`.`;
  const blocks: Block[] = [section(saved), section(describeChoice(choice, input.now, input.zone, lang))];
  if (!choice.blocked) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: TEMPLATE_LAUNCH_ACTION,
          text: plain(zh ? "发起…" : "Launch…"),
          value: choice.id,
          style: "primary",
        },
      ],
    });
  }
  blocks.push(
    context(
      zh
        ? `按钮打开发起表单（可填写模板留待发起时给出的日期），也可输入 \`/redline 行动 发起 ${choice.id}\`。`
        : `The button opens the launch form (with any day the template leaves open), or type \`/redline campaign launch ${choice.id}\`.`,
    ),
  );
  return { text: saved, blocks };
}

/** Why a shared file was not taken (not the office's to upload, not YAML, too large, or the file's problems). */
export function buildTemplateRefusalMessage(reason: Bilingual, lang: Lang): SlackMessage {
  return noticeBlocks(`⚠️ ${escapeMrkdwn(reason[lang])}`);
}
