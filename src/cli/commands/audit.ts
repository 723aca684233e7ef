import { stringify } from "csv-stringify/sync";
import type { Command } from "commander";
import { readAuditLog } from "../../audit/read-audit.ts";
import { actorFromText, checkAuditFilter, parseAuditTime, type AuditFilter } from "../../domain/audit/audit-filter.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { AUDIT_COLUMNS, auditJson, auditLine, auditRow } from "../../messages/audit/audit-rows.ts";
import type { CliContext } from "../context.ts";

interface AuditOptions {
  since?: string;
  until?: string;
  actor?: string;
  action?: string;
  subject?: string;
  department?: string;
  json?: boolean;
  csv?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("audit")
    .description("read the audit log, oldest first / 查看审计日志（按时间先后）")
    .option("--since <time>", "from this day or time (2026-05-01, 2026-05-01T09:30, 7d) — required / 起始时间（必填）")
    .option("--until <time>", "up to this day (inclusive) or time / 截止时间")
    .option("--actor <who>", "a Slack user id, scheduler, cli:<user>; a trailing * matches by prefix / 操作人")
    .option("--action <prefix>", "actions starting with this, e.g. campaign. / 操作（前缀）")
    .option("--subject <subject>", "e.g. campaign:summer-fire-safety; a trailing * matches by prefix / 对象")
    .option("--department <text>", "one department: id or name / 单位")
    .option("--json", "one JSON array")
    .option("--csv", "CSV with a header row (UTF-8 with BOM, for Excel)")
    .action(async (opts: AuditOptions) => {
      if (!opts.since)
        throw new AppError(ErrorCode.InputInvalid, {
          zh: "请用 --since 指定起始时间，例如 --since 2026-05-01 或 --since 7d。",
          en: "Say where to start with --since, e.g. --since 2026-05-01 or --since 7d.",
        });
      if (opts.json && opts.csv)
        throw new AppError(ErrorCode.InputInvalid, { zh: "--json 和 --csv 只能选一个。", en: "Choose one of --json and --csv." });
      const { zone } = ctx.config();
      const db = (await ctx.database()).prisma;
      const now = new Date();
      const filter: AuditFilter = checkAuditFilter({
        since: parseAuditTime(opts.since, "since", zone, now),
        ...(opts.until ? { until: parseAuditTime(opts.until, "until", zone, now) } : {}),
        ...(opts.actor !== undefined ? { actor: actorFromText(opts.actor) } : {}),
        ...(opts.action !== undefined ? { actionPrefix: opts.action } : {}),
        ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
        ...(opts.department !== undefined ? { departmentId: (await findDepartmentByText(db, opts.department)).id } : {}),
      });

      // Written batch by batch, so a year of entries never sits in memory at once.
      let count = 0;
      if (opts.json) ctx.out("[");
      if (!opts.json && !opts.csv) ctx.out(AUDIT_COLUMNS.join("\t"));
      for await (const batch of readAuditLog(db, filter)) {
        if (opts.json) {
          ctx.out(batch.map((e, i) => `${count + i === 0 ? "" : ","}${JSON.stringify(auditJson(e, zone))}`).join("\n"));
        } else if (opts.csv) {
          const first = count === 0;
          const rows = batch.map((e) => auditRow(e, zone));
          ctx.out(stringify(rows, { header: first, bom: first, columns: [...AUDIT_COLUMNS] }).trimEnd());
        } else {
          for (const e of batch) ctx.out(auditLine(e, zone));
        }
        count += batch.length;
      }
      if (opts.json) ctx.out("]");
      if (opts.csv && count === 0) ctx.out(stringify([], { header: true, bom: true, columns: [...AUDIT_COLUMNS] }).trimEnd());
      if (!opts.json && !opts.csv) ctx.err(`${count} 条 / entries`);
    });
}
