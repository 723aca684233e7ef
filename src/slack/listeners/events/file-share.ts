import type { AllMiddlewareArgs, RespondFn, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { templateChoices } from "../../../campaigns/launch.ts";
import { tooLargeMessage, uploadTemplate } from "../../../campaigns/upload-template.ts";
import { isOfficeMember } from "../../../directory/membership.ts";
import { officeChannelId } from "../../../directory/office.ts";
import { AppError, asAppError, ErrorCode, isAppError } from "../../../lib/errors.ts";
import { detectLang, type Bilingual, type Lang } from "../../../lib/i18n.ts";
import { buildTemplatePreviewMessage, buildTemplateRefusalMessage } from "../../../messages/campaigns/template-share-reply.ts";
import { isYamlFileName, MAX_TEMPLATE_BYTES } from "../../../messages/campaigns/upload-modal.ts";
import type { Block, SlackMessage } from "../../../messages/mrkdwn.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

/** The part of a `message` event with subtype `file_share` this reads; anything else is not a file share for us. */
const ZFileShare = z.object({
  subtype: z.literal("file_share"),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1),
  ts: z.string().min(1),
  text: z.string().optional(),
  files: z
    .array(z.object({ id: z.string().min(1), name: z.string().optional(), title: z.string().optional(), size: z.number().optional() }))
    .min(1),
});

/** A message shares at most a handful of files; more than this are not read (each is a download). */
const MAX_FILES = 5;

/** The thread reply's dispatch key: one answer per shared file, however often Slack delivers the event. */
export const templateShareKey = (channel: string, ts: string, fileId: string) => `template-share:${channel}:${ts}:${fileId}`;

/**
 * A campaign YAML shared as a file in the office channel, or sent to the bot in a DM: read and checked exactly as the
 * upload form does (`uploadTemplate`), answered in the message's thread with the file's problems by field and line,
 * or the template's preview and a 发起… button. Only office staff may: anyone else is told privately (by DM when an
 * ephemeral cannot reach them) and nothing is read. In the office channel only .yaml/.yml files are taken up (people
 * share other files there); in a DM any file is answered, a non-YAML or too large one refused politely.
 */
export function fileShare(deps: AppDeps) {
  return async ({ event, body }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs): Promise<void> => {
    const share = ZFileShare.safeParse(event);
    if (!share.success) return;
    const { channel, user, ts, files } = share.data;
    const direct = share.data.channel_type === "im";
    if (!direct && channel !== (await officeChannelId(deps.db, deps.config))) return;
    const wanted = (direct ? files : files.filter((f) => isYamlFileName(nameOf(f)))).slice(0, MAX_FILES);
    if (wanted.length === 0) return;
    const lang: Lang = detectLang(share.data.text ?? "", deps.config.lang);
    const ids: Record<string, unknown> = {
      event: (body as { event_id?: string }).event_id,
      action: "campaign_template_share",
      user,
      channel,
    };

    if (!(await isOfficeMember(deps.db, user))) {
      const refusal = {
        zh: "只有安委办工作人员可以上传行动模板，文件未读取。",
        en: "Only safety-office staff can upload campaign templates; the file was not read.",
      };
      // An event has no response_url: the refusal is an ephemeral where the file was shared (the boundary DMs it when
      // Slack says it cannot reach them there).
      const ephemeral = (async (m: { text?: string; blocks?: Block[] }) => {
        await deps.delivery.ephemeral(channel, user, { text: m.text ?? "", blocks: m.blocks ?? [] });
      }) as unknown as RespondFn; // the boundary calls it as it calls `respond`, with the refusal's text and blocks
      await replyWithError(ephemeral, new AppError(ErrorCode.Forbidden, refusal), lang, deps, ids);
      return;
    }

    for (const file of wanted) {
      const key = templateShareKey(channel, ts, file.id);
      // Slack delivers an event again when our answer was slow: a file already answered is not read and saved again.
      if (await deps.db.dispatch.findUnique({ where: { key }, select: { key: true } })) continue;
      const reply = await answerFile(deps, { ...file, name: nameOf(file) }, user, lang, { ...ids, file: file.id });
      try {
        await deps.delivery.postOnce({ key, kind: "template-share", channel, threadTs: ts, message: reply });
      } catch (e) {
        deps.logger.error({ ...ids, file: file.id, err: e }, "could not answer a shared campaign file");
      }
    }
  };
}

const nameOf = (f: { id: string; name?: string; title?: string }) => f.name ?? f.title ?? f.id;

async function answerFile(
  deps: AppDeps,
  file: { id: string; name: string; size?: number },
  user: string,
  lang: Lang,
  ids: Record<string, unknown>,
): Promise<SlackMessage> {
  const refuse = (reason: Bilingual) => buildTemplateRefusalMessage(reason, lang);
  if (!isYamlFileName(file.name)) {
    return refuse({
      zh: `“${file.name}”不是行动文件：只接收 .yaml 或 .yml 格式的行动模板（格式见 prisma/seed/campaigns/*.yaml）。`,
      en: `“${file.name}” is not a campaign file: only .yaml or .yml campaign templates are taken (see prisma/seed/campaigns/*.yaml for the format).`,
    });
  }
  if ((file.size ?? 0) > MAX_TEMPLATE_BYTES) return refuse(tooLargeMessage());
  try {
    const now = deps.now();
    const { file: parsed, fileName, saved } = await uploadTemplate(deps, { fileId: file.id, fileName: file.name, uploadedBy: user, now });
    const choice = (await templateChoices(deps.db, now, deps.config.zone)).find((c) => c.id === parsed.id);
    if (!choice) throw new Error(`template ${parsed.id} was saved but is not among the choices`);
    return buildTemplatePreviewMessage({
      choice,
      fileName,
      created: saved.created,
      revision: saved.revision,
      now,
      zone: deps.config.zone,
      lang,
    });
  } catch (e) {
    const error = asAppError(e);
    deps.logger[isAppError(e) ? "info" : "error"](
      { ...ids, code: error.code, err: isAppError(e) ? undefined : e },
      "shared campaign file refused",
    );
    return refuse(error.userMessage);
  }
}
