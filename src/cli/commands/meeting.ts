import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { atLocalTime } from "../../domain/calendar/office-hours.ts";
import { DaySchema } from "../../domain/calendar/working-days.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { readYamlFile } from "../../lib/yaml-file.ts";
import { findDepartmentByText, loadAbsenceRecord, type AbsenceQuery } from "../../meetings/absences.ts";
import { absenceRecordJson, absenceRecordText } from "../../meetings/absence-report.ts";
import { claimClose, closeMeetingNow } from "../../meetings/close-meeting.ts";
import { createMeeting } from "../../meetings/create-meeting.ts";
import { cancelMeeting, claimCancel } from "../../meetings/cancel-meeting.ts";
import { draftOf, editMeeting, saveMeetingEdit } from "../../meetings/edit-meeting.ts";
import { resolveMeetingTime, ZMeetingFile, type TMeetingFile } from "../../domain/meetings/definition/meeting-file-schema.ts";
import { loadDirectory } from "../../meetings/directory.ts";
import { exportAbsences, exportMeeting } from "../../meetings/export-meeting.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "../../meetings/keys.ts";
import { listMeetings } from "../../meetings/list-meetings.ts";
import { findMeeting, meetingNotFound } from "../../meetings/load-meeting.ts";
import { noticeSlots } from "../../domain/meetings/notice-schedule.ts";
import { postDueNotices } from "../../meetings/notices.ts";
import { officeChannelId } from "../../directory/office.ts";
import { planMeeting, type MeetingDraft } from "../../domain/meetings/plan-meeting.ts";
import { formatLocalDateTime } from "../../domain/meetings/local-time.ts";
import type { SweepDeps } from "../../delivery/sweep.ts";
import { buildCreatedMessage } from "../../messages/meetings/created-message.ts";
import { osUser, type CliContext } from "../context.ts";

function draftFromFile(file: TMeetingFile, zone: string): MeetingDraft {
  return {
    ...(file.id ? { id: file.id } : {}),
    title: file.title,
    startsAt: resolveMeetingTime(file.startsAt, zone),
    opensMinutesBefore: file.signIn.opensMinutesBefore,
    closesMinutesAfter: file.signIn.closesMinutesAfter,
    departments: file.departments,
    headMustAttend: file.headMustAttend,
    briefingDueWorkingDays: file.briefingDueWorkingDays,
  };
}

/** Slack, when the CLI has credentials: what it posts goes through the same claims as the bot's. */
async function slackDeps(ctx: CliContext): Promise<SweepDeps | null> {
  const config = ctx.config();
  if (config.slack.kind === "none") return null;
  const [db, delivery] = await Promise.all([ctx.database(), ctx.delivery()]);
  return delivery && { db: db.prisma, delivery, config, logger: ctx.logger() };
}

const NO_SLACK =
  "未配置 SLACK_BOT_TOKEN：已保存，通知和消息将由运行中的机器人在下一次调度（每分钟）时发出。\n" +
  "No SLACK_BOT_TOKEN: saved; the running bot's tick (every minute) posts the notices and messages.";

function parseSince(text: string | undefined, zone: string): Date | undefined {
  if (text === undefined) return undefined;
  if (!DaySchema.safeParse(text).success)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `--since 应为日期，如 2026-04-01：${text}`,
      en: `--since must be a date such as 2026-04-01: ${text}`,
    });
  return atLocalTime(text, "00:00", zone);
}

