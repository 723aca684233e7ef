import type { types } from "@slack/bolt";
import type { Lang } from "../../lib/i18n.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { PLEDGE_CONFIRM_VALUE, PLEDGE_FIELDS, PLEDGE_MODAL_CALLBACK } from "./ids.ts";
import { modalHeader, plain } from "./modal-header.ts";
import { element, readStateValues, type ModalParse } from "../modal-state.ts";
import { context, escapeMrkdwn, quote, section } from "../mrkdwn.ts";
import { encodeCampaignModalMetadata, type CampaignTaskRef } from "./task-ref.ts";
import { headWithTitle } from "./wording.ts";

export interface PledgeModalInput {
  ref: CampaignTaskRef;
  campaign: Pick<CampaignInfo, "title">;
  /** A pledge task: its `pledge` holds the text and version shown. */
  task: CampaignTask;
  department: CampaignDepartment;
  zone: string;
  now: Date;
  lang?: Lang;
}

/**
 * The pledge as the head will sign it: the full text and its version, and a box to tick. The version goes into
 * private_metadata, so a text changed while the modal was open is noticed at submission.
 */
export function buildPledgeModal(input: PledgeModalInput): types.ModalView {
  const { task, department } = input;
  if (task.kind !== "pledge" || !task.pledge) throw new RangeError(`task ${task.key} is not a pledge task`);
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  // The listener refuses before opening this for a department with no head (maySignPledge); say so all the same.
  const who = department.headSlackUserId
    ? headWithTitle(department, lang)
    : zh
      ? "（未登记主要负责人）"
      : "(no principal head registered)";
  return {
    type: "modal",
    callback_id: PLEDGE_MODAL_CALLBACK,
    private_metadata: encodeCampaignModalMetadata(input.ref, task.pledge.version),
    title: plain(zh ? "签署安全承诺" : "Sign safety pledge"),
    submit: plain(zh ? "签署" : "Sign"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      modalHeader(input.campaign, task, department, input.zone, lang, input.now),
      section(`${zh ? "*承诺书*" : "*Pledge*"}\n${quote(task.pledge.text[lang])}`),
      context(zh ? `承诺书第 ${task.pledge.version} 版 · 签署人：${who}` : `Pledge version ${task.pledge.version} · signed by ${who}`),
      {
        type: "input",
        block_id: PLEDGE_FIELDS.confirm.block,
        label: plain(zh ? "确认" : "Confirmation"),
        element: {
          type: "checkboxes",
          action_id: PLEDGE_FIELDS.confirm.action,
          options: [
            {
              text: plain(zh ? "本人已阅读上述承诺书，并作出安全承诺" : "I have read the pledge above and make it"),
              value: PLEDGE_CONFIRM_VALUE,
            },
          ],
        },
      },
    ],
  };
}

export interface PledgeParseOptions {
  /** The version in the modal's private_metadata: the text the head was shown. */
  shownVersion: number | null;
  /** The task's version now. */
  currentVersion: number;
}

/** The signature, or a problem under the box: not ticked, or the text changed after the modal was opened. */
export function parsePledgeSubmission(rawValues: unknown, options: PledgeParseOptions): ModalParse<{ pledgeVersion: number }> {
  const values = readStateValues(rawValues);
  const block = PLEDGE_FIELDS.confirm.block;
  const ticked = element(values, PLEDGE_FIELDS.confirm)?.selected_options?.some((o) => o.value === PLEDGE_CONFIRM_VALUE) ?? false;
  if (!ticked) {
    return { ok: false, errors: { [block]: { zh: "请勾选确认后再签署。", en: "Please tick the box to sign." } } };
  }
  if (options.shownVersion !== options.currentVersion) {
    return {
      ok: false,
      errors: {
        [block]: {
          zh: `承诺书已更新为第 ${options.currentVersion} 版，请关闭此窗口后重新打开签署。`,
          en: `The pledge text has changed (now version ${options.currentVersion}). Please close this window and open it again to sign.`,
        },
      },
    };
  }
  return { ok: true, data: { pledgeVersion: options.currentVersion } };
}
