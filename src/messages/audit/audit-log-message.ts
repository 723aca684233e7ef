import type { types } from "@slack/bolt";
import { DateTime } from "luxon";
import type { AuditFilter } from "../../domain/audit/audit-filter.ts";
import type { Lang } from "../../lib/i18n.ts";
import {
  clip,
  context,
  escapeMrkdwn as esc,
  header,
  mention,
  packLines,
  plain,
  section,
  MAX_MESSAGE_BLOCKS,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";
import { encodeAuditPageValue } from "./audit-page-ref.ts";
import { AUDIT_ACTIONS } from "./ids.ts";

/** Entries per page in Slack: two lines each, a few sections, well inside a message's limits. */
export const AUDIT_PAGE_SIZE = 20;

/** One entry as the log holds it (Prisma's AuditEntry fits). */
export interface AuditLogEntry {
  id: bigint;
  at: Date;
  actor: string;
  action: string;
  outcome: "ok" | "refused" | "failed";
  subject: string | null;
  departmentId: string | null;
  channelId: string | null;
  messageTs: string | null;
  detail: unknown;
}

export interface AuditLogInput {
  entries: readonly AuditLogEntry[];
  filter: AuditFilter;
  /** The cursor of the next, older page; null on the last page. */
  older: bigint | null;
  /** Whether this page is older than the newest (so a button leads back). */
  paged: boolean;
  zone: string;
  lang: Lang;
}

const OUTCOME = {
  ok: { zh: "✅ 完成", en: "✅ ok" },
  refused: { zh: "⛔ 拒绝", en: "⛔ refused" },
  failed: { zh: "❌ 失败", en: "❌ failed" },
} as const;

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/** A Slack user as a mention; the scheduler, the CLI and anything else as escaped text. */
export const actorText = (actor: string) => (SLACK_USER.test(actor) ? mention(actor) : esc(actor));

const when = (at: Date, zone: string, format = "yyyy-MM-dd HH:mm:ss") => DateTime.fromJSDate(at, { zone }).toFormat(format);

/** The detail without the error code (shown beside the outcome), as compact JSON, clipped and escaped. */
function detailText(detail: unknown): { code: string | null; rest: string | null } {
  if (detail === null || detail === undefined) return { code: null, rest: null };
  if (typeof detail !== "object" || Array.isArray(detail)) return { code: null, rest: esc(clip(JSON.stringify(detail), 200)) };
  const { code, ...rest } = detail as Record<string, unknown>;
  const json = Object.keys(rest).length > 0 ? esc(clip(JSON.stringify(rest), 200)) : null;
  return { code: typeof code === "string" ? esc(clip(code, 60)) : null, rest: json };
}

function entryLines(e: AuditLogEntry, zone: string, lang: Lang): string {
  const { code, rest } = detailText(e.detail);
  const outcome = `${OUTCOME[e.outcome][lang]}${code ? ` ${code}` : ""}`;
  const first = `\`#${e.id}\` ${when(e.at, zone)} · ${actorText(e.actor)} · *${esc(e.action)}* · ${outcome}`;
  const where = [
    e.subject ? esc(e.subject) : null,
    e.departmentId ? `${lang === "zh" ? "单位" : "dept"} ${esc(e.departmentId)}` : null,
    e.channelId ? (SLACK_CHANNEL.test(e.channelId) ? `<#${e.channelId}>` : esc(e.channelId)) : null,
    rest,
  ].filter(Boolean);
  return where.length > 0 ? `${first}\n　${where.join(" · ")}` : first;
}

/** What the filter narrows to, in words, every typed part escaped. */
export function describeAuditFilter(filter: AuditFilter, zone: string, lang: Lang): string {
  const zh = lang === "zh";
  const parts = [
    filter.since ? `${zh ? "自" : "since"} ${when(filter.since, zone, "yyyy-MM-dd HH:mm")}` : null,
    filter.until ? `${zh ? "至" : "until"} ${when(filter.until, zone, "yyyy-MM-dd HH:mm")}` : null,
    filter.actor ? `${zh ? "操作人" : "actor"} ${actorText(filter.actor)}` : null,
    filter.actionPrefix ? `${zh ? "操作" : "action"} ${esc(filter.actionPrefix)}…` : null,
    filter.subject ? `${zh ? "对象" : "subject"} ${esc(filter.subject)}` : null,
    filter.departmentId ? `${zh ? "单位" : "department"} ${esc(filter.departmentId)}` : null,
  ].filter(Boolean);
  if (parts.length === 0) return zh ? "全部记录" : "every entry";
  return parts.join(zh ? "，" : ", ");
}

function pageButton(actionId: string, label: string, value: string): types.Button {
  return { type: "button", action_id: actionId, text: plain(label), value };
}

/** One page of the audit log for the office: newest first, who/what/outcome/where per entry, and paging buttons. */
export function buildAuditLogMessage(input: AuditLogInput): SlackMessage {
  const { entries, filter, zone, lang } = input;
  const zh = lang === "zh";
  const blocks: Block[] = [header(zh ? "🧾 审计日志" : "🧾 Audit log")];
  const summary = describeAuditFilter(filter, zone, lang);
  blocks.push(
    context(
      zh
        ? `筛选：${summary} · 本页 ${entries.length} 条，最新在前${input.paged ? "（较早的一页）" : ""}`
        : `Filter: ${summary} · ${entries.length} on this page, newest first${input.paged ? " (an older page)" : ""}`,
    ),
  );
  if (entries.length === 0) {
    blocks.push(section(zh ? "没有符合条件的记录。" : "No entry matches."));
  } else {
    const { blocks: sections } = packLines(
      entries.map((e) => entryLines(e, zone, lang)),
      MAX_MESSAGE_BLOCKS - blocks.length - 2,
    );
    blocks.push(...sections);
  }
  const buttons: types.Button[] = [];
  if (input.older !== null)
    buttons.push(pageButton(AUDIT_ACTIONS.older, zh ? "⬅️ 更早" : "⬅️ Older", encodeAuditPageValue({ filter, before: input.older, lang })));
  if (input.paged) buttons.push(pageButton(AUDIT_ACTIONS.newest, zh ? "⏮ 最新" : "⏮ Newest", encodeAuditPageValue({ filter, lang })));
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "audit_pages", elements: buttons });
  blocks.push(
    context(
      zh
        ? "筛选：`--since 2026-05-01` `--until …` `--actor @某人` `--action campaign.` `--subject campaign:…` `--department 单位` · 导出：`npx redline audit --since … --csv`"
        : "Filters: `--since 2026-05-01` `--until …` `--actor @someone` `--action campaign.` `--subject campaign:…` `--department name` · export: `npx redline audit --since … --csv`",
    ),
  );
  const text = zh ? `审计日志：本页 ${entries.length} 条` : `Audit log: ${entries.length} entries on this page`;
  return { text, blocks };
}
