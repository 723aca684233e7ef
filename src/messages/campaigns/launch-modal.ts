import type { types } from "@slack/bolt";
import { z } from "zod";
import { formatDeadline } from "../../domain/campaigns/format-local.ts";
import type { CampaignTask } from "../../domain/campaigns/types.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual, Lang } from "../../lib/i18n.ts";
import { KIND_LABELS } from "./labels.ts";
import { plain } from "./modal-header.ts";
import { element, readStateValues, type ModalParse } from "../modal-state.ts";
import { context, divider, escapeMrkdwn, section, type Block } from "../mrkdwn.ts";

export const LAUNCH_MODAL_CALLBACK = "campaign_launch_submit";
export const LAUNCH_FIELDS = { campaign: { block: "launch_campaign", action: "launch_campaign_select" } } as const;

/** One ready-made campaign as the office would launch it now. */
export interface LaunchChoice {
  id: string;
  title: Bilingual;
  /** Tasks with their windows resolved as if launched now; empty when it cannot be launched. */
  tasks: readonly CampaignTask[];
  targets: number;
  /** Why it cannot be launched now (a deadline already past, a department without a channel); null when it can. */
  blocked: Bilingual | null;
  /** Launched before and still running: launching again posts only what is missing. */
  running: boolean;
}

const ZLaunchMetadata = z.strictObject({ lang: z.enum(["zh", "en"]), channelId: z.string().max(40).nullable() });
export type LaunchMetadata = z.infer<typeof ZLaunchMetadata>;

export function encodeLaunchMetadata(meta: LaunchMetadata): string {
  return JSON.stringify(meta);
}

export function parseLaunchMetadata(raw: unknown): LaunchMetadata {
  let json: unknown;
  try {
    json = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ZLaunchMetadata.safeParse(json);
  if (!parsed.success) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "表单无法读取，请重新输入 /redline 行动 发起。",
      en: "The form could not be read; please run /redline campaign launch again.",
    });
  }
  return parsed.data;
}

function describeChoice(choice: LaunchChoice, now: Date, zone: string, lang: Lang): string {
  const zh = lang === "zh";
  const head = `*${escapeMrkdwn(choice.title[lang])}* \`${choice.id}\``;
  if (choice.blocked) return `${head}\n⚠️ ${zh ? "当前无法发起：" : "Cannot be launched now: "}${escapeMrkdwn(choice.blocked[lang])}`;
  const tasks = choice.tasks.map(
    (t) =>
      `• ${escapeMrkdwn(t.title[lang])}（${KIND_LABELS[t.kind][lang]}）${zh ? ` 截止${formatDeadline(t.dueAt, zone, lang, now)}` : ` due ${formatDeadline(t.dueAt, zone, lang, now)}`}`,
  );
  const running = choice.running
    ? zh
      ? "\nℹ️ 已发起，再次发起只补发缺失的消息"
      : "\nℹ️ Already launched; launching again posts only what is missing"
    : "";
  return `${head} · ${choice.targets} ${zh ? "个单位" : "departments"}${running}\n${tasks.join("\n")}`;
}

/**
 * The office chooses one of the campaigns shipped for the speech; each is shown with its tasks and deadlines as they
 * would be if launched now, and one that cannot be launched says why and is not offered.
 */
export function buildLaunchModal(input: {
  choices: readonly LaunchChoice[];
  metadata: LaunchMetadata;
  now: Date;
  zone: string;
}): types.ModalView {
  const lang = input.metadata.lang;
  const zh = lang === "zh";
  const launchable = input.choices.filter((c) => !c.blocked);
  const blocks: Block[] = [
    section(
      zh
        ? "选择一项依据讲话准备的专项行动。发起后，机器人向每个目标单位的频道发送行动消息和按钮。"
        : "Choose one of the campaigns prepared from the speech. Launching posts the campaign message with its buttons to every target department's channel.",
    ),
    divider(),
    ...input.choices.map((c) => section(describeChoice(c, input.now, input.zone, lang))),
    context(
      zh
        ? "自定义行动：编写 YAML 文件后运行 `npx redline campaign launch <文件>`。"
        : "A campaign of your own: write a YAML file and run `npx redline campaign launch <file>`.",
    ),
  ];
  if (launchable.length > 0) {
    blocks.push({
      type: "input",
      block_id: LAUNCH_FIELDS.campaign.block,
      label: plain(zh ? "发起哪项行动" : "Campaign to launch"),
      element: {
        type: "static_select",
        action_id: LAUNCH_FIELDS.campaign.action,
        placeholder: plain(zh ? "请选择" : "Choose one"),
        options: launchable.map((c) => ({ text: plain(c.title[lang].slice(0, 75)), value: c.id })),
      },
    });
  }
  return {
    type: "modal",
    callback_id: LAUNCH_MODAL_CALLBACK,
    private_metadata: encodeLaunchMetadata(input.metadata),
    title: plain(zh ? "发起专项行动" : "Launch a campaign"),
    ...(launchable.length > 0 ? { submit: plain(zh ? "发起" : "Launch") } : {}),
    close: plain(zh ? "取消" : "Cancel"),
    blocks,
  };
}

/** The chosen campaign id, which must be one of `allowed`. */
export function parseLaunchSubmission(rawValues: unknown, allowed: readonly string[]): ModalParse<{ campaignId: string }> {
  const values = readStateValues(rawValues);
  const chosen = element(values, LAUNCH_FIELDS.campaign)?.selected_option?.value;
  if (!chosen)
    return { ok: false, errors: { [LAUNCH_FIELDS.campaign.block]: { zh: "请选择一项行动。", en: "Please choose a campaign." } } };
  if (!allowed.includes(chosen)) {
    return {
      ok: false,
      errors: {
        [LAUNCH_FIELDS.campaign.block]: {
          zh: "这项行动无法发起，请重新选择。",
          en: "That campaign cannot be launched; please choose again.",
        },
      },
    };
  }
  return { ok: true, data: { campaignId: chosen } };
}
