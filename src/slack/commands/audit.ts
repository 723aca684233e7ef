import { AUDIT_READING, renderAuditPage } from "../../audit/audit-log-page.ts";
import { requireOffice } from "../../directory/office.ts";
import { actorFromText, checkAuditFilter, parseAuditTime, type AuditFilter } from "../../domain/audit/audit-filter.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import type { CommandContext, SubcommandDefinition } from "./registry.ts";

/** Each filter's flag and the Chinese words that mean the same (`自 2026-05-01 操作人 @王芳`). */
const FLAGS = {
  since: ["--since", "自", "从", "起"],
  until: ["--until", "至", "到", "止"],
  actor: ["--actor", "操作人"],
  action: ["--action", "操作", "动作"],
  subject: ["--subject", "对象"],
  department: ["--department", "--dept", "单位", "部门"],
} as const;
type Flag = keyof typeof FLAGS;

const USAGE = {
  zh: "用法：/redline 审计 [--since 2026-05-01|7d] [--until 2026-05-31] [--actor @某人|scheduler|cli:*] [--action campaign.] [--subject campaign:…] [--department 单位]",
  en: "Usage: /redline audit [--since 2026-05-01|7d] [--until 2026-05-31] [--actor @someone|scheduler|cli:*] [--action campaign.] [--subject campaign:…] [--department name]",
};

function flagOf(word: string): { flag: Flag; inline?: string } | null {
  const [name, inline] =
    word.includes("=") && word.startsWith("--") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined];
  for (const flag of Object.keys(FLAGS) as Flag[])
    if ((FLAGS[flag] as readonly string[]).includes(name.toLowerCase())) return { flag, inline };
  return null;
}

/** `--since 7d --actor @王芳 …` read into a filter; a word that is no filter is refused, naming it. */
async function parseAuditArgs(ctx: CommandContext): Promise<AuditFilter> {
  const { deps, command } = ctx;
  const now = deps.now();
  const filter: AuditFilter = {};
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (/^<@[UW][A-Z0-9]+(\|[^>]*)?>$/.test(word)) {
      filter.actor = actorFromText(word);
      continue;
    }
    const found = flagOf(word);
    const value = found?.inline ?? (found ? args[++i] : undefined);
    if (!found || !value) {
      throw new AppError(ErrorCode.InputInvalid, {
        zh: `${found ? `“${word}”后面缺少内容` : `不认识“${word}”`}。${USAGE.zh}`,
        en: `${found ? `“${word}” needs a value` : `Unknown “${word}”`}. ${USAGE.en}`,
      });
    }
    switch (found.flag) {
      case "since":
      case "until":
        filter[found.flag] = parseAuditTime(value, found.flag, deps.config.zone, now);
        break;
      case "actor":
        filter.actor = actorFromText(value);
        break;
      case "action":
        filter.actionPrefix = value;
        break;
      case "subject":
        filter.subject = value;
        break;
      case "department":
        filter.departmentId = (await findDepartmentByText(deps.db, value)).id;
        break;
    }
  }
  return checkAuditFilter(filter);
}

export const auditCommand: SubcommandDefinition = {
  names: ["audit", "审计", "审计日志"],
  officeOnly: true,
  usage: {
    zh: "`/redline 审计 [--since 7d] [--actor @某人] [--action campaign.] [--subject …] [--department …]` — 审计日志：谁在何时做了什么决定、被拒绝了什么（仅安委办）",
    en: "`/redline audit [--since 7d] [--actor @someone] [--action campaign.] [--subject …] [--department …]` — the audit log: who decided what and when, and what was refused (office only)",
  },
  async run(ctx) {
    const { deps, command } = ctx;
    // Refused before any argument is read (a department filter would otherwise be looked up for anyone).
    await requireOffice(deps.db, ctx.userId, AUDIT_READING);
    const filter = await parseAuditArgs(ctx);
    const page = await renderAuditPage(deps.db, { filter, lang: command.lang }, deps.config.zone);
    await ctx.respond({ response_type: "ephemeral", ...page });
  },
};