export function register(program: Command, ctx: CliContext): void {
  const meeting = program.command("meeting").description("mandatory meetings: create, close, export, list / 会议签到");

  meeting
    .command("create")
    .description("create a meeting from a YAML file / 从 YAML 文件创建会议")
    .argument("<file>", "meeting file, see prisma/seed/meetings/example.yaml")
    .option("--check", "validate against the directory and print the plan without saving / 只检查，不保存")
    .action(async (file: string, opts: { check?: boolean }) => {
      const config = ctx.config();
      const parsed = await readYamlFile(file, ZMeetingFile);
      const draft = draftFromFile(parsed, config.zone);
      const db = (await ctx.database()).prisma;
      const now = new Date();
      if (opts.check) {
        const planned = planMeeting(draft, await loadDirectory(db), now);
        if (!planned.ok)
          throw new AppError(ErrorCode.InputInvalid, {
            zh: planned.problems.map((p) => p.message.zh).join("\n"),
            en: planned.problems.map((p) => p.message.en).join("\n"),
          });
        ctx.out(
          `ok: ${planned.plan.title} · ${formatLocalDateTime(planned.plan.startsAt, "zh")} · ${planned.plan.departments.length} departments / 个单位（未保存 / not saved）`,
        );
        return;
      }
      const createdBy = `cli:${osUser(ctx)}`;
      const created = await createMeeting(db, draft, { createdBy, now, zone: config.zone });
      const { plan } = created;
      const notices = noticeSlots(plan, config.zone).filter((s) => s.at > now);
      ctx.out(
        [
          `created meeting ${created.id} / 已创建会议 ${created.id}：${plan.title}`,
          `  ${formatLocalDateTime(plan.startsAt, "zh")} · ${plan.departments.length} 个应参会单位 / departments required`,
          `  签到 / sign-in: ${formatLocalDateTime(plan.signInOpensAt, "zh")} – ${formatLocalDateTime(plan.signInClosesAt, "zh")}`,
          ...notices.map((n) => `  通知 / notice ${n.key}: ${formatLocalDateTime(n.at, "zh")}`),
          ...plan.warnings.map((w) => `  ⚠ ${w.zh} / ${w.en}`),
        ].join("\n"),
      );
      const slack = await slackDeps(ctx);
      if (!slack) {
        ctx.out(NO_SLACK);
        return;
      }
      const office = await officeChannelId(db, config);
      if (office) {
        const message = buildCreatedMessage({
          meeting: { id: created.id, ...plan },
          departments: plan.departments,
          createdBy,
          notices,
          warnings: plan.warnings,
          lang: config.lang,
        });
        await slack.delivery.postOnce({
          key: meetingKeys.created(created.id),
          kind: MEETING_DISPATCH_KINDS.created,
          channel: office,
          message,
        });
      }
      const posted = await postDueNotices(slack, now, [created.id]);
      if (posted.sent > 0) ctx.out(`posted ${posted.sent} notices now / 已发出 ${posted.sent} 条通知`);
    });

  meeting
    .command("close")
    .description("close sign-in now and report attendance / 立即结束签到并发送签到情况")
    .argument("<id>", "meeting id")
    .action(async (id: string) => {
      const db = (await ctx.database()).prisma;
      if (!(await findMeeting(db, id))) throw meetingNotFound(id);
      const now = new Date();
      const closedBy = `cli:${osUser(ctx)}`;
      const slack = await slackDeps(ctx);
      const closed = slack ? (await closeMeetingNow(slack, id, closedBy, now)).closed : await claimClose(db, id, closedBy, now);
      if (!closed)
        throw new AppError(ErrorCode.Conflict, { zh: `会议 ${id} 的签到已经结束。`, en: `Sign-in for ${id} had already closed.` });
      ctx.out(`closed ${id} / 已结束签到`);
      ctx.out(slack ? "attendance report and briefing confirmations posted / 已发送签到情况和传达确认" : NO_SLACK);
    });

  meeting
    .command("reschedule")
    .description("move a meeting to a new date and start time; its sign-in window moves with it / 会议改期（重新通知）")
    .argument("<id>", "meeting id")
    .argument("<date>", "new date, YYYY-MM-DD")
    .argument("<time>", "new start time, HH:mm (Beijing time)")
    .action(async (id: string, date: string, time: string) => {
      const config = ctx.config();
      const db = (await ctx.database()).prisma;
      const meeting = await findMeeting(db, id);
      if (!meeting) throw meetingNotFound(id);
      if (!DaySchema.safeParse(date).success || !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time))
        throw new AppError(ErrorCode.InputInvalid, {
          zh: `请写新的日期和开始时间，例如 redline meeting reschedule ${id} 2026-06-01 15:00。`,
          en: `Give the new date and start time, e.g. redline meeting reschedule ${id} 2026-06-01 15:00.`,
        });
      const args = {
        meetingId: id,
        draft: { ...draftOf(meeting), startsAt: atLocalTime(date, time.padStart(5, "0"), config.zone) },
        expectedRevision: meeting.revision,
        editedBy: `cli:${osUser(ctx)}`,
        now: new Date(),
      };
      const slack = await slackDeps(ctx);
      const edited = slack ? await editMeeting(slack, args) : await saveMeetingEdit({ db, logger: ctx.logger() }, args);
      ctx.out(`rescheduled ${id} / 已改期（第 ${edited.revision} 次变更）：${formatLocalDateTime(edited.meeting.info.startsAt, "zh")}`);
      if (edited.voided.length) ctx.out(`  ${edited.voided.length} sign-ins voided / 人的签到已作废`);
      ctx.out(slack ? "change notices posted / 已重新发出通知" : NO_SLACK);
    });

  meeting
    .command("cancel")
    .description("call a meeting off: departments are told, it leaves the absence record / 取消会议")
    .argument("<id>", "meeting id")
    .option("--reason <text>", "why, shown to the departments / 取消原因")
    .action(async (id: string, opts: { reason?: string }) => {
      const db = (await ctx.database()).prisma;
      const args = { meetingId: id, cancelledBy: `cli:${osUser(ctx)}`, reason: opts.reason ?? null, now: new Date() };
      const slack = await slackDeps(ctx);
      if (slack) await cancelMeeting(slack, args);
      else await claimCancel(db, args);
      ctx.out(`cancelled ${id} / 已取消会议`);
      ctx.out(slack ? "cancellations posted / 已通知各单位" : NO_SLACK);
    });

  meeting
    .command("export")
    .description("write the sign-in sheet (签到表) as xlsx and/or csv / 导出签到表")
    .argument("<id>", "meeting id")
    .option("--xlsx <path>", "Excel workbook to write")
    .option("--csv <path>", "CSV file to write (UTF-8 with BOM)")
    .option("--lang <lang>", "zh or en", "zh")
    .action(async (id: string, opts: { xlsx?: string; csv?: string; lang: string }) => {
      if (!opts.xlsx && !opts.csv)
        throw new AppError(ErrorCode.InputInvalid, {
          zh: "请用 --xlsx <文件> 或 --csv <文件> 指定输出。",
          en: "Say where to write: --xlsx <path> and/or --csv <path>.",
        });
      const lang = opts.lang === "en" ? "en" : "zh";
      const files = await exportMeeting((await ctx.database()).prisma, id, new Date(), lang);
      if (opts.xlsx) {
        await writeFile(opts.xlsx, files.xlsx);
        ctx.out(`wrote ${opts.xlsx}`);
      }
      if (opts.csv) {
        await writeFile(opts.csv, files.csv);
        ctx.out(`wrote ${opts.csv}`);
      }
    });

  meeting
    .command("list")
    .description("list meetings / 会议列表")
    .option("--json", "one JSON array")
    .action(async (opts: { json?: boolean }) => {
      const items = await listMeetings((await ctx.database()).prisma, 100);
      if (opts.json) {
        ctx.out(JSON.stringify(items));
        return;
      }
      for (const m of items)
        ctx.out(`${m.id}\t${formatLocalDateTime(m.startsAt, "zh")}\t${m.status}\t${m.signedIn}/${m.required}\t${m.title}`);
    });

  program
    .command("absences")
    .description("principal heads who missed mandatory meetings in person, and the summons list / 主要负责人缺席记录和约谈名单")
    .option("--since <date>", "count meetings from this day (YYYY-MM-DD, local)")
    .option("--department <text>", "one department: id or name")
    .option("--head <slackUserId>", "one principal head")
    .option("--threshold <n>", "misses per quarter that put a head on the summons list", "2")
    .option("--json", "print the record as JSON")
    .option("--xlsx <path>", "also write the record as an Excel workbook")
    .option("--csv <path>", "also write the record as CSV")
    .option("--lang <lang>", "zh or en", "zh")
    .action(
      async (opts: {
        since?: string;
        department?: string;
        head?: string;
        threshold: string;
        json?: boolean;
        xlsx?: string;
        csv?: string;
        lang: string;
      }) => {
        const config = ctx.config();
        const db = (await ctx.database()).prisma;
        const threshold = Number(opts.threshold);
        if (!Number.isInteger(threshold) || threshold < 1)
          throw new AppError(ErrorCode.InputInvalid, {
            zh: "--threshold 应为正整数。",
            en: "--threshold must be a positive whole number.",
          });
        const query: AbsenceQuery = { threshold };
        const since = parseSince(opts.since, config.zone);
        if (since) query.since = since;
        if (opts.department) query.departmentIds = [(await findDepartmentByText(db, opts.department)).id];
        if (opts.head) query.headSlackUserId = opts.head;
        const lang = opts.lang === "en" ? "en" : "zh";
        const record = await loadAbsenceRecord(db, query);
        ctx.out(opts.json ? JSON.stringify(absenceRecordJson(record), null, 2) : absenceRecordText(record, lang));
        if (opts.xlsx || opts.csv) {
          const files = await exportAbsences(db, query, new Date(), config.zone, lang);
          if (opts.xlsx) await writeFile(opts.xlsx, files.xlsx);
          if (opts.csv) await writeFile(opts.csv, files.csv);
        }
      },
    );
}
