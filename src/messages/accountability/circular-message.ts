import { overviewParagraphs, type CircularContent } from "../../domain/accountability/circular.ts";
import type { Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn as esc, header, packLines, type Block, type SlackMessage } from "../mrkdwn.ts";
import { CIRCULAR_ACTIONS } from "./ids.ts";

const names = (us: readonly { name: string }[]) => (us.length ? us.map((u) => esc(u.name)).join("、") : "无");

/** The lines the preview and the posts share: figures, then who is praised, criticised and summoned. */
function summaryLines(c: CircularContent): string[] {
  return [
    ...overviewParagraphs(c).map(esc),
    `*表扬*：${names(c.praise)}`,
    `*通报批评*：${names(c.criticism)}`,
    `*未按要求参会的主要负责人所在单位*：${names(c.absentHeads)}`,
    `*约谈*：${names(c.summons)}`,
  ];
}

/** The draft, previewed privately to the office member who asked, with 发布. The 通报 itself is Chinese, as issued. */
export function buildCircularPreview(c: CircularContent, id: number, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const { blocks } = packLines(summaryLines(c), 40);
  const publish: Block = {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: CIRCULAR_ACTIONS.publish,
        value: String(id),
        style: "primary",
        text: { type: "plain_text", text: zh ? "发布" : "Publish" },
        confirm: {
          title: { type: "plain_text", text: zh ? "发布通报？" : "Publish the circular?" },
          text: { type: "plain_text", text: zh ? "将发送至安委办频道和通报中点名的每个单位。" : "It goes to the office channel and to every unit it names." },
          confirm: { type: "plain_text", text: zh ? "发布" : "Publish" },
          deny: { type: "plain_text", text: zh ? "取消" : "Cancel" },
        },
      },
    ],
  };
  return {
    text: c.title,
    blocks: [
      header(`📄 ${c.title}（草稿 #${id}）`),
      context(zh ? "Word 草稿已私信发给您，请审阅后发布。" : "The Word draft is in your direct messages; review it, then publish."),
      ...blocks,
      publish,
    ],
  };
}

/** The comment posted with the file: the summary, and for a unit what the 通报 says about it. */
export function circularComment(c: CircularContent, unitId?: string): string {
  const lines = [`*${esc(c.title)}*`, ...summaryLines(c)];
  if (unitId) {
    const mine: string[] = [];
    if (c.praise.some((u) => u.unitId === unitId)) mine.push("本单位受到通报表扬。");
    const crit = c.criticism.find((u) => u.unitId === unitId);
    if (crit) mine.push(`本单位被通报批评（${crit.score} 分，${esc(crit.grade)}）：${crit.failings.map(esc).join("；")}。`);
    const heads = c.absentHeads.find((u) => u.unitId === unitId);
    if (heads) mine.push(`主要负责人未按要求参会：${heads.lines.map(esc).join("；")}。`);
    const summons = c.summons.find((u) => u.unitId === unitId);
    if (summons) mine.push(`本单位列入约谈：${summons.reasons.map(esc).join("；")}。`);
    lines.push("", ...mine);
  }
  return lines.join("\n").slice(0, 3900);
}

export function publishedNotice(c: CircularContent, id: number, by: string, units: number, missing: readonly string[], already: boolean, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const text = already
    ? zh
      ? `ℹ️ 通报 #${id} 已由 <@${by}> 发布，未重复发送。`
      : `ℹ️ Circular #${id} was already published by <@${by}>; nothing was sent twice.`
    : zh
      ? `✅ 通报 #${id}「${esc(c.title)}」已发布至安委办频道和 ${units} 个单位。${missing.length ? `未登记频道、未能送达：${missing.map(esc).join("、")}。` : ""}`
      : `✅ Circular #${id} published to the office channel and ${units} units.${missing.length ? ` No channel registered for: ${missing.map(esc).join(", ")}.` : ""}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}
