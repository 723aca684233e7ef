import { atLocalTime, localDay } from "../../domain/calendar/office-hours.ts";
import { DaySchema } from "../../domain/calendar/working-days.ts";
import { departmentRole, isOfficeMember, registeredMemberships } from "../../directory/membership.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { findDepartmentByText, findHeadByName, loadAbsenceRecord, loadRecordedInterviews, type AbsenceQuery } from "../../meetings/absences.ts";
import { closeMeetingNow } from "../../meetings/close-meeting.ts";
import { loadDirectory } from "../../meetings/directory.ts";
import { exportAbsences, exportMeeting, type ExportFiles } from "../../meetings/export-meeting.ts";
import { listMeetings } from "../../meetings/list-meetings.ts";
import { findMeeting, loadMeeting, loadSignIns } from "../../meetings/load-meeting.ts";
import { draftOf, editMeeting } from "../../meetings/edit-meeting.ts";
import { MAX_CANCEL_REASON } from "../../meetings/cancel-meeting.ts";
import { buildCancelConfirmation } from "../../messages/meetings/cancelled-message.ts";
import { changeLines } from "../../messages/meetings/notice-message.ts";
import { namesInChanges } from "../../meetings/notices.ts";
import { encodeEditMetadata } from "../../messages/meetings/refs.ts";
import { DateTime } from "luxon";
import { requireOffice, requireOfficeChannel } from "../../directory/office.ts";
import { buildAbsencesMessage } from "../../messages/meetings/absences-message.ts";
import { buildCreateMeetingModal } from "../../messages/meetings/create-modal.ts";
import { buildMeetingList } from "../../messages/meetings/meeting-list.ts";
import { encodeCreateMetadata } from "../../messages/meetings/refs.ts";
import { escapeMrkdwn as esc } from "../../messages/mrkdwn.ts";
import { commandSweepDeps, say, type CommandContext, type SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  create: ["create", "new", "创建", "新建"],
  edit: ["edit", "change", "修改", "变更"],
  reschedule: ["reschedule", "move", "改期"],
  cancel: ["cancel", "取消"],
  close: ["close", "end", "结束", "关闭"],
  export: ["export", "导出"],
  list: ["list", "ls", "列表", "查看"],
} as const;

function meetingIdArg(ctx: CommandContext): string {
  const id = ctx.command.args[1];
  if (!id) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "请写会议编号，例如 /redline 会议 结束 2026-05-29-1（/redline 会议 列表 可查看编号）。",
      en: "Please give the meeting id, e.g. /redline meeting close 2026-05-29-1 (/redline meeting list shows ids).",
    });
  }
  return id;
}

async function openCreateModal(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "创建会议", en: "create meetings" });
  await ctx.client.views.open({
    trigger_id: ctx.triggerId,
    view: buildCreateMeetingModal({
      directory: (await loadDirectory(deps.db)).filter((d) => d.kind !== "office"),
      privateMetadata: encodeCreateMetadata({ lang: command.lang, channelId: ctx.channelId }),
      lang: command.lang,
      today: localDay(deps.now(), deps.config.zone),
    }),
  });
}

async function closeMeeting(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "结束会议签到", en: "close meetings" });
  const id = meetingIdArg(ctx);
  const meeting = await findMeeting(deps.db, id);
  if (!meeting) throw new AppError(ErrorCode.NotFound, { zh: `找不到会议 ${id}。`, en: `No meeting ${id}.` });
  const { closed, result } = await closeMeetingNow(commandSweepDeps(ctx), id, ctx.userId, deps.now());
  if (!closed) {
    await say(
      ctx,
      lang === "zh"
        ? `会议 ${esc(id)} 的签到已经结束，签到情况已发送过。`
        : `Sign-in for ${esc(id)} had already closed; the report was posted then.`,
    );
    return;
  }
  const office = await requireOfficeChannel(deps.db, deps.config).catch(() => null);
  const where = office ? `<#${office}>` : lang === "zh" ? "安委办频道（未配置）" : "the office channel (not configured)";
  const failed =
    result.failed > 0
      ? lang === "zh"
        ? `，其中 ${result.failed} 条发送失败，将自动重试`
        : `; ${result.failed} failed and will be retried`
      : "";
  await say(
    ctx,
    lang === "zh"
      ? `✅ 已结束「${esc(meeting.info.title)}」的签到。签到情况已发送至 ${where}，并向未本人参会的单位发出传达确认${failed}。`
      : `✅ Sign-in for "${esc(meeting.info.title)}" is closed. The attendance report went to ${where}, and briefing confirmations to departments whose head did not attend${failed}.`,
  );
}

