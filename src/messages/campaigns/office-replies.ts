import type { Lang } from "../../lib/i18n.ts";
import { formatDeadline, formatInstant } from "../../domain/campaigns/format-local.ts";
import type { CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { KIND_LABELS } from "./labels.ts";
import {
  context,
  escapeMrkdwn,
  header,
  MAX_MESSAGE_BLOCKS,
  packLines,
  progressBar,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";

/** A launch message once its campaign is closed: the same record, no buttons, and a line saying so. */
export function closedLaunchMessage(message: SlackMessage, closedAt: Date, zone: string, lang: Lang): SlackMessage {
  const blocks = message.blocks.map((b) => {
    if (b.type !== "section" || !("accessory" in b) || !b.accessory) return b;
    const { accessory: _dropped, ...rest } = b;
    return rest as Block;
  });
  const when = formatInstant(closedAt, zone, lang, closedAt);
  blocks.push(
    context(lang === "zh" ? `🔒 本行动已于${when}结束，不再接受提交。` : `🔒 This campaign was closed on ${when}; no more submissions.`),
  );
  return { text: message.text, blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS) };
}

export interface LaunchReportDepartment {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface LaunchReportInput {
  campaign: Pick<CampaignInfo, "id" | "title">;
  tasks: readonly CampaignTask[];
  /** False when the campaign had been launched before and this run only completed it. */
  created: boolean;
  departments: readonly LaunchReportDepartment[];
  posted: readonly string[];
  alreadyPosted: readonly string[];
  pending: readonly string[];
  failed: readonly { departmentId: string; reason: { zh: string; en: string } }[];
  pledgeUpdates: readonly { taskKey: string; from: number; to: number }[];
  now: Date;
  zone: string;
  lang?: Lang;
}

/** What the office member who launched sees: where it went, what is due when, and what is still missing and why. */
export function buildLaunchReportMessage(input: LaunchReportInput): SlackMessage {
  const { campaign, tasks, now, zone } = input;
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const names = new Map(input.departments.map((d) => [d.id, escapeMrkdwn(zh ? d.nameZh : d.nameEn)]));
  const name = (id: string) => names.get(id) ?? id;
  const total = input.departments.length;
  const reached = input.posted.length + input.alreadyPosted.length;
  const title = escapeMrkdwn(campaign.title[lang]);

  const headline = input.created
    ? zh
      ? `✅ 已发起“${title}”：已发送到 ${reached}/${total} 个单位频道。`
      : `✅ Launched “${title}”: posted to ${reached} of ${total} department channels.`
    : zh
      ? `ℹ️ “${title}”此前已发起：本次补发 ${input.posted.length} 个单位，此前已发 ${input.alreadyPosted.length} 个，共 ${reached}/${total}。任务和截止时间保持首次发起时的设置。`
      : `ℹ️ “${title}” had been launched before: ${input.posted.length} posted now, ${input.alreadyPosted.length} already had it, ${reached} of ${total} in all. Tasks and deadlines stay as first launched.`;

  const blocks: Block[] = [
    header(zh ? `📢 ${campaign.title.zh}` : `📢 ${campaign.title.en}`),
    section(`${headline}\n${progressBar(reached, total)}`),
  ];

  const taskLines = tasks.map((t, i) => {
    const due = formatDeadline(t.dueAt, zone, lang, now);
    return `${i + 1}. ${escapeMrkdwn(t.title[lang])}（${KIND_LABELS[t.kind][lang]}）${zh ? ` · 截止${due}` : ` · due ${due}`}`;
  });
  blocks.push(section(`${zh ? "*任务*" : "*Tasks*"}\n${taskLines.join("\n")}`));

  for (const u of input.pledgeUpdates) {
    blocks.push(
      section(
        zh
          ? `✍️ 承诺书“${escapeMrkdwn(u.taskKey)}”已更新为第 ${u.to} 版（原第 ${u.from} 版）：此前的签署不再有效，各单位主要负责人须重新签署。`
          : `✍️ Pledge “${escapeMrkdwn(u.taskKey)}” is now version ${u.to} (was ${u.from}): earlier signatures no longer count; every principal head must sign again.`,
      ),
    );
  }

  const problems: string[] = [
    ...input.failed.map((f) => `• ${name(f.departmentId)} — ${escapeMrkdwn(f.reason[lang])}`),
    ...input.pending.map(
      (id) => `• ${name(id)} — ${zh ? "另一实例正在发送，稍后查看" : "being posted by another instance; check again shortly"}`,
    ),
  ];
  if (problems.length > 0) {
    const heading = zh
      ? `*⚠️ 尚未送达（${problems.length}）* — 调度每分钟自动重试；也可再次发起，只补发缺失的消息。`
      : `*⚠️ Not delivered yet (${problems.length})* — the scheduler retries every minute; launching again posts only what is missing.`;
    const packed = packLines(problems, MAX_MESSAGE_BLOCKS - blocks.length - 1, heading);
    blocks.push(...packed.blocks);
  }
  blocks.push(
    context(
      zh
        ? `进展：/redline 进展 ${campaign.id} · 结束：/redline 行动 结束 ${campaign.id}`
        : `Progress: /redline status ${campaign.id} · close: /redline campaign close ${campaign.id}`,
    ),
  );

  const text = zh
    ? `${headline}${problems.length ? `（${problems.length} 个单位未送达）` : ""}`
    : `${headline}${problems.length ? ` (${problems.length} not delivered)` : ""}`;
  return { text, blocks };
}

export interface CampaignListItem {
  id: string;
  title: { zh: string; en: string };
  status: "launching" | "launched" | "closed";
  launchedAt: Date;
  closedAt: Date | null;
  departments: number;
  /** Cells done of department × task cells. */
  done: number;
  cells: number;
  overdue: number;
}

const STATUS_LABELS = {
  launching: { zh: "发送中", en: "posting" },
  launched: { zh: "进行中", en: "running" },
  closed: { zh: "已结束", en: "closed" },
} as const;

/** Every campaign, running first: id, status, progress, overdue — for `/redline campaign list`. */
export function buildCampaignListMessage(
  items: readonly CampaignListItem[],
  options: { now: Date; zone: string; lang?: Lang },
): SlackMessage {
  const lang = options.lang ?? "zh";
  const zh = lang === "zh";
  const blocks: Block[] = [header(zh ? "📋 专项行动" : "📋 Campaigns")];
  if (items.length === 0) {
    blocks.push(
      section(
        zh ? "还没有发起过专项行动。用 `/redline 行动 发起` 发起。" : "No campaign has been launched yet. Use `/redline campaign launch`.",
      ),
    );
    return { text: zh ? "还没有专项行动" : "No campaigns yet", blocks };
  }
  const lines = items.map((c) => {
    const when = c.closedAt
      ? zh
        ? `${formatInstant(c.launchedAt, options.zone, lang, options.now)} 发起，${formatInstant(c.closedAt, options.zone, lang, options.now)} 结束`
        : `launched ${formatInstant(c.launchedAt, options.zone, lang, options.now)}, closed ${formatInstant(c.closedAt, options.zone, lang, options.now)}`
      : zh
        ? `${formatInstant(c.launchedAt, options.zone, lang, options.now)} 发起`
        : `launched ${formatInstant(c.launchedAt, options.zone, lang, options.now)}`;
    const overdue = c.overdue > 0 && c.status !== "closed" ? (zh ? ` · 🔴 逾期 ${c.overdue}` : ` · 🔴 ${c.overdue} overdue`) : "";
    return `*${escapeMrkdwn(c.title[lang])}* \`${c.id}\` · ${STATUS_LABELS[c.status][lang]} · ${c.departments} ${zh ? "个单位" : "departments"}\n${progressBar(c.done, c.cells)}${overdue} · ${when}`;
  });
  const packed = packLines(lines, MAX_MESSAGE_BLOCKS - 2);
  blocks.push(...packed.blocks);
  blocks.push(
    context(
      packed.omitted > 0
        ? zh
          ? `…另有 ${packed.omitted} 项未显示。`
          : `…and ${packed.omitted} more not shown.`
        : zh
          ? "详情：/redline 进展 <行动编号>"
          : "Details: /redline status <campaign id>",
    ),
  );
  const running = items.filter((c) => c.status !== "closed").length;
  return { text: zh ? `专项行动：${items.length} 项，其中进行中 ${running} 项` : `${items.length} campaigns, ${running} running`, blocks };
}
