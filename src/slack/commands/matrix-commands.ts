import { requireOffice } from "../../directory/office.ts";
import { matchVenueTypes } from "../../domain/matrix/match-venue-types.ts";
import type { MatrixVenueType } from "../../domain/matrix/types.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual } from "../../lib/i18n.ts";
import { entryJson } from "../../matrix/matrix-edit-input.ts";
import { readMatrixHistory } from "../../matrix/matrix-history.ts";
import {
  buildAddAliasesModal,
  buildAddVenueTypeModal,
  buildChangeLeadModal,
  type MatrixFormMeta,
} from "../../messages/matrix/matrix-forms.ts";
import { matrixHistoryMessage } from "../../messages/matrix/matrix-history.ts";
import type { CommandContext, SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  add: ["添加", "add", "新增"],
  edit: ["修改", "edit", "change", "更改"],
  alias: ["别名", "alias", "aliases"],
  history: ["历史", "history", "记录", "log"],
} as const;

export const MATRIX_EDITING: Bilingual = { zh: "维护责任矩阵", en: "maintain the responsibility matrix" };

const USAGE = {
  zh: "用法：/redline 矩阵 添加 | 修改 <场所> | 别名 <场所> | 历史",
  en: "Usage: /redline matrix add | edit <place> | alias <place> | history",
};

/** Departments and universities, the only units that may lead a venue type. */
async function leadOptions(ctx: Pick<CommandContext, "deps">) {
  return ctx.deps.db.department.findMany({
    where: { kind: { in: ["department", "university"] } },
    select: { id: true, nameZh: true, nameEn: true },
    orderBy: { id: "asc" },
  });
}

/** The one venue type the words after the action name, as a question would (养老院, 敬老院, nursing home). */
async function namedVenueType(ctx: CommandContext, action: string): Promise<MatrixVenueType> {
  const place = ctx.command.args.slice(1).join(" ").trim();
  const matrix = await ctx.deps.whoLeads.matrix();
  const exact = matrix.venueTypes.find((v) => v.id === place);
  const matches = exact ? [{ venueType: exact }] : place ? matchVenueTypes(place, matrix.venueTypes) : [];
  if (matches.length === 1) return matches[0]!.venueType;
  throw new AppError(ErrorCode.InputInvalid, {
    zh: matches.length
      ? `“${place}”对应多类场所（${matches.map((m) => m.venueType.nameZh).join("、")}），请只写一类，例如 /redline 矩阵 ${action} 养老院。`
      : place
        ? `责任矩阵中没有“${place}”这类场所。新的场所类型请用 /redline 矩阵 添加。`
        : `请写明场所，例如 /redline 矩阵 ${action} 养老院。`,
    en: matches.length
      ? `"${place}" names several venue types (${matches.map((m) => m.venueType.nameEn).join(", ")}); name one, e.g. /redline matrix ${action === "修改" ? "edit" : "alias"} nursing home.`
      : place
        ? `The matrix has no venue type like "${place}". Add a new one with /redline matrix add.`
        : `Name the place, e.g. /redline matrix ${action === "修改" ? "edit" : "alias"} nursing home.`,
  });
}

function meta(ctx: CommandContext, extra: Partial<MatrixFormMeta> = {}): MatrixFormMeta {
  return { lang: ctx.command.lang, channelId: ctx.channelId, ...extra };
}

async function openAdd(ctx: CommandContext) {
  const view = buildAddVenueTypeModal({ lang: ctx.command.lang, departments: await leadOptions(ctx), meta: meta(ctx) });
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
}

async function openAlias(ctx: CommandContext) {
  const venueType = await namedVenueType(ctx, "别名");
  const view = buildAddAliasesModal({ lang: ctx.command.lang, venueType, meta: meta(ctx, { venueTypeId: venueType.id }) });
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
}

async function openEdit(ctx: CommandContext) {
  const { id } = await namedVenueType(ctx, "修改");
  // The rows as they are now (not the held matrix), so the form's "seen" is what the change is checked against.
  const venueType = await ctx.deps.db.venueType.findUniqueOrThrow({
    where: { id },
    include: { entries: { include: { department: true }, orderBy: { id: "asc" } } },
  });
  const leads = venueType.entries.map((e) => ({
    entryId: e.id,
    departmentId: e.departmentId,
    departmentNameZh: e.department.nameZh,
    departmentNameEn: e.department.nameEn,
    scopeZh: e.scopeZh,
    scopeEn: e.scopeEn,
  }));
  const seen = Object.fromEntries(venueType.entries.map((e) => [String(e.id), entryJson(e)]));
  const view = buildChangeLeadModal({
    lang: ctx.command.lang,
    venueType,
    leads,
    departments: await leadOptions(ctx),
    meta: meta(ctx, { venueTypeId: id, seen }),
  });
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
}

async function history(ctx: CommandContext) {
  const page = await readMatrixHistory(ctx.deps.db);
  await ctx.respond({
    response_type: "ephemeral",
    ...matrixHistoryMessage({ ...page, paged: false, lang: ctx.command.lang, zone: ctx.deps.config.zone }),
  });
}

/** `/redline 矩阵 添加|修改|别名|历史`: the office keeps the matrix current from Slack (checked on the server). */
export const matrixCommand: SubcommandDefinition = {
  names: ["矩阵", "matrix", "责任矩阵"],
  officeOnly: true,
  usage: {
    zh: "`/redline 矩阵 添加` · `/redline 矩阵 修改 <场所>` · `/redline 矩阵 别名 <场所>` · `/redline 矩阵 历史` — 添加场所类型、修改牵头部门（附依据文件或条款）、添加别名、查看修改记录（仅安委办）",
    en: "`/redline matrix add` · `/redline matrix edit <place>` · `/redline matrix alias <place>` · `/redline matrix history` — add a venue type, change a lead (with its source document or clause), add aliases, see the changes (office only)",
  },
  async run(ctx) {
    await requireOffice(ctx.deps.db, ctx.userId, MATRIX_EDITING);
    const action = (ctx.command.args[0] ?? "").toLowerCase();
    if ((ACTIONS.add as readonly string[]).includes(action)) return openAdd(ctx);
    if ((ACTIONS.edit as readonly string[]).includes(action)) return openEdit(ctx);
    if ((ACTIONS.alias as readonly string[]).includes(action)) return openAlias(ctx);
    if ((ACTIONS.history as readonly string[]).includes(action)) return history(ctx);
    throw new AppError(ErrorCode.InputInvalid, USAGE);
  },
};
