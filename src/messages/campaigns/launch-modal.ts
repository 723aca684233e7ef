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

/** The date field for one day a template leaves open: `launch_date:<template>:<date key>`. */
export const launchDateField = (templateId: string, key: string) =>
  ({ block: `launch_date:${templateId}:${key}`, action: "launch_date_pick" }) as const;

/** A day the template leaves for the office to give at launch (see `openDates`). */
export interface LaunchOpenDate {
  key: string;
  role: "opens" | "due";
  title: Bilingual;
}

/** One campaign template as the office would launch it now. */
export interface LaunchChoice {
  /** The template id. */
  id: string;
  title: Bilingual;
  origin: "ready-made" | "uploaded" | "file";
  /** The run a launch now makes (`summer-fire-safety-2027`), or the open run it would continue. */
  runId: string;
  /** Tasks with their windows resolved as if launched now; empty when it cannot be launched. */
  tasks: readonly CampaignTask[];
  /** Tasks whose due day the office gives at launch (their `dueAt` above is a stand-in, not shown). */
  askedTasks: readonly string[];
  /** Every day the template leaves open; the form asks for them. */
  openDates: readonly LaunchOpenDate[];
  targets: number;
  /** Why it cannot be launched now (a deadline already past, a department without a channel); null when it can. */
  blocked: Bilingual | null;
  /** A run of it is open: launching again posts only what is missing. */
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

export function describeChoice(choice: LaunchChoice, now: Date, zone: string, lang: Lang): string {
  const zh = lang === "zh";
  const head = `*${escapeMrkdwn(choice.title[lang])}* \`${choice.runId}\``;
  if (choice.blocked) return `${head}\n⚠️ ${zh ? "当前无法发起：" : "Cannot be launched now: "}${escapeMrkdwn(choice.blocked[lang])}`;
  const tasks = choice.tasks.map((t) => {
    const due = choice.askedTasks.includes(t.key)
      ? zh
        ? " 截止日期发起时填写"
        : " due date given at launch"
      : zh
        ? ` 截止${formatDeadline(t.dueAt, zone, lang, now)}`
        : ` due ${formatDeadline(t.dueAt, zone, lang, now)}`;
    return `• ${escapeMrkdwn(t.title[lang])}（${KIND_LABELS[t.kind][lang]}）${due}`;
  });
  const running = choice.running
    ? zh
      ? "\nℹ️ 本轮已发起，再次发起只补发缺失的消息"
      : "\nℹ️ This run is already launched; launching again posts only what is missing"
    : "";
  return `${head} · ${choice.targets} ${zh ? "个单位" : "departments"}${running}\n${tasks.join("\n")}`;
}

function roleLabel(role: "opens" | "due", lang: Lang): string {
  if (lang === "zh") return role === "due" ? "截止日期" : "开始日期";
  return role === "due" ? "due date" : "opening date";
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
  /** The template already chosen (the 发起… button under a shared file's preview). */
  chosen?: string;
}): types.ModalView {
  const lang = input.metadata.lang;
  const zh = lang === "zh";
  const launchable = input.choices.filter((c) => !c.blocked);
  const blocks: Block[] = [
    section(
      zh
        ? "选择一个行动模板。每次发起是新的一轮（编号为模板编号加年份），机器人向每个目标单位的频道发送行动消息和按钮。不带年份的日期（如 05-31）取发起当天或之后最近的一次。"
        : "Choose a campaign template. Each launch is a new run (the template id plus the year); it posts the campaign message with its buttons to every target department's channel. A yearless date (such as 05-31) is its next occurrence on or after the launch day.",
    ),
    divider(),
    ...input.choices.map((c) => section(describeChoice(c, input.now, input.zone, lang))),
    context(
      zh
        ? "自定义行动：用 `/redline 行动 上传` 上传 YAML 行动文件（保存为模板后在此发起），或运行 `npx redline campaign launch <文件>`。"
        : "A campaign of your own: upload its YAML file with `/redline campaign upload` (it is then offered here), or run `npx redline campaign launch <file>`.",
    ),
  ];
  if (launchable.length > 0) {
    const options = launchable.map((c) => ({ text: plain(c.title[lang].slice(0, 75)), value: c.id }));
    const initial = options.find((o) => o.value === input.chosen);
    blocks.push({
      type: "input",
      block_id: LAUNCH_FIELDS.campaign.block,
      label: plain(zh ? "发起哪项行动" : "Campaign to launch"),
      element: {
        type: "static_select",
        action_id: LAUNCH_FIELDS.campaign.action,
        placeholder: plain(zh ? "请选择" : "Choose one"),
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    });
    for (const c of launchable.filter((x) => !x.running)) {
      for (const d of c.openDates) {
        const field = launchDateField(c.id, d.key);
        blocks.push({
          type: "input",
          block_id: field.block,
          optional: true,
          label: plain(`${c.title[lang]} · ${d.title[lang]}：${roleLabel(d.role, lang)}`.slice(0, 150)),
          hint: plain(zh ? "仅在发起这项行动时必填" : "Required only when you launch this campaign"),
          element: { type: "datepicker", action_id: field.action },
        });
      }
    }
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

/**
 * The chosen template, which must be one of the launchable `choices`, with the days it leaves open — each required
 * when that template is the one chosen (unless a run of it is open, which keeps its dates).
 */
export function parseLaunchSubmission(
  rawValues: unknown,
  choices: readonly LaunchChoice[],
): ModalParse<{ campaignId: string; dates: Record<string, string> }> {
  const values = readStateValues(rawValues);
  const chosen = element(values, LAUNCH_FIELDS.campaign)?.selected_option?.value;
  if (!chosen)
    return { ok: false, errors: { [LAUNCH_FIELDS.campaign.block]: { zh: "请选择一项行动。", en: "Please choose a campaign." } } };
  const choice = choices.find((c) => c.id === chosen && !c.blocked);
  if (!choice) {
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
  const dates: Record<string, string> = {};
  const errors: Record<string, Bilingual> = {};
  for (const d of choice.running ? [] : choice.openDates) {
    const field = launchDateField(choice.id, d.key);
    const day = element(values, field)?.selected_date;
    if (day) dates[d.key] = day;
    else
      errors[field.block] = {
        zh: `发起这项行动须填写${roleLabel(d.role, "zh")}。`,
        en: `This campaign needs its ${roleLabel(d.role, "en")}.`,
      };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { campaignId: chosen, dates } };
}
