import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { localClock, localDay } from "../../domain/calendar/office-hours.ts";
import { HAZARD_COLOUR_NAMES } from "../../domain/hazards/colour.ts";
import { parseHazardNumber } from "../../domain/hazards/hazard-number.ts";
import { formatRate } from "../../domain/hazards/ledger.ts";
import { HAZARD_LEVEL_NAMES, HAZARD_STATE_NAMES } from "../../domain/hazards/types.ts";
import { exportHazardLedger } from "../../hazards/export-ledger.ts";
import { importHazardLedger } from "../../hazards/import-ledger.ts";
import { hazardDetail, ledgerStatistics, listLedger } from "../../hazards/ledger.ts";
import { recordInterview } from "../../hazards/record-interview.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { osUser, type CliContext } from "../context.ts";

const cliUser = (ctx: CliContext) => `cli:${osUser(ctx)}`;
const ALL = { all: true } as const;

export function register(program: Command, ctx: CliContext): void {
  const hazard = program.command("hazard").description("the hazard ledger / 隐患台账");

  hazard
    .command("import <file>")
    .description("import an Excel 隐患台账 (.xlsx): every row checked first, nothing written unless all are valid / 导入隐患台账")
    .option("--dry-run", "check the file only")
    .action(async (file: string, o: { dryRun?: boolean }) => {
      const db = await ctx.database();
      const config = ctx.config();
      const now = new Date();
      const result = await importHazardLedger(db.prisma, await readFile(file), {
        fileName: path.basename(file),
        actor: cliUser(ctx),
        now,
        today: localDay(now, config.zone),
        dryRun: o.dryRun,
      });
      if (o.dryRun) return ctx.out(`${result.rows} rows valid, nothing written (dry run)\n${result.rows} 行均有效，未写入（试运行）`);
      ctx.out(
        `imported ${result.created.length} of ${result.rows} rows${result.alreadyImported.length ? `, ${result.alreadyImported.length} already in the ledger` : ""}` +
          `${result.created.length ? `: ${result.created[0]} … ${result.created.at(-1)}` : ""}\n` +
          `已导入 ${result.created.length} 条${result.alreadyImported.length ? `，${result.alreadyImported.length} 条已在台账中` : ""}`,
      );
    });

  hazard
    .command("interview")
    .description("record a 约谈 (safety interview) against a unit, optionally about one hazard / 记录约谈")
    .requiredOption("--unit <unit>", "the unit: id or name / 单位")
    .requiredOption("--day <YYYY-MM-DD>", "the day it took place / 日期")
    .requiredOption("--summoned <who>", "who was summoned / 被约谈人")
    .option("--note <text>", "what was said or required / 备注")
    .option("--hazard <number>", "the hazard it was about, e.g. YH-2026-0001 / 隐患编号")
    .action(async (o: { unit: string; day: string; summoned: string; note?: string; hazard?: string }) => {
      const db = await ctx.database();
      const unit = await findDepartmentByText(db.prisma, o.unit);
      const r = await recordInterview(
        db.prisma,
        { departmentId: unit.id, onDay: o.day, summoned: o.summoned, note: o.note ?? null, hazardNumber: o.hazard ?? null },
        cliUser(ctx),
        new Date(),
      );
      ctx.out(
        r.created
          ? `recorded interview ${r.interview.id}: ${unit.nameEn} ${o.day} ${o.summoned}${r.event ? ` (in ${o.hazard!.toUpperCase()}'s history)` : ""}\n已记录约谈：${unit.nameZh} ${o.day} ${o.summoned}`
          : `already recorded (interview ${r.interview.id}); nothing added\n此约谈此前已记录，未重复登记`,
      );
    });

  hazard
    .command("export")
    .description("write the ledger (all hazards, every field, latest state; statistics per unit) / 导出隐患台账")
    .requiredOption("--xlsx <file>", "the .xlsx file to write")
    .action(async (o: { xlsx: string }) => {
      const db = await ctx.database();
      const buffer = await exportHazardLedger(db.prisma, ALL, { now: new Date(), zone: ctx.config().zone });
      await writeFile(o.xlsx, buffer);
      ctx.out(`wrote ${o.xlsx}\n已导出 ${o.xlsx}`);
    });

  hazard
    .command("list")
    .description("open hazards, most urgent first / 隐患列表")
    .option("--unit <id>", "one unit (department id)")
    .option("--overdue", "overdue only / 逾期")
    .option("--major", "major only / 重大")
    .option("--listed", "listed only / 挂牌")
    .option("--all", "closed ones too / 含已销号")
    .option("--json", "print JSON")
    .action(async (o: { unit?: string; overdue?: boolean; major?: boolean; listed?: boolean; all?: boolean; json?: boolean }) => {
      const db = await ctx.database();
      const rows = await listLedger(
        db.prisma,
        ALL,
        { unitId: o.unit ?? null, overdue: o.overdue, major: o.major, listed: o.listed, includeClosed: o.all },
        { now: new Date(), zone: ctx.config().zone },
      );
      const items = rows.map(({ hazard: h, status }) => ({
        number: h.number,
        unit: h.unitId,
        place: h.placeName,
        level: h.level,
        state: h.state,
        listed: h.listed,
        leadDepartment: h.leadDepartmentId,
        deadline: h.deadlineDay,
        colour: status.colour,
        overdue: status.overdue,
        overdueWorkingDays: status.overdueWorkingDays,
      }));
      if (o.json) return ctx.out(JSON.stringify(items, null, 2));
      if (!items.length) return ctx.out("no hazards match / 没有符合条件的隐患");
      for (const i of items) {
        ctx.out(
          `${i.number}  ${i.unit}  ${i.place}  ${HAZARD_LEVEL_NAMES[i.level].zh}  ${HAZARD_STATE_NAMES[i.state].zh}${i.listed ? " 挂牌" : ""}  ${i.deadline}  ${HAZARD_COLOUR_NAMES[i.colour].zh}${i.overdue ? ` 逾期${i.overdueWorkingDays}个工作日` : ""}`,
        );
      }
    });

  hazard
    .command("show <number>")
    .description("one hazard with its history / 隐患详情")
    .option("--json", "print JSON")
    .action(async (raw: string, o: { json?: boolean }) => {
      const parsed = parseHazardNumber(raw);
      if (!parsed)
        throw new AppError(ErrorCode.InputInvalid, {
          zh: `“${raw}”不是隐患编号（如 YH-2026-0001）。`,
          en: `"${raw}" is not a hazard number (e.g. YH-2026-0001).`,
        });
      const db = await ctx.database();
      const h = await hazardDetail(db.prisma, parsed.number);
      if (!h) throw new AppError(ErrorCode.NotFound, { zh: `没有隐患 ${parsed.number}。`, en: `No hazard ${parsed.number}.` });
      const zone = ctx.config().zone;
      const history = h.events.map((e) => ({
        at: e.at.toISOString(),
        actor: e.actorSlackUserId,
        action: e.action,
        from: e.fromState,
        to: e.toState,
        note: e.note,
        files: e.files.map((f) => ({ kind: f.kind, name: f.name, slackFileId: f.slackFileId })),
      }));
      const { events: _events, files, ...fields } = h;
      if (o.json)
        return ctx.out(
          JSON.stringify(
            { ...fields, files: files.map((f) => ({ kind: f.kind, name: f.name, slackFileId: f.slackFileId })), history },
            null,
            2,
          ),
        );
      ctx.out(
        `${h.number}  ${h.unitId}  ${h.placeName}  ${HAZARD_LEVEL_NAMES[h.level].zh}  ${HAZARD_STATE_NAMES[h.state].zh}  整改期限 ${h.deadlineDay}`,
      );
      ctx.out(h.description);
      for (const e of h.events) {
        ctx.out(
          `  ${localDay(e.at, zone)} ${localClock(e.at, zone)}  ${e.actorSlackUserId}  ${e.action}${e.fromState && e.toState ? `  ${e.fromState} → ${e.toState}` : ""}${e.note ? `  ${e.note}` : ""}`,
        );
      }
    });

  hazard
    .command("stats")
    .description("per unit: found, rectified, rate, open, overdue, major, listed / 隐患统计")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const db = await ctx.database();
      const stats = await ledgerStatistics(db.prisma, ALL, { now: new Date(), zone: ctx.config().zone });
      if (o.json) return ctx.out(JSON.stringify(stats, null, 2));
      ctx.out("单位 / unit  发现 found  销号 rectified  整改率 rate  未销号 open  逾期 overdue  重大 major  挂牌 listed");
      for (const s of [...stats.units, { ...stats.total, nameZh: "合计 total" }]) {
        ctx.out(`${s.nameZh}  ${s.found}  ${s.rectified}  ${formatRate(s.rate)}  ${s.open}  ${s.overdue}  ${s.major}  ${s.listed}`);
      }
    });
}