function editableOrRefuse(meeting: Awaited<ReturnType<typeof loadMeeting>>): void {
  if (meeting.info.status === "scheduled") return;
  throw new AppError(
    ErrorCode.Conflict,
    meeting.info.status === "cancelled"
      ? { zh: `会议 ${meeting.info.id} 已取消，不能再修改。`, en: `Meeting ${meeting.info.id} was cancelled; it cannot be changed.` }
      : {
          zh: `会议 ${meeting.info.id} 的签到已经结束，不能再修改；如会议并未召开，可用 /redline 会议 取消 ${meeting.info.id}。`,
          en: `Sign-in for ${meeting.info.id} has closed, so it cannot be changed; if it never took place, /redline meeting cancel ${meeting.info.id}.`,
        },
  );
}

/** `/redline 会议 修改 <编号>`: the create form, filled with the meeting as it stands. */
async function openEditModal(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "修改会议", en: "change meetings" });
  const meeting = await loadMeeting(deps.db, meetingIdArg(ctx));
  editableOrRefuse(meeting);
  const zone = deps.config.zone;
  const draft = draftOf(meeting);
  const start = DateTime.fromJSDate(meeting.info.startsAt, { zone });
  await ctx.client.views.open({
    trigger_id: ctx.triggerId,
    view: buildCreateMeetingModal({
      directory: (await loadDirectory(deps.db)).filter((d) => d.kind !== "office"),
      privateMetadata: encodeEditMetadata({
        lang: command.lang,
        channelId: ctx.channelId,
        meetingId: meeting.info.id,
        revision: meeting.revision,
      }),
      lang: command.lang,
      today: localDay(deps.now(), zone),
      edit: {
        title: draft.title,
        day: start.toFormat("yyyy-MM-dd"),
        time: start.toFormat("HH:mm"),
        opensMinutesBefore: draft.opensMinutesBefore,
        closesMinutesAfter: draft.closesMinutesAfter,
        departmentIds: draft.departments.ids,
        headMustAttend: draft.headMustAttend,
        briefingDueWorkingDays: draft.briefingDueWorkingDays,
      },
    }),
  });
}

/** `/redline 会议 改期 <编号> <YYYY-MM-DD> <HH:mm>`: the same meeting at a new time, its window moved with it. */
async function reschedule(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "会议改期", en: "reschedule meetings" });
  const meeting = await loadMeeting(deps.db, meetingIdArg(ctx));
  editableOrRefuse(meeting);
  const [day, time] = [command.args[2], command.args[3]];
  if (!day || !DaySchema.safeParse(day).success || !time || !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `请写新的日期和开始时间，例如 /redline 会议 改期 ${meeting.info.id} 2026-06-01 15:00。`,
      en: `Give the new date and start time, e.g. /redline meeting reschedule ${meeting.info.id} 2026-06-01 15:00.`,
    });
  }
  const startsAt = atLocalTime(day, time.padStart(5, "0"), deps.config.zone);
  const edited = await editMeeting(commandSweepDeps(ctx), {
    meetingId: meeting.info.id,
    draft: { ...draftOf(meeting), startsAt },
    expectedRevision: meeting.revision,
    editedBy: ctx.userId,
    now: deps.now(),
  });
  await say(ctx, editedSummary(edited, await namesInChanges(deps.db, edited.changes), lang));
}

export function editedSummary(
  edited: Awaited<ReturnType<typeof editMeeting>>,
  names: Awaited<ReturnType<typeof namesInChanges>>,
  lang: "zh" | "en",
): string {
  const lines = changeLines(edited.changes, "", names, lang).join("\n");
  const voided = edited.voided.length
    ? lang === "zh"
      ? `\n${edited.voided.length} 人的签到不在新的签到时间内（或单位不再参会），已作废，需重新签到。`
      : `\n${edited.voided.length} sign-ins fell outside the new window (or their department is no longer required) and were voided; they sign in again.`
    : "";
  return lang === "zh"
    ? `✅ 已修改「${esc(edited.meeting.info.title)}」（第 ${edited.revision} 次变更）：\n${lines}${voided}\n已向各单位重新发出通知。`
    : `✅ "${esc(edited.meeting.info.title)}" changed (change ${edited.revision}):\n${lines}${voided}\nThe notices were posted again.`;
}

/** `/redline 会议 取消 <编号> [原因]`: asks first, privately; the button does it. */
async function askToCancel(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "取消会议", en: "cancel meetings" });
  const meeting = await loadMeeting(deps.db, meetingIdArg(ctx));
  if (meeting.info.status === "cancelled") {
    await say(
      ctx,
      command.lang === "zh" ? `会议 ${esc(meeting.info.id)} 已经取消过。` : `Meeting ${esc(meeting.info.id)} was already cancelled.`,
    );
    return;
  }
  const reason = command.args.slice(2).join(" ").replace(/\s+/g, " ").trim().slice(0, MAX_CANCEL_REASON) || null;
  await ctx.respond({
    response_type: "ephemeral",
    ...buildCancelConfirmation({
      meeting: meeting.info,
      departments: meeting.departments.length,
      signedIn: (await loadSignIns(deps.db, meeting.info.id)).length,
      reason,
      lang: command.lang,
    }),
  });
}

