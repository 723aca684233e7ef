import type { Config } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { isOfficeMember } from "./membership.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Bilingual } from "../lib/i18n.ts";

/** The safety office's channel: REDLINE_OFFICE_CHANNEL when set, else the channel registered for the office department. */
export async function officeChannelId(db: Db, config: Pick<Config, "officeChannelId">): Promise<string | null> {
  if (config.officeChannelId) return config.officeChannelId;
  const office = await db.department.findFirst({
    where: { kind: "office", slackChannelId: { not: null } },
    orderBy: { id: "asc" },
    select: { slackChannelId: true },
  });
  return office?.slackChannelId ?? null;
}

export async function requireOfficeChannel(db: Db, config: Pick<Config, "officeChannelId">): Promise<string> {
  const channel = await officeChannelId(db, config);
  if (!channel) {
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: "未配置安委办频道：请设置 REDLINE_OFFICE_CHANNEL，或在名录中为安委办登记 slackChannelId。",
      en: "No safety-office channel is configured: set REDLINE_OFFICE_CHANNEL, or register the office's slackChannelId in the directory.",
    });
  }
  return channel;
}

/** Only safety-office staff may call, close and export meetings or see everyone's absences; checked on the server. */
export async function requireOffice(db: Db, slackUserId: string, what: Bilingual): Promise<void> {
  if (await isOfficeMember(db, slackUserId)) return;
  throw new AppError(
    ErrorCode.Forbidden,
    { zh: `只有安委办工作人员可以${what.zh}。`, en: `Only safety-office staff can ${what.en}.` },
    { details: { user: slackUserId } },
  );
}
