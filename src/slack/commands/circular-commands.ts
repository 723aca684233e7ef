import { draftCircularFor, contentOf } from "../../accountability/circular/draft-circular.ts";
import { publishCircular, sendDraft } from "../../accountability/circular/publish-circular.ts";
import { periodArg } from "../../accountability/score-period.ts";
import { requireOffice } from "../../directory/office.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { buildCircularPreview, publishedNotice } from "../../messages/accountability/circular-message.ts";
import type { CommandContext, SubcommandDefinition } from "./registry.ts";

const DRAFT = ["生成", "draft", "起草", "new"];
const PUBLISH = ["发布", "publish"];

async function draft(ctx: CommandContext, periodText: string | undefined): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "起草通报", en: "draft circulars" });
  const now = deps.now();
  const period = periodArg(periodText, now, deps.config.zone);
  const { circular } = await draftCircularFor(deps.db, period, { now, zone: deps.config.zone, actor: ctx.userId, sourceKey: `slack:${ctx.triggerId}` });
  await sendDraft(deps, circular.id, ctx.userId, now);
  await ctx.respond({ response_type: "ephemeral", ...buildCircularPreview(contentOf(circular), circular.id, command.lang) });
}

export async function publishAndAnswer(ctx: Pick<CommandContext, "deps" | "userId" | "respond">, id: number, lang: "zh" | "en", replace = false): Promise<void> {
  const { deps } = ctx;
  const out = await publishCircular(deps, id, ctx.userId, deps.now());
  const notice = publishedNotice(out.content, id, out.publishedBy, out.units, out.missing, out.already, lang);
  const retry = out.failed.length
    ? lang === "zh"
      ? `\n⚠️ 未能送达：${out.failed.join("、")}，请稍后再点一次“发布”补发（已送达的不会重复）。`
      : `\n⚠️ Not delivered: ${out.failed.join(", ")}; press Publish again later (nothing delivered is sent twice).`
    : "";
  await ctx.respond({ response_type: "ephemeral", ...(replace ? { replace_original: true } : {}), text: notice.text + retry, blocks: [{ type: "section", text: { type: "mrkdwn", text: notice.text + retry } }] });
}

/** `/redline 通报 生成 [期间]` drafts the period's 通报 (office only); `/redline 通报 发布 <编号>` publishes it. */
export const circularCommand: SubcommandDefinition = {
  names: ["circular", "通报"],
  officeOnly: true,
  usage: {
    zh: "`/redline 通报 生成 [期间]` — 起草考核通报（Word，私信给您预览），`/redline 通报 发布 <编号>` 发布（安委办）",
    en: "`/redline circular draft [period]` — draft the period's circular (Word, sent to you to review), `/redline circular publish <id>` (office)",
  },
  async run(ctx) {
    const [action = "", arg] = ctx.command.args;
    const a = action.toLowerCase();
    if (DRAFT.includes(a)) return draft(ctx, arg);
    if (PUBLISH.includes(a)) {
      const id = Number((arg ?? "").replace(/^#/, ""));
      if (!Number.isInteger(id) || id < 1)
        throw new AppError(ErrorCode.InputInvalid, { zh: "用法：/redline 通报 发布 <编号>，例如 /redline 通报 发布 3。", en: "Usage: /redline circular publish <id>, e.g. /redline circular publish 3." });
      return publishAndAnswer(ctx, id, ctx.command.lang);
    }
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `不认识"${action}"。可用：/redline 通报 生成 [期间] | 发布 <编号>`,
      en: `Unknown "${action}". Try: /redline circular draft [period] | publish <id>`,
    });
  },
};