async function uploadToOffice(ctx: CommandContext, files: ExportFiles, comment: string): Promise<string> {
  const channel = await requireOfficeChannel(ctx.deps.db, ctx.deps.config);
  try {
    await ctx.deps.delivery.upload({
      channel,
      file: files.xlsx,
      filename: `${files.baseName}.xlsx`,
      title: files.title,
      initialComment: comment,
    });
  } catch (e) {
    throw new AppError(
      ErrorCode.SlackFailed,
      { zh: "文件上传到 Slack 失败，请稍后再试。", en: "Uploading the file to Slack failed; please try again." },
      { cause: e },
    );
  }
  return channel;
}

async function exportOne(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "导出签到表", en: "export sign-in sheets" });
  const id = meetingIdArg(ctx);
  const files = await exportMeeting(deps.db, id, deps.now(), lang);
  const channel = await uploadToOffice(
    ctx,
    files,
    lang === "zh" ? `📎 ${esc(files.title)}（<@${ctx.userId}> 导出）` : `📎 ${esc(files.title)} (exported by <@${ctx.userId}>)`,
  );
  await say(ctx, lang === "zh" ? `✅ 签到表已上传至 <#${channel}>。` : `✅ The sign-in sheet was uploaded to <#${channel}>.`);
}

async function list(ctx: CommandContext): Promise<void> {
  await requireOffice(ctx.deps.db, ctx.userId, { zh: "查看会议列表", en: "list meetings" });
  await ctx.respond({ response_type: "ephemeral", ...buildMeetingList(await listMeetings(ctx.deps.db), ctx.command.lang) });
}

export const meetingCommand: SubcommandDefinition = {
  names: ["meeting", "meetings", "会议"],
  officeOnly: true,
  usage: {
    zh: "`/redline 会议 创建|修改 <编号>|改期 <编号> <日期> <时间>|取消 <编号> [原因]|结束 <编号>|导出 <编号>|列表` — 创建必须参加的会议、修改或改期（重新通知）、取消、提前结束签到、导出签到表（仅安委办）",
    en: "`/redline meeting create|edit <id>|reschedule <id> <date> <time>|cancel <id> [reason]|close <id>|export <id>|list` — call a mandatory meeting, change or move it (notices go out again), call it off, close sign-in early, export the sign-in sheet (office only)",
  },
  async run(ctx) {
    const action = (ctx.command.args[0] ?? "list").toLowerCase();
    const is = (names: readonly string[]) => names.includes(action);
    if (is(ACTIONS.create)) return openCreateModal(ctx);
    if (is(ACTIONS.edit)) return openEditModal(ctx);
    if (is(ACTIONS.reschedule)) return reschedule(ctx);
    if (is(ACTIONS.cancel)) return askToCancel(ctx);
    if (is(ACTIONS.close)) return closeMeeting(ctx);
    if (is(ACTIONS.export)) return exportOne(ctx);
    if (is(ACTIONS.list)) return list(ctx);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `不认识“${action}”。可用：创建、修改 <编号>、改期 <编号> <日期> <时间>、取消 <编号>、结束 <编号>、导出 <编号>、列表。`,
      en: `Unknown "${action}". Use create, edit <id>, reschedule <id> <date> <time>, cancel <id>, close <id>, export <id> or list.`,
    });
  },
};

/** `[单位|@主要负责人] [--since YYYY-MM-DD] [导出]` parsed; anything else is an error naming it. */
function parseAbsenceArgs(args: readonly string[], zone: string): { target: string | null; since?: Date; exportFile: boolean } {
  let target: string | null = null;
  let since: Date | undefined;
  let exportFile = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const sinceFlag = a === "--since" || a === "自" || a === "从";
    if (sinceFlag || a.startsWith("--since=")) {
      const sinceValue = sinceFlag ? args[++i] : a.slice("--since=".length);
      if (!sinceValue || !DaySchema.safeParse(sinceValue).success) {
        throw new AppError(ErrorCode.InputInvalid, {
          zh: "--since 后请写日期，如 2026-04-01。",
          en: "--since takes a date such as 2026-04-01.",
        });
      }
      since = atLocalTime(sinceValue, "00:00", zone);
    } else if (a === "export" || a === "导出" || a === "--export") {
      exportFile = true;
    } else {
      target = target ? `${target} ${a}` : a;
    }
  }
  return { target, since, exportFile };
}

/**
 * Who may see what: the office sees everyone; anyone else sees the departments they belong to (registered, or as
 * a member of the department's channel) — named, or by default all of theirs — and their own record as a head.
 */
