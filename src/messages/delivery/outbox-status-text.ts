import type { Lang } from "../../lib/i18n.ts";

/** Plain data for the outbox report (the service's figures; the builder takes no database types). */
export interface OutboxStatusView {
  sent: number;
  failed: number;
  ambiguous: number;
  sending: number;
  expired: number;
  reconciledFound: number;
  reconciledAbsent: number;
  reconciledLastDay: number;
  lastReconciled: { key: string; at: string; outcome: string } | null;
  /** Campaigns whose launch posts are not all out yet. */
  launching: number;
}

/** `redline status`: what the outbox holds, in lines a terminal shows as they are. */
export function outboxStatusLines(s: OutboxStatusView, lang: Lang): string[] {
  if (lang === "en") {
    return [
      "Outbound messages (each sent once per key)",
      `  sent: ${s.sent}`,
      `  being sent: ${s.sending}`,
      `  failed, to be retried: ${s.failed}${s.ambiguous ? ` (${s.ambiguous} of unknown outcome: looked up in Slack before the retry)` : ""}`,
      `  left by a stopped process (reconciled at the next tick): ${s.expired}`,
      `Reconciled with Slack: ${s.reconciledFound + s.reconciledAbsent} (found, recorded as sent: ${s.reconciledFound}; not there, sent: ${s.reconciledAbsent}); last 24 h: ${s.reconciledLastDay}`,
      ...(s.lastReconciled ? [`  last: ${s.lastReconciled.key} at ${s.lastReconciled.at} (${s.lastReconciled.outcome})`] : []),
      `Campaigns still posting their launch: ${s.launching}`,
    ];
  }
  return [
    "外发消息（每个键只发送一次）",
    `  已发送：${s.sent}`,
    `  正在发送：${s.sending}`,
    `  发送失败、待重试：${s.failed}${s.ambiguous ? `（其中 ${s.ambiguous} 条结果未知，重试前先在 Slack 中核对）` : ""}`,
    `  进程中断遗留（下次调度时核对）：${s.expired}`,
    `与 Slack 核对：${s.reconciledFound + s.reconciledAbsent} 次（已在 Slack、记为已发送：${s.reconciledFound}；不在、已补发：${s.reconciledAbsent}）；近 24 小时：${s.reconciledLastDay}`,
    ...(s.lastReconciled
      ? [`  最近一次：${s.lastReconciled.key}，${s.lastReconciled.at}（${s.lastReconciled.outcome === "found" ? "已在 Slack" : "已补发"}）`]
      : []),
    `仍在发送启动通知的专项行动：${s.launching}`,
  ];
}
