import type { HomeView } from "@slack/types";
import { periodName } from "../../domain/accountability/period.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { ScoresView } from "../accountability/scorecard-message.ts";
import { context, divider, escapeMrkdwn as esc, packLines, section, type Block } from "../mrkdwn.ts";
import { MAX_HOME_BLOCKS } from "./home-view.ts";

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The office's Home: the current period's ranking, one line per unit, vetoed units marked. */
export function buildRankingHomeSection(v: ScoresView, lang: Lang): Block[] {
  const zh = lang === "zh";
  const lines = v.units.map((u) => {
    const c = u.card;
    const veto = c.vetoes.length ? (zh ? " ⛔ 一票否决" : " ⛔ veto") : "";
    return `${c.rank}. ${esc(zh ? c.name : u.nameEn)} — ${num(c.score)} · ${esc(c.grade.name)}${veto}`;
  });
  return [
    divider(),
    section(zh ? `*🏆 ${periodName(v.period, lang)}考核排名*` : `*🏆 Assessment ranking ${v.period.label}*`),
    ...packLines(lines, 3).blocks,
    context(zh ? "明细：`/redline 考核 <单位>`；起草通报：`/redline 通报 生成`" : "Details: `/redline score <unit>`; draft the circular: `/redline circular draft`"),
  ];
}

/** The view with the ranking added at the end, when Slack's 100 blocks leave room for all of it. */
export function withRankingSection(view: HomeView, blocks: Block[]): HomeView {
  if (!blocks.length || view.blocks.length + blocks.length > MAX_HOME_BLOCKS) return view;
  return { ...view, blocks: [...view.blocks, ...(blocks as HomeView["blocks"])] };
}
