import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { importAccidents } from "../../accountability/import-accidents.ts";
import { contentKey, parseAccidentInput } from "../../accountability/accident-input.ts";
import { accidentListItems, usageView } from "../../accountability/accident-views.ts";
import { recordAccident } from "../../accountability/record-accident.ts";
import { categoryName, levelName, followUpName } from "../../domain/accountability/categories.ts";
import { CITY } from "../../domain/accountability/target-usage.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { closeFollowUp } from "../../accountability/close-follow-up.ts";
import { findFollowUpItem } from "../../domain/accountability/follow-up.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { osUser, type CliContext } from "../context.ts";

const cliUser = (ctx: CliContext) => `cli:${osUser(ctx)}`;

interface AddOptions {
  date: string;
  unit: string;
  county: string;
  category: string;
  level: string;
  deaths: string;
  injuries?: string;
  description: string;
  responsible?: boolean;
  key?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const accident = program.command("accident").description("accidents and control targets / 事故登记与控制指标");
  accident
    .command("add")
    .description("record an accident (the same line twice records one) / 登记事故")
    .requiredOption("--date <YYYY-MM-DD>", "day it happened")
    .requiredOption("--unit <id>", "unit held to account (department id)")
    .requiredOption("--county <id>", "county/district where it happened")
    .requiredOption("--category <id|名称>", "industry-trade|road-traffic|fire|… or 工矿商贸, 火灾 …")
    .requiredOption("--level <id|名称>", "general|larger|major|especially_major or 一般/较大/重大/特别重大")
    .requiredOption("--deaths <n>", "deaths")
    .option("--injuries <n>", "injuries", "0")
    .requiredOption("--description <text>", "what happened")
    .option("--responsible", "the unit is found responsible (counts towards 一票否决)")
    .option("--key <text>", "idempotency key (default: the accident's content)")
    .action(async (o: AddOptions) => {
      const input = parseAccidentInput(
        {
          occurredOn: o.date,
          departmentId: o.unit,
          countyId: o.county,
          category: o.category,
          level: o.level,
          deaths: o.deaths,
          injuries: o.injuries ?? "0",
          description: o.description,
          unitResponsible: o.responsible === true,
        },
        "accident add",
      );
      const db = await ctx.database();
      const { accident: a, created } = await recordAccident(db.prisma, input, { sourceKey: o.key ? `cli:${o.key}` : contentKey(input), actor: cliUser(ctx), now: new Date() });
      ctx.out(
        created
          ? `recorded ${a.id}: ${a.occurredOn} ${a.departmentId} (${a.countyId}) ${categoryName(a.category, "en")} · ${levelName(a.level, "en")} · ${a.deaths} dead\n已登记 ${a.id}，四不放过 4 项待落实`
          : `already recorded as ${a.id}; nothing added\n已登记过（${a.id}），未重复登记`,
      );
    });
  accident
    .command("import <file>")
    .description("record the accidents of an Excel sheet (.xlsx): every row checked first, none recorded unless all are valid; again, nothing twice / 导入事故表")
    .action(async (file: string) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (e) {
        throw new AppError(ErrorCode.FileInvalid, { zh: `无法读取文件 ${file}。`, en: `Cannot read file ${file}.` }, { cause: e });
      }
      const db = await ctx.database();
      const now = new Date();
      const r = await importAccidents(db.prisma, bytes, { actor: cliUser(ctx), now, today: localDay(now, ctx.config().zone) });
      const ids = r.created.length ? `: ${r.created.join(", ")}` : "";
      ctx.out(
        `recorded ${r.created.length} of ${r.rows} accidents${ids}${r.alreadyRecorded.length ? `; ${r.alreadyRecorded.length} already recorded` : ""}\n` +
          `已登记 ${r.created.length} 起${ids}${r.alreadyRecorded.length ? `；${r.alreadyRecorded.length} 起此前已登记，未重复登记` : ""}，每起四不放过 4 项待落实`,
      );
    });
  accident
    .command("close")
    .description("close one 四不放过 item with a note and evidence / 落实四不放过事项")
    .argument("<id>", "accident number, e.g. SG-2026-0001")
    .requiredOption("--item <item>", "cause|people|education|measures (原因|责任人|教育|措施)")
    .requiredOption("--note <text>", "what was done")
    .requiredOption("--evidence <text>", "document number or link")
    .action(async (id: string, o: { item: string; note: string; evidence: string }) => {
      const item = findFollowUpItem(o.item);
      if (!item) throw new AppError(ErrorCode.InputInvalid, { zh: `--item 应为 原因|责任人|教育|措施，而不是 "${o.item}"。`, en: `--item must be cause|people|education|measures, not "${o.item}".` });
      const db = await ctx.database();
      const r = await closeFollowUp(db.prisma, { accidentId: id.toUpperCase(), item, note: o.note, evidence: o.evidence }, { actor: cliUser(ctx), now: new Date() });
      if (!r.closed) return ctx.out(`${followUpName(item, "en")} of ${id} was already closed; nothing changed\n该项已落实，未作更改`);
      ctx.out(
        r.accidentClosed
          ? `closed ${followUpName(item, "en")}; all four closed, accident ${id} is closed\n四项均已落实，事故闭环`
          : `closed ${followUpName(item, "en")}; still open: ${r.openItems.join(", ")}\n尚待落实：${r.openItems.map((i) => followUpName(i, "zh")).join("、")}`,
      );
    });
  accident
    .command("list")
    .description("a year's accidents with their 四不放过 items / 事故列表")
    .option("--year <yyyy>", "year (default: this year)")
    .option("--json", "print JSON")
    .action(async (o: { year?: string; json?: boolean }) => {
      const db = await ctx.database();
      const year = o.year ? Number(o.year) : Number(localDay(new Date(), ctx.config().zone).slice(0, 4));
      const items = await accidentListItems(db.prisma, year, "zh");
      if (o.json) return ctx.out(JSON.stringify(items, null, 2));
      if (!items.length) return ctx.out(`no accidents in ${year} / ${year} 年暂无事故登记`);
      for (const a of items)
        ctx.out(
          `${a.id}\t${a.occurredOn}\t${a.unitName}\t${a.countyName}\t${categoryName(a.category, "zh")}\t${levelName(a.level, "zh")}\t死亡${a.deaths}\t受伤${a.injuries}\t${a.closed ? "已闭环" : `待落实：${a.openItems.map((i) => followUpName(i, "zh")).join("、")}`}`,
        );
    });
  accident
    .command("stats")
    .description("year to date against the control targets / 事故与控制指标")
    .option("--as-of <YYYY-MM-DD>", "count up to this day (default: today)")
    .action(async (o: { asOf?: string }) => {
      const db = await ctx.database();
      const view = await usageView(db.prisma, o.asOf ?? localDay(new Date(), ctx.config().zone), "zh");
      for (const r of view.rows)
        ctx.out(
          `${r.countyId === CITY ? "全市" : (view.countyNames.get(r.countyId) ?? r.countyId)}\t${categoryName(r.category, "zh")}\t${r.accidents}起/${r.maxAccidents ?? "-"}\t${r.accidentsPercent ?? "-"}%\t死亡${r.deaths}/${r.maxDeaths ?? "-"}\t${r.deathsPercent ?? "-"}%${r.lastYear ? `\t去年同期${r.lastYear.accidents}起${r.lastYear.deaths}人` : ""}${r.flag ? `\t${r.flag}` : ""}`,
        );
      if (!view.rows.length) ctx.out("no accidents and no targets / 暂无事故与指标");
    });
}
