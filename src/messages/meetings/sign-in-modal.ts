import type { ModalView } from "@slack/types";
import { ZSignInClaimSchema, type TSignInClaim } from "../../domain/meetings/sign-in-claim-schema.ts";
import type { MeetingInfo, RequiredDepartment } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { SIGN_IN_FIELDS, SIGN_IN_MODAL_CALLBACK } from "./ids.ts";
import { deptName, escapeMrkdwn as esc, person, plain, section } from "../mrkdwn.ts";
import { element, readStateValues, readText, REQUIRED, type ModalParse } from "../modal-state.ts";
import { meetingTime } from "./time-text.ts";

export interface SignInModalInput {
  meeting: MeetingInfo;
  department: RequiredDepartment;
  /** The person pressing the button, as Slack names them; the title pre-fills the deputy's title. */
  signer: { name: string; title: string | null };
  /** The registered head: the form starts on "principal head in person". */
  isRegisteredHead: boolean;
  privateMetadata: string;
  lang: Lang;
}

const ROLE_LABELS = {
  head: { zh: "我是主要负责人本人", en: "I am the principal head, in person" },
  deputy: { zh: "代主要负责人参会", en: "Attending for the principal head" },
} as const;

/** The sign-in form: who signs in is whoever pressed the button; they say whether they are the head or attend for them. */
export function buildSignInModal(input: SignInModalInput): ModalView {
  const { meeting, department, signer, lang } = input;
  const zh = lang === "zh";
  const option = (role: "head" | "deputy") => ({ text: plain(ROLE_LABELS[role][lang]), value: role });
  const head = department.headSlackUserId
    ? person({ name: department.headName ?? department.headSlackUserId, title: department.headTitle }, lang)
    : null;
  return {
    type: "modal",
    callback_id: SIGN_IN_MODAL_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "会议签到" : "Meeting sign-in"),
    submit: plain(zh ? "签到" : "Sign in"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? `*${esc(meeting.title)}*\n${meetingTime(meeting.startsAt, lang)}\n签到单位：*${deptName(department, lang)}*　签到人：*${esc(signer.name)}*${head ? `\n本单位登记的主要负责人：${head}` : ""}`
          : `*${esc(meeting.title)}*\n${meetingTime(meeting.startsAt, lang)}\nSigning in for *${deptName(department, lang)}* as *${esc(signer.name)}*${head ? `\nRegistered principal head: ${head}` : ""}`,
      ),
      {
        type: "input",
        block_id: SIGN_IN_FIELDS.role.block,
        label: plain(zh ? "参会身份" : "Attending as"),
        element: {
          type: "radio_buttons",
          action_id: SIGN_IN_FIELDS.role.action,
          options: [option("head"), option("deputy")],
          initial_option: option(input.isRegisteredHead ? "head" : "deputy"),
        },
      },
      {
        type: "input",
        block_id: SIGN_IN_FIELDS.title.block,
        optional: true,
        label: plain(zh ? "职务（代参会时必填）" : "Your title (required when attending for the head)"),
        hint: plain(zh ? "例如：副局长、副区长" : "e.g. Deputy Director"),
        element: {
          type: "plain_text_input",
          action_id: SIGN_IN_FIELDS.title.action,
          max_length: 80,
          ...(signer.title ? { initial_value: signer.title } : {}),
        },
      },
    ],
  };
}

/** The claim the form makes, or the problem under its field. */
export function parseSignInSubmission(rawValues: unknown): ModalParse<TSignInClaim> {
  const values = readStateValues(rawValues);
  const role = element(values, SIGN_IN_FIELDS.role)?.selected_option?.value;
  if (role !== "head" && role !== "deputy") return { ok: false, errors: { [SIGN_IN_FIELDS.role.block]: REQUIRED } };
  const title = readText(values, SIGN_IN_FIELDS.title, { singleLine: true });
  const parsed = ZSignInClaimSchema.safeParse(role === "head" ? { role } : { role, title: title ?? "" });
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    errors: {
      [SIGN_IN_FIELDS.title.block]: title
        ? { zh: "职务不能超过 80 个字。", en: "The title cannot be longer than 80 characters." }
        : { zh: "代主要负责人参会，请填写您的职务。", en: "Please give your title when attending for the principal head." },
    },
  };
}
