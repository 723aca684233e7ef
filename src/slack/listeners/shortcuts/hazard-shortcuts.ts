import type { AllMiddlewareArgs, App, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { localDay } from "../../../domain/calendar/office-hours.ts";
import { loadHazardActor } from "../../../hazards/hazard-actor.ts";
import { loadReportFormData } from "../../../hazards/report-form-data.ts";
import { departmentOfChannel } from "../../../hazards/slack-scope.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { detectLang, type Lang } from "../../../lib/i18n.ts";
import { HAZARD_SHORTCUT_CALLBACK } from "../../../messages/hazards/ids.ts";
import { encodeReportMetadata, type MessageFileRef } from "../../../messages/hazards/refs.ts";
import { buildReportModal } from "../../../messages/hazards/report-modal.ts";
import { unescapeSlackText } from "../../commands/parse-command.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** What the shortcut reads of the message: its text and files (Slack sends more; the rest is ignored). */
export const ZShortcutMessage = z.looseObject({
  ts: z.string().min(1).max(64),
  text: z.string().max(40_000).optional(),
  files: z
    .array(
      z.looseObject({
        id: z.string().min(1).max(64),
        name: z.string().max(255).nullish(),
        title: z.string().max(255).nullish(),
        mimetype: z.string().max(128).nullish(),
        permalink: z.string().max(1000).nullish(),
      }),
    )
    .max(100)
    .optional(),
});

/** Slack's message text for a plain-text input: entities decoded, links shown as their label and address. */
export function messageTextForForm(text: string): string {
  return unescapeSlackText(
    text
      .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, "$2 ($1)")
      .replace(/<(https?:\/\/[^>]+)>/g, "$1")
      .replace(/<#C[A-Z0-9]+\|([^>]+)>/g, "#$1")
      .replace(/<!(channel|here|everyone)>/g, "@$1"),
  ).trim();
}

/**
 * 登记为隐患 on a message: the registration form, prefilled with the message's text (the description), a link to the
 * message and its files as before-evidence (their ids in the form's private_metadata), starting on the unit whose
 * channel it is. Someone who belongs to no unit is told so privately instead; the submission is checked again.
 */
export function hazardFromMessage(deps: AppDeps) {
  return async ({ ack, shortcut, client, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    let lang: Lang = deps.config.lang;
    const ids: Record<string, unknown> = { callback: shortcut.callback_id, user: shortcut.user.id, channel: shortcut.channel.id };
    const reply = shortcut.response_url ? respond : undefined;
    try {
      const message = ZShortcutMessage.safeParse(shortcut.message);
      if (!message.success)
        throw new AppError(ErrorCode.InputInvalid, {
          zh: "无法读取这条消息，请改用 /redline 隐患 登记。",
          en: "This message could not be read; please use /redline hazard report instead.",
        });
      const text = messageTextForForm(message.data.text ?? "");
      lang = detectLang(text, deps.config.lang);
      const channelId = shortcut.channel.id;
      const here = await departmentOfChannel(deps.db, channelId);
      if (here) ids.department = here.id;
      const [actor, data, permalink] = await Promise.all([
        loadHazardActor(deps.db, deps.delivery, shortcut.user.id, here ? [here.id] : []),
        loadReportFormData(deps.db, shortcut.user.id, channelId, deps.whoLeads.matrix),
        messagePermalink(client, channelId, message.data.ts, shortcut.team?.domain),
      ]);
      const belongs = actor.isOffice || actor.headOf.length + actor.liaisonOf.length + actor.channelMemberOf.length > 0;
      if (!belongs)
        throw new AppError(ErrorCode.Forbidden, {
          zh: "您不是任何单位的主要负责人、联络员或本频道单位的成员，不能登记隐患。请联系安委办登记。",
          en: "You are not the principal head, a liaison or a member of any unit (nor of this channel's), so you cannot register hazards. Ask the safety office to register you.",
        });
      const files: MessageFileRef[] = (message.data.files ?? []).slice(0, 20).map((f) => ({
        slackFileId: f.id,
        name: f.name ?? f.title ?? null,
        mimetype: f.mimetype ?? null,
        permalink: f.permalink ?? null,
      }));
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: buildReportModal({
          ...data,
          initialDescription: text || undefined,
          fromMessage: { permalink, fileNames: files.map((f) => f.name) },
          today: localDay(deps.now(), deps.config.zone),
          privateMetadata: encodeReportMetadata({ lang, channelId, messagePermalink: permalink ?? undefined, messageFiles: files }),
          lang,
        }),
      });
      deps.logger.info({ ...ids, files: files.length }, "hazard form opened from a message");
    } catch (e) {
      await replyWithError(reply, e, lang, deps, ids, { delivery: deps.delivery, userId: shortcut.user.id });
    }
  };
}

/** The message's permalink from Slack; if Slack cannot say, the workspace's usual address for it. */
async function messagePermalink(
  client: ShortcutArgs["client"],
  channel: string,
  ts: string,
  domain: string | undefined,
): Promise<string | null> {
  try {
    const res = await client.chat.getPermalink({ channel, message_ts: ts });
    if (res.ok && typeof res.permalink === "string" && /^https:\/\//.test(res.permalink)) return res.permalink;
  } catch {
    // Fall through to the address Slack uses for a message.
  }
  return domain && /^[a-z0-9-]+$/i.test(domain) ? `https://${domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}` : null;
}

export function registerHazardShortcuts(app: App, deps: AppDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: HAZARD_SHORTCUT_CALLBACK, type: "message_action" }, hazardFromMessage(deps));
}
