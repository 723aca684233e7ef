import { DateTime } from "luxon";
import type { Db } from "../../../src/db/client.ts";
import { importDirectory } from "../../../src/directory/import-directory.ts";
import { ZImportFile } from "../../../src/directory/import-file-schema.ts";
import { createMeeting } from "../../../src/meetings/create-meeting.ts";
import type { MeetingDraft } from "../../../src/domain/meetings/plan-meeting.ts";
import { MEETING_ACTIONS, SIGN_IN_FIELDS } from "../../../src/messages/meetings/ids.ts";
import type { SlackFake } from "../../support/slack-fake.ts";
import { blockActionPayload, sendInteraction, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { waitFor } from "../../support/wait-for.ts";

/** Beijing wall-clock time, "2026-05-29 14:05". */
export function bj(text: string): Date {
  const t = DateTime.fromFormat(text, "yyyy-MM-dd HH:mm", { zone: "Asia/Shanghai" });
  if (!t.isValid) throw new Error(`bad time ${text}`);
  return t.toJSDate();
}

/**
 * A directory with Slack ids: the office (staff UOFFICE), 民政 (head came), 教育 (deputy came), 卫辉市 (nobody),
 * 文化 (no registered head). UOUTSIDER belongs nowhere.
 */
export const DIRECTORY = ZImportFile.parse({
  version: 1,
  departments: [
    {
      id: "safety-office",
      nameZh: "市政府安委会办公室",
      nameEn: "City Work Safety Committee Office",
      kind: "office",
      slackChannelId: "COFFICE",
      head: { slackUserId: "UOFFHEAD", name: "周主任", title: "主任" },
      liaisons: [{ slackUserId: "UOFFICE", name: "刘安" }],
    },
    {
      id: "civil-affairs",
      nameZh: "民政部门",
      nameEn: "Civil Affairs Department",
      kind: "department",
      slackChannelId: "CCIVIL",
      head: { slackUserId: "UCIVHEAD", name: "李明", title: "局长" },
      liaisons: [{ slackUserId: "UCIVLIAISON", name: "张伟" }],
    },
    {
      id: "education",
      nameZh: "教育部门",
      nameEn: "Education Department",
      kind: "department",
      slackChannelId: "CEDU",
      head: { slackUserId: "UEDUHEAD", name: "赵刚", title: "局长" },
      liaisons: [{ slackUserId: "UEDUDEPUTY", name: "钱伟" }],
    },
    {
      id: "weihui",
      nameZh: "卫辉市",
      nameEn: "Weihui City",
      kind: "county_district",
      slackChannelId: "CWEIHUI",
      head: { slackUserId: "UWEIHEAD", name: "王强", title: "市长" },
      liaisons: [{ slackUserId: "UWEILIAISON", name: "孙丽" }],
    },
    {
      id: "culture",
      nameZh: "文化部门",
      nameEn: "Culture Department",
      kind: "department",
      slackChannelId: "CCULTURE",
      liaisons: [{ slackUserId: "UCULLIAISON", name: "吴敏" }],
    },
  ],
});

export const REQUIRED = ["civil-affairs", "education", "weihui", "culture"];
export const DEPT_CHANNELS = ["CCIVIL", "CEDU", "CWEIHUI", "CCULTURE"];

export function setUpSlackPeople(slack: SlackFake): void {
  const people: Record<string, [string, string?]> = {
    UOFFICE: ["刘安", "科员"],
    UOFFHEAD: ["周主任", "主任"],
    UCIVHEAD: ["李明", "局长"],
    UCIVLIAISON: ["张伟", "科员"],
    UEDUHEAD: ["赵刚", "局长"],
    UEDUDEPUTY: ["钱伟", "副局长"],
    UWEIHEAD: ["王强", "市长"],
    UWEILIAISON: ["孙丽"],
    UCULLIAISON: ["吴敏", "副局长"],
    UOUTSIDER: ["外人"],
  };
  for (const [id, [real_name, title]] of Object.entries(people)) slack.users.set(id, { real_name, ...(title ? { title } : {}) });
  slack.channelMembers.set("CWEIHUI", ["UWEIHEAD", "UWEILIAISON"]);
  slack.channelMembers.set("CEDU", ["UEDUHEAD", "UEDUDEPUTY"]);
}

export async function importTestDirectory(db: Db): Promise<void> {
  await importDirectory(db, DIRECTORY, "test-directory.yaml");
}

/** A mandatory meeting for the four departments, created by the office. */
export async function createTestMeeting(db: Db, startsAt: string, now: Date, over: Partial<MeetingDraft> = {}): Promise<string> {
  const created = await createMeeting(
    db,
    {
      title: "全市安全生产工作电视电话会议",
      startsAt: bj(startsAt),
      opensMinutesBefore: 60,
      closesMinutesAfter: 30,
      departments: { groups: [], ids: REQUIRED, except: [] },
      headMustAttend: true,
      briefingDueWorkingDays: 2,
      ...over,
    },
    { createdBy: "UOFFICE", now, zone: "Asia/Shanghai" },
  );
  return created.id;
}

export const blocksText = (call: { body: Record<string, any> }) => JSON.stringify(call.body.blocks ?? []);

/** The (latest) post in `channel` carrying a button with `actionId`. */
export function messageWithButton(slack: SlackFake, channel: string, actionId: string) {
  const posts = slack.postsIn(channel).filter((c) => blocksText(c).includes(`"action_id":"${actionId}"`));
  const post = posts.at(-1);
  if (!post) return undefined;
  const button = (post.body.blocks as any[]).map((b) => b.accessory).find((a) => a?.action_id === actionId);
  return { post, button };
}

/** A button press as Slack sends it (the message ts only has to look like one). */
export function pressButton(url: string, args: { userId: string; channel: string; actionId: string; value: string; messageTs: string }) {
  return sendInteraction(
    url,
    blockActionPayload({
      userId: args.userId,
      actionId: args.actionId,
      value: args.value,
      channelId: args.channel,
      messageTs: args.messageTs,
    }),
  );
}

export function signInValues(role: "head" | "deputy" | null, title: string | null = null) {
  return {
    [SIGN_IN_FIELDS.role.block]: {
      [SIGN_IN_FIELDS.role.action]: { type: "radio_buttons", selected_option: role ? { value: role } : null },
    },
    [SIGN_IN_FIELDS.title.block]: { [SIGN_IN_FIELDS.title.action]: { type: "plain_text_input", value: title } },
  };
}

/** Presses 签到 in `channel` and waits for the modal the bot opens; returns its private_metadata. */
export async function openSignIn(url: string, slack: SlackFake, userId: string, channel: string): Promise<string> {
  const notice = messageWithButton(slack, channel, MEETING_ACTIONS.signIn);
  if (!notice) throw new Error(`no notice with a sign-in button in ${channel}`);
  const before = slack.callsTo("views.open").length;
  await pressButton(url, { userId, channel, actionId: MEETING_ACTIONS.signIn, value: notice.button.value, messageTs: "1700000001.000100" });
  const opened = await waitFor(() => slack.callsTo("views.open")[before], `the sign-in modal for ${userId}`);
  return opened.body.view.private_metadata as string;
}

export function submitSignIn(
  url: string,
  userId: string,
  privateMetadata: string,
  role: "head" | "deputy" | null,
  title: string | null = null,
) {
  return sendInteraction(
    url,
    viewSubmissionPayload({ userId, callbackId: "meeting_sign_in_submit", privateMetadata, values: signInValues(role, title) }),
  );
}
