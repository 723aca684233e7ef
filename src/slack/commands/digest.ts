import { postDigest } from "../../digest/post-digest.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { requireOffice } from "../../directory/office.ts";
import { commandSweepDeps, type SubcommandDefinition } from "./registry.ts";

export const digestCommand: SubcommandDefinition = {
  names: ["digest", "周报"],
  usage: {
    zh: "`/redline 周报` — 立即在本频道发布本周进展周报（含进展图，仅安委办）",
    en: "`/redline digest` — post this week's digest with the board picture here now (office only)",
  },
  officeOnly: true,
  async run(ctx) {
    const { deps, channelId, userId, respond, command } = ctx;
    await requireOffice(deps.db, userId, { zh: "发布周报", en: "post the digest" });
    try {
      await postDigest({ ...commandSweepDeps(ctx), config: { ...deps.config, lang: command.lang } }, channelId, deps.now());
    } catch (e) {
      throw new AppError(
        ErrorCode.SlackFailed,
        { zh: "周报发布失败，请确认 redline 已加入本频道。", en: "Could not post the digest; make sure redline is in this channel." },
        { cause: e },
      );
    }
    await respond({ response_type: "ephemeral", text: command.lang === "zh" ? "✅ 周报已发布。" : "✅ Digest posted." });
  },
};
