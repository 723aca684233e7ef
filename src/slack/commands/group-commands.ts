import { isOfficeMember } from "../../directory/membership.ts";
import { requireOffice } from "../../directory/office.ts";
import {
  addGroupCounty,
  addGroupMembers,
  createSupervisionGroup,
  deleteSupervisionGroup,
  findSupervisionGroup,
  groupsOfMember,
  listSupervisionGroups,
  removeFromGroup,
  type ChangeResult,
} from "../../directory/supervision-groups.ts";
import { foundByGroup, ledgerScope } from "../../hazards/ledger.ts";
import { renderLedgerPage } from "../../hazards/ledger-views.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual } from "../../lib/i18n.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { buildGroupListMessage } from "../../messages/directory/supervision-groups.ts";
import { escapeMrkdwn as esc } from "../../messages/mrkdwn.ts";
import { say, type CommandContext, type SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  list: ["list", "ls", "列表"],
  create: ["create", "new", "创建", "新建"],
  add: ["add", "添加", "增加"],
  remove: ["remove", "rm", "移除"],
  delete: ["delete", "删除"],
} as const;

const USAGE: Bilingual = {
  zh: "用法：/redline 督导组 [列表] | <组> | 创建 <编号> <名称> [英文名] | 添加 <组> @成员…|<县区> | 移除 <组> @成员|<县区> | 删除 <组>",
  en: "Usage: /redline group [list] | <group> | create <id> <name> [English name] | add <group> @member…|<county> | remove <group> @member|<county> | delete <group>",
};

const MAINTAIN: Bilingual = { zh: "维护督导组", en: "maintain supervision groups" };

/** `<@U123|zhang.wei>` as Slack sends a mention in a slash command (should_escape). */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/;

async function list(ctx: CommandContext): Promise<void> {
  const { db } = ctx.deps;
  const office = await isOfficeMember(db, ctx.userId);
  const groups = await listSupervisionGroups(db, office ? undefined : await groupsOfMember(db, ctx.userId));
  const counts = await db.hazard.groupBy({
    by: ["sourceRef", "state"],
    where: foundByGroup(groups.map((g) => g.id)),
    _count: { _all: true },
  });
  const figures = (id: string, open: boolean) =>
    counts.filter((c) => c.sourceRef === id && (!open || c.state !== "closed")).reduce((n, c) => n + c._count._all, 0);
  const message = buildGroupListMessage(
    { groups: groups.map((g) => ({ ...g, found: figures(g.id, false), open: figures(g.id, true) })), office },
    ctx.command.lang,
  );
  await ctx.respond({ response_type: "ephemeral", ...message });
}

/** `/redline 督导组 <组>`: the group's findings, open and closed, with state and colour — for its members and the office. */
export async function showGroupFindings(ctx: CommandContext, groupText: string): Promise<void> {
  const { deps, command } = ctx;
  const group = await findSupervisionGroup(deps.db, groupText);
  const scope = await ledgerScope(deps.db, ctx.userId);
  if (!scope.all && !scope.groupIds?.includes(group.id))
    throw new AppError(
      ErrorCode.Forbidden,
      {
        zh: `只有${group.nameZh}的成员和安委办可以查看该组发现的隐患。`,
        en: `Only the members of ${group.nameEn} and the safety office can see what it found.`,
      },
      { details: { user: ctx.userId, group: group.id } },
    );
  const page = await renderLedgerPage(
    deps.db,
    scope,
    { filter: { groupId: group.id, includeClosed: true }, page: 0, lang: command.lang },
    { now: deps.now(), zone: deps.config.zone },
  );
  await ctx.respond({ response_type: "ephemeral", ...page });
}

async function confirm(ctx: CommandContext, r: ChangeResult, done: Bilingual, unchanged: Bilingual): Promise<void> {
  const zh = ctx.command.lang === "zh";
  const name = esc(zh ? r.group.nameZh : r.group.nameEn);
  await say(
    ctx,
    r.changed ? (zh ? `✅ ${name}：${done.zh}` : `✅ ${name}: ${done.en}`) : zh ? `${name}：${unchanged.zh}` : `${name}: ${unchanged.en}`,
  );
}

async function create(ctx: CommandContext, words: readonly string[]): Promise<void> {
  await requireOffice(ctx.deps.db, ctx.userId, MAINTAIN);
  const [id, nameZh, ...en] = words;
  if (!id || !nameZh) throw new AppError(ErrorCode.InputInvalid, USAGE);
  const r = await createSupervisionGroup(
    ctx.deps.db,
    { id, nameZh, nameEn: en.join(" ") || null },
    { actor: ctx.userId, now: ctx.deps.now() },
  );
  await confirm(
    ctx,
    r,
    {
      zh: `已创建（编号 ${r.group.id}）。下一步：/redline 督导组 添加 ${r.group.id} @成员 和 <县区>。`,
      en: `created (id ${r.group.id}). Next: /redline group add ${r.group.id} @member and <county>.`,
    },
    { zh: "未作改动。", en: "nothing changed." },
  );
}

/** The words after the group: all mentions (members), or the name of one county/district. */
type Target = { members: { slackUserId: string; label: string | null }[] } | { county: { id: string; nameZh: string; nameEn: string } };

