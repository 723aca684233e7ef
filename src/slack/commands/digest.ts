import { DateTime } from "luxon";
import { takeCooldown } from "../../digest/digest-cooldown.ts";
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
    const now = deps.now();
    const minutes = deps.config.digestCooldownMinutes;
    // One on-demand digest per channel per `minutes`, decided by the database so every replica agrees.
    const turn = minutes > 0 ? await takeCooldown(deps.db, `digest:${channelId}`, userId, now, minutes * 60_000) : null;
    if (turn && !turn.taken) {
      const zone = deps.config.zone;
      const at = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("HH:mm");
      const next = new Date(turn.lastAt.getTime() + minutes * 60_000);
      throw new AppError(ErrorCode.Conflict, {
        zh: `本频道 ${at(turn.lastAt)} 刚发布过周报；每个频道 ${minutes} 分钟内只发一次，请 ${at(next)} 后再试。`,
        en: `A digest was posted in this channel at ${at(turn.lastAt)}; one per ${minutes} minutes per channel — try again after ${at(next)}.`,
      });
    }
    try {
      await postDigest({ ...commandSweepDeps(ctx), config: { ...deps.config, lang: command.lang } }, channelId, now);
    } catch (e) {
      if (turn?.taken) await turn.release();
      throw new AppError(
        ErrorCode.SlackFailed,
        { zh: "周报发布失败，请确认 redline 已加入本频道。", en: "Could not post the digest; make sure redline is in this channel." },
        { cause: e },
      );
    }
    await respond({ response_type: "ephemeral", text: command.lang === "zh" ? "✅ 周报已发布。" : "✅ Digest posted." });
  },
};
