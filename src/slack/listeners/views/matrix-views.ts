import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isOfficeMember } from "../../../directory/membership.ts";
import { asAppError } from "../../../lib/errors.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { addAliases } from "../../../matrix/add-aliases.ts";
import { addVenueType } from "../../../matrix/add-venue-type.ts";
import { changeLead } from "../../../matrix/change-lead.ts";
import { parseEditInput, ZLeadInput, ZVenueTypeInput } from "../../../matrix/matrix-edit-input.ts";
import type { MatrixChangeResult } from "../../../matrix/matrix-change.ts";
import { MATRIX_CALLBACKS, MATRIX_FIELDS as F } from "../../../messages/matrix/ids.ts";
import {
  parseAddAliases,
  parseAddVenueType,
  parseChangeLead,
  parseMatrixMeta,
  type MatrixFormMeta,
} from "../../../messages/matrix/matrix-forms.ts";
import { readStateValues, responseErrors, type ModalParse, type ViewStateValues } from "../../../messages/modal-state.ts";
import { noticeBlocks } from "../../../messages/mrkdwn.ts";
import { MATRIX_EDITING } from "../../commands/matrix-commands.ts";
import { whoLeadsReply } from "../../commands/who-leads.ts";
import type { AppDeps } from "../../deps.ts";
import { formErrorResponse, formRefusal } from "../../reply-error.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

interface MatrixForm<T> {
  parse(values: ViewStateValues): ModalParse<T>;
  apply(
    deps: AppDeps,
    data: T,
    meta: MatrixFormMeta,
    options: { sourceKey: string; actor: string; now: Date },
  ): Promise<MatrixChangeResult>;
  /** The field a refusal of the whole change is shown under. */
  errorBlock(error: unknown, data: T): string;
}

/** The same sentence `requireOffice` gives the command. */
const FORBIDDEN = { zh: `只有安委办工作人员可以${MATRIX_EDITING.zh}。`, en: `Only safety-office staff can ${MATRIX_EDITING.en}.` };

/**
 * A matrix form submitted: office only (checked again here), fields checked, the change applied once per view (a
 * retried submission changes nothing more). The person then sees the answer as everyone will from now on.
 */
function matrixSubmission<T>(deps: AppDeps, form: MatrixForm<T>) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    let block: string = F.clause.block;
    try {
      const meta = parseMatrixMeta(view.private_metadata) ?? { lang };
      lang = meta.lang;
      const values = readStateValues(view.state.values);
      const firstBlock = Object.keys(values)[0] ?? block;
      if (!(await isOfficeMember(deps.db, body.user.id))) {
        await ack(formRefusal({ [firstBlock]: FORBIDDEN }, lang, deps, ids, "forbidden"));
        return;
      }
      const parsed = form.parse(values);
      if (!parsed.ok) {
        await ack(responseErrors(parsed.errors, lang));
        return;
      }
      try {
        const { change, created } = await form.apply(deps, parsed.data, meta, {
          sourceKey: `slack-view:${view.id}`,
          actor: body.user.id,
          now: deps.now(),
        });
        // Other replicas hear of it from the database; this one must not answer the confirmation from before.
        deps.whoLeads.changed();
        await ack();
        deps.logger.info({ ...ids, change: change.id, created, venueType: change.venueTypeId }, "matrix changed by the office");
        if (meta.channelId) await confirm(deps, meta.channelId, body.user.id, change.venueTypeId, lang);
      } catch (e) {
        block = form.errorBlock(e, parsed.data);
        throw e;
      }
    } catch (e) {
      if (!acked) await ack(formErrorResponse(block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "confirming a matrix change failed after the form was closed");
    }
  };
}

/** The changed venue type answered from the reloaded matrix, privately to the office member who changed it. */
async function confirm(deps: AppDeps, channelId: string, userId: string, venueTypeId: string, lang: Lang) {
  const matrix = await deps.whoLeads.matrix();
  const venueType = matrix.venueTypes.find((v) => v.id === venueTypeId);
  const answer = venueType && (await deps.whoLeads.askDeterministic(lang === "zh" ? venueType.nameZh : venueType.nameEn));
  const done = lang === "zh" ? "✅ 责任矩阵已更新，现在的答复：" : "✅ The matrix is updated; the answer now reads:";
  const reply = answer ? whoLeadsReply(answer, lang, deps.config) : noticeBlocks(done);
  await deps.delivery
    .ephemeral(channelId, userId, { text: `${done}\n${reply.text}`, blocks: [...noticeBlocks(done).blocks, ...reply.blocks].slice(0, 50) })
    .catch((e: unknown) => deps.logger.warn({ err: e, venueTypeId }, "could not confirm the matrix change"));
}

/** Where a refusal naming a taken name goes: under the field that holds it. */
function nameBlock(error: unknown, data: { nameZh?: string; nameEn?: string }): string {
  const name = asAppError(error).details?.name;
  if (name && name === data.nameZh) return F.nameZh.block;
  if (name && name === data.nameEn) return F.nameEn.block;
  return name ? F.aliases.block : F.department.block;
}

const addVenueTypeForm: MatrixForm<ReturnType<typeof parseAddVenueType> extends ModalParse<infer T> ? T : never> = {
  parse: parseAddVenueType,
  apply: (deps, data, _meta, options) => addVenueType(deps.db, parseEditInput(ZVenueTypeInput, data), options),
  errorBlock: nameBlock,
};

const addAliasesForm: MatrixForm<{ aliases: string[] }> = {
  parse: parseAddAliases,
  apply: (deps, data, meta, options) => addAliases(deps.db, { venueTypeId: meta.venueTypeId ?? "", aliases: data.aliases }, options),
  errorBlock: () => F.aliases.block,
};

const changeLeadForm: MatrixForm<ReturnType<typeof parseChangeLead> extends ModalParse<infer T> ? T : never> = {
  parse: parseChangeLead,
  apply: (deps, data, meta, options) =>
    changeLead(
      deps.db,
      {
        venueTypeId: meta.venueTypeId ?? "",
        entryId: data.entryId,
        seen: data.entryId === null ? null : meta.seen?.[String(data.entryId)],
        lead: parseEditInput(ZLeadInput, data.lead),
      },
      options,
    ),
  errorBlock: (e) => (asAppError(e).code === "conflict" ? F.entry.block : F.department.block),
};

export function registerMatrixViews(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(MATRIX_CALLBACKS.addVenueType, matrixSubmission(deps, addVenueTypeForm));
  app.view<ViewSubmitAction>(MATRIX_CALLBACKS.addAliases, matrixSubmission(deps, addAliasesForm));
  app.view<ViewSubmitAction>(MATRIX_CALLBACKS.changeLead, matrixSubmission(deps, changeLeadForm));
}
