import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import { departmentOfChannel } from "../hazards/slack-scope.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";

/** Whose scorecards a person may see: the office every unit's (with the ranking); anyone else their own units'. */
export type ScoreScope = { all: true } | { all: false; unitIds: string[] };

/**
 * Checked on the server for every request: the units a person is registered with (head or liaison), plus the unit
 * whose channel they asked in when they are a member of it. Nobody's at all is refused.
 */
export async function scoreScope(db: Db, slack: Pick<Delivery, "isChannelMember">, slackUserId: string, channelId: string | undefined): Promise<ScoreScope> {
  if (await isOfficeMember(db, slackUserId)) return { all: true };
  const here = await departmentOfChannel(db, channelId);
  const member = here?.slackChannelId ? await slack.isChannelMember(here.slackChannelId, slackUserId) : false;
  const unitIds = [...new Set([...(here && member ? [here.id] : []), ...(await registeredMemberships(db, slackUserId)).map((m) => m.departmentId)])];
  if (!unitIds.length)
    throw new AppError(
      ErrorCode.Forbidden,
      {
        zh: "您不是任何单位的主要负责人、联络员或频道成员，没有可查看的考核结果。请在本单位频道中使用此命令，或联系安委办登记。",
        en: "You are not the principal head, a liaison or a channel member of any unit, so there is no scorecard to show you. Use this command in your unit's channel, or ask the safety office to register you.",
      },
      { details: { user: slackUserId } },
    );
  return { all: false, unitIds };
}

/** The one unit a non-office person asked about (or their only one); another unit's card is refused. */
export function unitInScope(scope: Extract<ScoreScope, { all: false }>, asked: { id: string; nameZh: string; nameEn: string } | undefined, names: ReadonlyMap<string, { nameZh: string; nameEn: string }>): string {
  if (asked) {
    if (scope.unitIds.includes(asked.id)) return asked.id;
    throw new AppError(
      ErrorCode.Forbidden,
      { zh: `您只能查看本单位的考核结果，不能查看${asked.nameZh}的。`, en: `You can see your own unit's scorecard only, not ${asked.nameEn}'s.` },
      { details: { unit: asked.id } },
    );
  }
  if (scope.unitIds.length === 1) return scope.unitIds[0]!;
  const list = scope.unitIds.map((id) => names.get(id) ?? { nameZh: id, nameEn: id });
  throw new AppError(ErrorCode.InputInvalid, {
    zh: `您属于多个单位（${list.map((u) => u.nameZh).join("、")}），请写明单位，例如 /redline 考核 ${list[0]!.nameZh}。`,
    en: `You belong to several units (${list.map((u) => u.nameEn).join(", ")}); name one, e.g. /redline score ${list[0]!.nameEn}.`,
  });
}