async function target(ctx: CommandContext, words: readonly string[]): Promise<Target> {
  const mentions = words.map((w) => MENTION.exec(w));
  if (words.length && mentions.every((m) => m)) return { members: mentions.map((m) => ({ slackUserId: m![1]!, label: m![2] ?? null })) };
  if (mentions.some((m) => m) || !words.length) throw new AppError(ErrorCode.InputInvalid, USAGE);
  return { county: await findDepartmentByText(ctx.deps.db, words.join(" ")) };
}

/** `添加|移除 <组> …`: the office only; the group as typed, what to change, and who changes it when. */
async function change(ctx: CommandContext, words: readonly string[]) {
  await requireOffice(ctx.deps.db, ctx.userId, MAINTAIN);
  const [groupText, ...rest] = words;
  if (!groupText) throw new AppError(ErrorCode.InputInvalid, USAGE);
  return { groupText, what: await target(ctx, rest), how: { actor: ctx.userId, now: ctx.deps.now() } };
}

async function add(ctx: CommandContext, words: readonly string[]): Promise<void> {
  const { deps } = ctx;
  const { groupText, what, how } = await change(ctx, words);
  if ("county" in what) {
    const r = await addGroupCounty(deps.db, groupText, what.county, how);
    const c = what.county;
    return confirm(
      ctx,
      r,
      { zh: `已添加督导县（市、区）${esc(c.nameZh)}。`, en: `now inspects ${esc(c.nameEn)}.` },
      { zh: `已督导 ${esc(c.nameZh)}，未作改动。`, en: `already inspects ${esc(c.nameEn)}; nothing changed.` },
    );
  }
  // The name Slack gave with the mention, else the person's Slack name: the directory keeps a name beside every id.
  const people = await Promise.all(
    what.members.map(async (m) => ({
      slackUserId: m.slackUserId,
      name: m.label || (await deps.delivery.lookUpPerson(m.slackUserId)).name,
    })),
  );
  const r = await addGroupMembers(deps.db, groupText, people, how);
  const who = r.added.map((u) => `<@${u}>`).join(" ");
  return confirm(
    ctx,
    r,
    { zh: `已添加成员 ${who}。`, en: `added ${who}.` },
    { zh: "这些人已是成员，未作改动。", en: "they are members already; nothing changed." },
  );
}

async function remove(ctx: CommandContext, words: readonly string[]): Promise<void> {
  const { deps } = ctx;
  const { groupText, what, how } = await change(ctx, words);
  if ("county" in what) {
    const c = what.county;
    const r = await removeFromGroup(deps.db, groupText, { county: c.id }, how);
    return confirm(
      ctx,
      r,
      {
        zh: `已移除督导县（市、区）${esc(c.nameZh)}；已登记的隐患不受影响。`,
        en: `no longer inspects ${esc(c.nameEn)}; hazards already registered stay.`,
      },
      { zh: `本就不督导 ${esc(c.nameZh)}，未作改动。`, en: `does not inspect ${esc(c.nameEn)}; nothing changed.` },
    );
  }
  if (what.members.length !== 1) throw new AppError(ErrorCode.InputInvalid, USAGE);
  const u = what.members[0]!.slackUserId;
  const r = await removeFromGroup(deps.db, groupText, { member: u }, how);
  return confirm(
    ctx,
    r,
    { zh: `已移除成员 <@${u}>。`, en: `removed <@${u}>.` },
    { zh: `<@${u}> 不是成员，未作改动。`, en: `<@${u}> is not a member; nothing changed.` },
  );
}

async function deleteGroup(ctx: CommandContext, words: readonly string[]): Promise<void> {
  await requireOffice(ctx.deps.db, ctx.userId, MAINTAIN);
  if (words.length !== 1) throw new AppError(ErrorCode.InputInvalid, USAGE);
  const r = await deleteSupervisionGroup(ctx.deps.db, words[0]!, { actor: ctx.userId, now: ctx.deps.now() });
  await confirm(ctx, r, { zh: "已删除。", en: "deleted." }, { zh: "已不存在，未作改动。", en: "no longer exists; nothing changed." });
}

export const groupCommand: SubcommandDefinition = {
  names: ["group", "groups", "督导组"],
  usage: {
    zh: "`/redline 督导组 [列表]|<组>|创建 <编号> <名称>|添加 <组> @成员…|<县区>|移除 <组> @成员|<县区>|删除 <组>` — 督导组及其成员、督导的县（市、区）；查看本组发现的隐患是否销号；安委办维护",
    en: "`/redline group [list]|<group>|create <id> <name>|add <group> @member…|<county>|remove <group> @member|<county>|delete <group>` — supervision groups, their members and the counties they inspect; whether a group's findings were closed; the office maintains them",
  },
  async run(ctx) {
    const [first, ...rest] = ctx.command.args;
    const sub = (first ?? "").toLowerCase();
    const is = (names: readonly string[]) => names.includes(sub);
    if (!first || is(ACTIONS.list)) return list(ctx);
    if (is(ACTIONS.create)) return create(ctx, rest);
    if (is(ACTIONS.add)) return add(ctx, rest);
    if (is(ACTIONS.remove)) return remove(ctx, rest);
    if (is(ACTIONS.delete)) return deleteGroup(ctx, rest);
    return showGroupFindings(ctx, ctx.command.rest);
  },
};
