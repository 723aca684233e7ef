import type { Lang } from "../../lib/i18n.ts";
import { clip, context, escapeMrkdwn as esc, header, mention, packLines, type SlackMessage } from "../mrkdwn.ts";

export interface GroupListItem {
  id: string;
  nameZh: string;
  nameEn: string;
  members: { slackUserId: string; name: string }[];
  counties: { nameZh: string; nameEn: string }[];
  /** The group's findings still open (not 销号), and all of them. */
  open: number;
  found: number;
}

/** `/redline 督导组 列表`: each group with its members, the counties it inspects and how many of its findings are open. */
export function buildGroupListMessage(input: { groups: GroupListItem[]; office: boolean }, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const lines = input.groups.map((g) => {
    const members = g.members.length
      ? g.members.map((m) => mention(m.slackUserId)).join(zh ? "、" : ", ")
      : zh
        ? "（暂无成员）"
        : "(no members yet)";
    const counties = g.counties.length
      ? g.counties.map((c) => esc(zh ? c.nameZh : c.nameEn)).join(zh ? "、" : ", ")
      : zh
        ? "（暂无）"
        : "(none yet)";
    return zh
      ? `*${esc(clip(g.nameZh, 60))}*（\`${g.id}\`）\n成员：${members}\n督导县（市、区）：${counties}\n发现隐患 ${g.found} 条，未销号 ${g.open} 条`
      : `*${esc(clip(g.nameEn, 75))}* (\`${g.id}\`)\nMembers: ${members}\nInspects: ${counties}\n${g.found} hazards found, ${g.open} not yet closed`;
  });
  const title = zh ? "🧭 督导组" : "🧭 Supervision groups";
  if (!lines.length)
    return {
      text: title,
      blocks: [
        header(title),
        context(
          input.office
            ? zh
              ? "还没有督导组。用 `/redline 督导组 创建 <编号> <名称>` 新建，或在名录文件的 `supervisionGroups:` 中导入。"
              : "No supervision groups yet. Make one with `/redline group create <id> <name>`, or import them under `supervisionGroups:` in the directory file."
            : zh
              ? "您不在任何督导组中。"
              : "You are not a member of any supervision group.",
        ),
      ],
    };
  const { blocks, omitted } = packLines(
    lines.map((l, i) => (i ? `\n${l}` : l)),
    45,
  );
  const help = input.office
    ? zh
      ? "维护：`/redline 督导组 创建 <编号> <名称> [英文名]` · `添加 <组> @成员…|<县区>` · `移除 <组> @成员|<县区>` · `删除 <组>` · 查看发现的隐患：`/redline 督导组 <组>`"
      : "Maintain: `/redline group create <id> <name> [English name]` · `add <group> @member…|<county>` · `remove <group> @member|<county>` · `delete <group>` · findings: `/redline group <group>`"
    : zh
      ? "查看本组发现的隐患：`/redline 督导组 <组>`"
      : "Your group's findings: `/redline group <group>`";
  return {
    text: zh ? `督导组：${input.groups.length} 个` : `Supervision groups: ${input.groups.length}`,
    blocks: [
      header(title),
      ...blocks,
      ...(omitted ? [context(zh ? `另有 ${omitted} 个未显示。` : `${omitted} more not shown.`)] : []),
      context(help),
    ],
  };
}
