import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { ledgerScope, type LedgerScope } from "./ledger.ts";

/** The directory's department whose Slack channel this is (not the office's), or null. */
export async function departmentOfChannel(db: Db, channelId: string | undefined) {
  if (!channelId) return null;
  const d = await db.department.findUnique({ where: { slackChannelId: channelId } });
  return d && d.kind !== "office" ? d : null;
}

/**
 * What a person asking from Slack may see of the ledger: the office everything; others the units they are registered
 * with, plus the unit whose channel they asked in when they are a member of it (asked of Slack, so always current).
 * Each unit counts as owner (its own hazards) and as lead department (its sector); a supervision group's member also
 * sees what the group found. Someone who is none of these is refused.
 */
export async function slackLedgerScope(
  db: Db,
  slack: Pick<Delivery, "isChannelMember">,
  slackUserId: string,
  channelId: string | undefined,
): Promise<LedgerScope> {
  const here = await departmentOfChannel(db, channelId);
  const member = here?.slackChannelId ? await slack.isChannelMember(here.slackChannelId, slackUserId) : false;
  const scope = await ledgerScope(db, slackUserId, here && member ? [here.id] : []);
  if (!scope.all && scope.unitIds.length === 0 && !scope.groupIds?.length)
    throw new AppError(
      ErrorCode.Forbidden,
      {
        zh: "您不是任何单位的主要负责人、联络员或频道成员，无法查看隐患台账。请在本单位频道中使用此命令，或联系安委办登记。",
        en: "You are not the principal head, a liaison or a channel member of any unit, so there is no hazard ledger to show you. Use this command in your unit's channel, or ask the safety office to register you.",
      },
      { details: { user: slackUserId } },
    );
  return scope;
}
