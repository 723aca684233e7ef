import { DateTime } from "luxon";
import type { Lang } from "../../lib/i18n.ts";
import { clip, context, escapeMrkdwn as esc, mention, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { MATRIX_ACTIONS } from "./ids.ts";

/** One change as the history table holds it (Prisma's MatrixChange fits). */
export interface MatrixChangeRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  venueTypeId: string;
  before: unknown;
  after: unknown;
}

const ACTION_NAMES: Record<string, { zh: string; en: string }> = {
  "venue-type.add": { zh: "添加场所类型", en: "added a venue type" },
  "alias.add": { zh: "添加别名", en: "added aliases" },
  "lead.change": { zh: "修改牵头部门", en: "changed a lead" },
  "import.add": { zh: "导入文件新增场所类型", en: "import added a venue type" },
  "import.change": { zh: "导入文件修改场所类型", en: "import changed a venue type" },
  "import.remove": { zh: "导入文件删除场所类型", en: "import removed a venue type" },
};

/** A Slack user is mentioned; the CLI (`cli:<os user>`) and "system" are named as they are. */
const who = (actor: string) => (/^[UW][A-Z0-9]+$/.test(actor) ? mention(actor) : `\`${esc(actor)}\``);

const json = (v: unknown) => (v === null || v === undefined ? "—" : JSON.stringify(v));

/** `/redline 矩阵 历史`: the office's changes to the matrix, newest first, each with the row before and after. */
export function matrixHistoryMessage(input: {
  changes: readonly MatrixChangeRow[];
  older: number | null;
  paged: boolean;
  lang: Lang;
  zone: string;
}): SlackMessage {
  const { lang } = input;
  const zh = lang === "zh";
  if (!input.changes.length) {
    const text = zh ? "责任矩阵还没有安委办的修改记录。" : "The office has not changed the matrix yet.";
    return { text, blocks: [section(text)] };
  }
  const blocks: Block[] = [section(zh ? "*责任矩阵修改记录*（最新在前）" : "*Changes to the matrix* (newest first)")];
  for (const c of input.changes) {
    const when = DateTime.fromJSDate(c.at, { zone: input.zone }).toFormat("yyyy-MM-dd HH:mm");
    const what = ACTION_NAMES[c.action]?.[lang] ?? esc(c.action);
    blocks.push(section(`*#${c.id}* ${when} ${who(c.actor)} ${what} · \`${esc(c.venueTypeId)}\``));
    blocks.push(
      context(clip(`${zh ? "修改前" : "before"}: ${esc(json(c.before))}\n${zh ? "修改后" : "after"}: ${esc(json(c.after))}`, 1900)),
    );
  }
  const buttons = [
    ...(input.older !== null
      ? [
          {
            type: "button" as const,
            action_id: MATRIX_ACTIONS.historyOlder,
            text: { type: "plain_text" as const, text: zh ? "更早" : "Older" },
            value: JSON.stringify({ b: input.older, l: lang }),
          },
        ]
      : []),
    ...(input.paged
      ? [
          {
            type: "button" as const,
            action_id: MATRIX_ACTIONS.historyNewest,
            text: { type: "plain_text" as const, text: zh ? "最新" : "Newest" },
            value: JSON.stringify({ l: lang }),
          },
        ]
      : []),
  ];
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  return { text: zh ? `责任矩阵修改记录（${input.changes.length} 条）` : `Changes to the matrix (${input.changes.length})`, blocks };
}