async function absenceScope(
  ctx: CommandContext,
  target: string | null,
  office: boolean,
): Promise<{ query: Omit<AbsenceQuery, "since">; scope: string | null }> {
  const { db } = ctx.deps;
  const denied = () =>
    new AppError(ErrorCode.Forbidden, {
      zh: "您只能查看本单位的缺席记录；全部记录仅安委办可查看。",
      en: "You can see your own department's record only; the full record is for the safety office.",
    });
  const mention = target ? /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(target) : null;
  if (mention) {
    const userId = mention[1]!;
    if (!office && userId !== ctx.userId) throw denied();
    // Slack sends `<@U123>` without the name more and more often: the directory has it.
    const name = mention[2] || (await db.department.findFirst({ where: { headSlackUserId: userId }, select: { headName: true } }))?.headName;
    return { query: { headSlackUserId: userId }, scope: name ?? null };
  }
  if (target) {
    // A plain name ("@王强" where Slack made no mention, or "王强"): with the @ a head's name first, else a department's.
    const head = /^[@＠]/.test(target) ? await findHeadByName(db, target) : null;
    const dept = head ? null : await findDepartmentByText(db, target.replace(/^[@＠]/, "")).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (dept && !(dept instanceof Error)) {
      if (!office && !(await departmentRole(db, ctx.deps.delivery, ctx.userId, dept.id))) throw denied();
      return { query: { departmentIds: [dept.id] }, scope: ctx.command.lang === "zh" ? dept.nameZh : dept.nameEn };
    }
    const named = head ?? (dept instanceof AppError && dept.code === ErrorCode.NotFound ? await findHeadByName(db, target) : null);
    if (!named) {
      if (!(dept instanceof AppError) || dept.code !== ErrorCode.NotFound) throw dept;
      const typed = target.replace(/^[@＠]/, "");
      throw new AppError(ErrorCode.NotFound, {
        zh: `名录中没有“${typed}”这个单位或主要负责人。`,
        en: `No department or principal head matches "${typed}".`,
      });
    }
    if (!office && named.slackUserId !== ctx.userId) throw denied();
    return { query: { headSlackUserId: named.slackUserId }, scope: named.name };
  }
  if (office) return { query: {}, scope: null };
  const mine = [...new Set((await registeredMemberships(db, ctx.userId)).map((m) => m.departmentId))];
  if (mine.length === 0) {
    throw new AppError(ErrorCode.Forbidden, {
      zh: "您未登记在任何单位。请写明单位名称，例如 /redline 缺席 卫辉市；全部记录仅安委办可查看。",
      en: "You are not registered with any department. Name yours, e.g. /redline absences Weihui; the full record is for the safety office.",
    });
  }
  return { query: { departmentIds: mine }, scope: null };
}

export const absencesCommand: SubcommandDefinition = {
  names: ["absences", "absence", "缺席", "缺席记录"],
  usage: {
    zh: "`/redline 缺席 [单位|@主要负责人] [--since 2026-04-01] [导出]` — 主要负责人未本人参会记录和约谈名单（安委办可看全部，其他人看本单位）",
    en: "`/redline absences [department|@head] [--since 2026-04-01] [export]` — heads who missed mandatory meetings, and the summons list (office: everyone; others: their own department)",
  },
  async run(ctx) {
    const { deps, command } = ctx;
    const lang = command.lang;
    const parsed = parseAbsenceArgs(command.args, deps.config.zone);
    const office = await isOfficeMember(deps.db, ctx.userId);
    const { query, scope } = await absenceScope(ctx, parsed.target, office);
    const full: AbsenceQuery = { ...query, ...(parsed.since ? { since: parsed.since } : {}) };
    if (parsed.exportFile) {
      await requireOffice(deps.db, ctx.userId, { zh: "导出缺席记录", en: "export the absence record" });
      const files = await exportAbsences(deps.db, full, deps.now(), deps.config.zone, lang);
      const channel = await uploadToOffice(
        ctx,
        files,
        lang === "zh" ? `📎 ${esc(files.title)}（<@${ctx.userId}> 导出）` : `📎 ${esc(files.title)} (exported by <@${ctx.userId}>)`,
      );
      await say(ctx, lang === "zh" ? `✅ 缺席记录已上传至 <#${channel}>。` : `✅ The absence record was uploaded to <#${channel}>.`);
      return;
    }
    const [record, interviews] = await Promise.all([loadAbsenceRecord(deps.db, full), loadRecordedInterviews(deps.db, full, deps.config.zone)]);
    await ctx.respond({ response_type: "ephemeral", ...buildAbsencesMessage({ record, interviews, scope, lang }) });
  },
};

/** /redline subcommands for meetings. */
export const meetingCommands: SubcommandDefinition[] = [meetingCommand, absencesCommand];
