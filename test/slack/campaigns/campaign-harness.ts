import type { Database } from "../../../src/db/client.ts";
import { testCli } from "../../support/test-cli.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import {
  CAMPAIGN_ACTIONS,
  EDUCATION_FIELDS,
  EDUCATION_MODAL_CALLBACK,
  PLEDGE_CONFIRM_VALUE,
  PLEDGE_FIELDS,
  PLEDGE_MODAL_CALLBACK,
  REPORT_FIELDS,
  REPORT_MODAL_CALLBACK,
} from "../../../src/messages/campaigns/ids.ts";
import { encodeCampaignButtonValue, encodeCampaignModalMetadata, type CampaignTaskRef } from "../../../src/messages/campaigns/task-ref.ts";
import { openTestDatabase, type DbKind } from "../../support/db.ts";
import { registerSlackIds, slackIds } from "../../support/fixtures.ts";
import nock from "nock";
import { SlackFake, type SlackCall } from "../../support/slack-fake.ts";
import {
  blockActionPayload,
  sendInteraction,
  sendSlashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { waitFor } from "../../support/wait-for.ts";
import { textOf } from "../../messages/campaigns/helpers.ts";

export { textOf };

/** Every department of the seeded directory, the office first. */
export const ALL_DEPARTMENTS = [
  "safety-office",
  "civil-affairs",
  "culture",
  "education",
  "universities",
  "housing-construction",
  "quality-supervision",
  "fire-brigade",
  "hongqi",
  "xinxiang-county",
  "weihui",
  "huixian",
  "changyuan",
] as const;
export const TARGETS = ALL_DEPARTMENTS.filter((d) => d !== "safety-office");
export const office = slackIds("safety-office");

export type Bot = RunningRedline & { url: string };

export interface Harness {
  db: Database;
  slack: SlackFake;
  bot: Bot;
  clock: TestClock;
  close(): Promise<void>;
}

/** A seeded database with every department's channel, head and liaison registered, the real app over it, Slack faked. */
export async function startHarness(kind: DbKind, start: string, env: Record<string, string> = {}): Promise<Harness> {
  const db = await openTestDatabase(kind);
  await registerSlackIds(db.prisma, ALL_DEPARTMENTS);
  const slack = new SlackFake();
  const clock = testClock(start);
  // The weekly digest also posts to the office channel on Mondays; these suites watch campaign posts only.
  const bot = (await startTestApp(db, { clock, env: { REDLINE_DIGEST: "off", ...env } })) as Bot;
  return {
    db,
    slack,
    bot,
    clock,
    async close() {
      await bot.stop();
      slack.close();
      await db.close();
    },
  };
}

/** The text of everything posted in a message call (notification text and blocks). */
export function callText(call: SlackCall): string {
  return `${call.body.text ?? ""}\n${textOf(call.body.blocks ?? [])}`;
}

/** `/redline <text>` typed by `user` in `channel`; resolves with the first answer through response_url. */
export async function command(h: Harness, text: string, user: string, channel = office.channel) {
  const before = h.slack.responses.length;
  const res = await sendSlashCommand(h.bot.url, { text, user_id: user, channel_id: channel });
  if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
  return waitFor(() => h.slack.responses[before], `an answer to /redline ${text}`);
}

/** Launches a ready-made campaign as the office would, waiting for the launch report. */
export async function launchReadyMade(h: Harness, id: string) {
  const answer = await command(h, `行动 发起 ${id}`, office.liaison);
  return answer.body;
}

export function refFor(campaignId: string, taskKey: string, departmentId: string): CampaignTaskRef {
  return { campaignId, taskKey, departmentId };
}

const ACTION_OF = {
  acknowledge: CAMPAIGN_ACTIONS.acknowledge,
  report: CAMPAIGN_ACTIONS.report,
  education: CAMPAIGN_ACTIONS.education,
  pledge: CAMPAIGN_ACTIONS.pledge,
} as const;

/** The launch post's ts in a department's channel, as Slack answered it. */
export async function launchTs(h: Harness, campaignId: string, departmentId: string): Promise<string> {
  const target = await h.db.prisma.campaignTarget.findUniqueOrThrow({ where: { campaignId_departmentId: { campaignId, departmentId } } });
  if (!target.messageTs) throw new Error(`no launch post for ${departmentId}`);
  return target.messageTs;
}

/** Presses a campaign button in the department's launch message. */
export async function press(
  h: Harness,
  button: keyof typeof ACTION_OF,
  ref: CampaignTaskRef,
  user: string,
  options: { headers?: Record<string, string> } = {},
) {
  const channel = slackIds(ref.departmentId).channel;
  const ts = await launchTs(h, ref.campaignId, ref.departmentId);
  const payload = blockActionPayload({
    userId: user,
    actionId: ACTION_OF[button],
    value: encodeCampaignButtonValue(ref),
    channelId: channel,
    messageTs: ts,
    blockId: `task:${ref.taskKey}`,
  });
  return sendInteraction(h.bot.url, payload, { headers: options.headers });
}

/** The same button pressed in the Home tab: a view container, no channel, message or response_url. */
export function pressInHome(h: Harness, button: keyof typeof ACTION_OF, ref: CampaignTaskRef, user: string) {
  const payload: Record<string, unknown> = blockActionPayload({
    userId: user,
    actionId: ACTION_OF[button],
    value: encodeCampaignButtonValue(ref),
    channelId: "-",
    messageTs: "-",
  });
  delete payload.channel;
  delete payload.message;
  delete payload.response_url;
  payload.container = { type: "view", view_id: "VHOME" };
  payload.view = { id: "VHOME", type: "home", callback_id: "", private_metadata: "", blocks: [], state: { values: {} }, hash: "h" };
  return sendInteraction(h.bot.url, payload);
}

export function submitReport(
  h: Harness,
  ref: CampaignTaskRef,
  user: string,
  form: { status?: string; found?: string; rectified?: string; note?: string },
) {
  const values = {
    [REPORT_FIELDS.status.block]: {
      [REPORT_FIELDS.status.action]: { type: "static_select", selected_option: form.status ? { value: form.status } : null },
    },
    [REPORT_FIELDS.hazardsFound.block]: { [REPORT_FIELDS.hazardsFound.action]: { type: "number_input", value: form.found ?? null } },
    [REPORT_FIELDS.hazardsRectified.block]: {
      [REPORT_FIELDS.hazardsRectified.action]: { type: "number_input", value: form.rectified ?? null },
    },
    [REPORT_FIELDS.note.block]: { [REPORT_FIELDS.note.action]: { type: "plain_text_input", value: form.note ?? null } },
  };
  return sendInteraction(
    h.bot.url,
    viewSubmissionPayload({ userId: user, callbackId: REPORT_MODAL_CALLBACK, privateMetadata: encodeCampaignModalMetadata(ref), values }),
  );
}

export function submitEducation(
  h: Harness,
  ref: CampaignTaskRef,
  user: string,
  form: { heldOn: string; attendees: string; location: string },
) {
  const values = {
    [EDUCATION_FIELDS.heldOn.block]: { [EDUCATION_FIELDS.heldOn.action]: { type: "datepicker", selected_date: form.heldOn } },
    [EDUCATION_FIELDS.attendees.block]: { [EDUCATION_FIELDS.attendees.action]: { type: "number_input", value: form.attendees } },
    [EDUCATION_FIELDS.location.block]: { [EDUCATION_FIELDS.location.action]: { type: "plain_text_input", value: form.location } },
    [EDUCATION_FIELDS.note.block]: { [EDUCATION_FIELDS.note.action]: { type: "plain_text_input", value: null } },
  };
  return sendInteraction(
    h.bot.url,
    viewSubmissionPayload({
      userId: user,
      callbackId: EDUCATION_MODAL_CALLBACK,
      privateMetadata: encodeCampaignModalMetadata(ref),
      values,
    }),
  );
}

export function submitPledge(h: Harness, ref: CampaignTaskRef, user: string, shownVersion: number, ticked = true) {
  const values = {
    [PLEDGE_FIELDS.confirm.block]: {
      [PLEDGE_FIELDS.confirm.action]: { type: "checkboxes", selected_options: ticked ? [{ value: PLEDGE_CONFIRM_VALUE }] : [] },
    },
  };
  return sendInteraction(
    h.bot.url,
    viewSubmissionPayload({
      userId: user,
      callbackId: PLEDGE_MODAL_CALLBACK,
      privateMetadata: encodeCampaignModalMetadata(ref, shownVersion),
      values,
    }),
  );
}

export interface TickLog {
  /** Local time of the tick, "2026-05-07 09:00". */
  at: string;
  /** chat.postMessage calls made during it. */
  posts: SlackCall[];
}

/** One scheduler pass at a local (+08:00) time, with the posts it made. */
export async function tickAt(h: Harness, day: string, time: string): Promise<TickLog> {
  const before = h.slack.calls.length;
  await h.bot.tick(new Date(`${day}T${time}:00+08:00`));
  return { at: `${day} ${time}`, posts: h.slack.calls.slice(before).filter((c) => c.method === "chat.postMessage") };
}

/** Ticks at each of `times` (local) on every calendar day from `first` to `last` inclusive. */
export async function tickDays(h: Harness, first: string, last: string, times: readonly string[] = ["09:00", "15:00"]): Promise<TickLog[]> {
  const log: TickLog[] = [];
  for (let day = new Date(`${first}T00:00:00Z`); day <= new Date(`${last}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    for (const t of times) log.push(await tickAt(h, day.toISOString().slice(0, 10), t));
  }
  return log;
}

/** When (local tick times) something containing `needle` was posted to `channel`. */
export function postedAt(log: readonly TickLog[], channel: string, needle: string): string[] {
  return log.flatMap((t) => t.posts.filter((c) => c.body.channel === channel && callText(c).includes(needle)).map(() => t.at));
}

/** Posts to `channel` containing `needle`, anywhere in the run. */
export function postsWith(h: Harness, channel: string, needle: string): SlackCall[] {
  return h.slack.postsIn(channel).filter((c) => callText(c).includes(needle));
}

/** The CLI in-process over the harness database, with a bot token so it posts like the app (through nock). */
export function cliFor(h: Harness, env: Record<string, string> = {}) {
  return testCli(h.db, {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    REDLINE_DIGEST: "off",
    REDLINE_INSTANCE_ID: "cli",
    REDLINE_SLACK_POSTS_PER_SECOND: "0",
    ...env,
  });
}

/** `redline tick --at <local time>` through the CLI, with the posts it made. */
export async function cliTick(h: Harness, day: string, time: string): Promise<TickLog> {
  const before = h.slack.calls.length;
  const code = await cliFor(h).run("tick", "--at", `${day}T${time}:00+08:00`);
  if (code !== 0) throw new Error(`tick --at ${day} ${time} exited ${code}`);
  return { at: `${day} ${time}`, posts: h.slack.calls.slice(before).filter((c) => c.method === "chat.postMessage") };
}

/**
 * `/redline 行动 结束 <id>` as `user`: the confirmation form Slack was asked to open, and a way to submit it (as
 * anyone, any number of times) with the answer Slack got for the submission.
 */
export async function askToClose(h: Harness, id: string, user = office.liaison) {
  const before = h.slack.callsTo("views.open").length;
  await sendSlashCommand(h.bot.url, { text: `行动 结束 ${id}`, user_id: user, channel_id: office.channel });
  const view = (await waitFor(() => h.slack.callsTo("views.open")[before], "the close confirmation")).body.view;
  return {
    view,
    submit: (as = user) =>
      sendInteraction(
        h.bot.url,
        viewSubmissionPayload({ userId: as, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: {} }),
      ),
  };
}

/** Closes a run through the confirmation form, waiting for the closer's confirmation. */
export async function closeRun(h: Harness, id: string, user = office.liaison) {
  const before = h.slack.callsTo("chat.postEphemeral").length;
  const form = await askToClose(h, id, user);
  const res = await form.submit();
  if (res.status !== 200 || res.json?.response_action) throw new Error(`close form answered ${res.status} ${res.text}`);
  return waitFor(
    () =>
      h.slack
        .callsTo("chat.postEphemeral")
        .slice(before)
        .find((c) => c.body.user === user && callText(c).includes("已结束")),
    "the close confirmation",
  );
}

/**
 * Files the fake Slack holds, by id: files.info answers with a download URL, and the download serves the text to the
 * bot's token only (what `delivery.readFile` does with a file someone uploaded or shared).
 */
export function serveSlackFiles(h: Harness): Map<string, { name: string; text: string }> {
  const files = new Map<string, { name: string; text: string }>();
  h.slack.on("files.info", (body) => {
    const f = files.get(body.file);
    return f
      ? {
          ok: true,
          file: {
            id: body.file,
            name: f.name,
            size: Buffer.byteLength(f.text),
            url_private_download: `https://files.slack.com/files-pri/T1-${body.file}/${f.name}`,
          },
        }
      : { ok: false, error: "file_not_found" };
  });
  nock("https://files.slack.com")
    .persist()
    .get(/\/files-pri\/T1-([A-Z0-9]+)\//)
    .reply(function (uri) {
      if (this.req.headers.authorization !== "Bearer xoxb-test-token") return [403, "no"];
      return [200, files.get(/T1-([A-Z0-9]+)\//.exec(uri)![1]!)?.text ?? ""];
    });
  return files;
}
