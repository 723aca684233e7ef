/**
 * The fuzz trial: 10,000 fuzzed `/redline` commands (random subcommands and arguments in both languages, unicode,
 * mentions, oversized text, a share of malformed payloads) and fuzzed buttons and forms, signed and sent over HTTP
 * to the real Bolt app on loopback, with Slack played by a loopback stand-in that records every answer.
 *
 * Every request must be answered 200, or 400 when its payload is malformed; every well-formed command and known
 * button must get its private answer once (lost: none, or no HTTP answer; duplicated: the same answer twice); and no
 * row may change in the tables that hold decisions. The audit log may only grow by refusals. RSS before and after.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchAndPost } from "../../../src/campaigns/launch.ts";
import { readLaunchSource } from "../../../src/campaigns/templates.ts";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { seedDefaults } from "../../../src/directory/seed-defaults.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { hasUnstorableText } from "../../../src/lib/storable-text.ts";
import { createMeeting } from "../../../src/meetings/create-meeting.ts";
import { AUDIT_ACTIONS } from "../../../src/messages/audit/ids.ts";
import {
  CAMPAIGN_ACTIONS,
  EDUCATION_MODAL_CALLBACK,
  PLEDGE_MODAL_CALLBACK,
  REPORT_MODAL_CALLBACK,
  REPORT_FIELDS,
} from "../../../src/messages/campaigns/ids.ts";
import { LAUNCH_MODAL_CALLBACK } from "../../../src/messages/campaigns/launch-modal.ts";
import { CREATE_MODAL_CALLBACK, MEETING_ACTIONS, SIGN_IN_MODAL_CALLBACK, SIGN_IN_FIELDS } from "../../../src/messages/meetings/ids.ts";
import { startRedline, type RunningRedline } from "../../../src/server/start-redline.ts";
import { registerSlackIds, slackIds } from "../../support/fixtures.ts";
import { forceGc } from "../../support/force-gc.ts";
import { slackSignature, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/slack-requests.ts";
import { tableCounts } from "../../support/table-counts.ts";
import type { Trial, TrialResult } from "../run.ts";

const COMMANDS = Number(process.env.FUZZ_COMMANDS ?? 10_000);
const BUTTONS = Number(process.env.FUZZ_BUTTONS ?? 2_000);
const VIEWS = Number(process.env.FUZZ_VIEWS ?? 1_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20260525);
const IN_FLIGHT = 8;

/** The tables that hold what people and the scheduler decided; none may change under fuzzing. */
const GUARDED_TABLES = [
  "Department",
  "Liaison",
  "VenueType",
  "MatrixEntry",
  "Campaign",
  "CampaignTarget",
  "Task",
  "Completion",
  "Meeting",
  "MeetingDepartment",
  "SignIn",
  "Briefing",
  "Dispatch",
  "HomeVisit",
  "Hazard",
  "HazardEvent",
  "HazardFile",
  "HazardCounter",
  "SafetyInterview",
  "SupervisionGroup",
  "SupervisionGroupMember",
  "SupervisionGroupCounty",
];

/** mulberry32: a small seeded generator, so a failing run can be repeated with FUZZ_SEED. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof generator>;

// ---------------------------------------------------------------- Slack, played on loopback

interface StandIn {
  url: string;
  /** Bodies posted to each response_url id, hashed. */
  answers: Map<string, string[]>;
  calls: Map<string, number>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Answers the Web API like Slack (nobody is a channel member, users are unknown) and records every response_url post. */
async function startStandIn(): Promise<StandIn> {
  const answers = new Map<string, string[]>();
  const calls = new Map<string, number>();
  let ts = 1_700_000_000;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (path.startsWith("/respond/")) {
        const id = path.slice("/respond/".length);
        const list = answers.get(id) ?? [];
        list.push(createHash("sha1").update(body).digest("hex"));
        answers.set(id, list);
        return json(200, { ok: true });
      }
      const method = path.replace(/^\/api\//, "");
      calls.set(method, (calls.get(method) ?? 0) + 1);
      switch (method) {
        case "auth.test":
          return json(200, { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" });
        case "users.info":
          return json(200, { ok: false, error: "user_not_found" });
        case "conversations.members":
          return json(200, { ok: true, members: [], response_metadata: { next_cursor: "" } });
        case "chat.postMessage":
        case "chat.postEphemeral":
        case "chat.update":
          return json(200, { ok: true, channel: "C1", ts: `${ts++}.000100`, message_ts: `${ts}.000100` });
        case "views.open":
        case "views.publish":
          return json(200, { ok: true, view: { id: `V${ts++}` } });
        default:
          return json(200, { ok: true });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    answers,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- what people might type

const SUBCOMMANDS = [
  ...["help", "帮助", "?", "谁负责", "who-leads", "牵头", "进展", "status", "状态"],
  ...["行动", "campaign", "会议", "meeting", "缺席", "absences", "周报", "digest", "审计", "audit", "审计日志"],
  ...["", "HELP", "Campaign", "行动x", "--help", "👀", "谁"],
];
/** What the office may type without changing anything: reading, asking, paging. */
const OFFICE_READS = ["help", "帮助", "谁负责", "who-leads", "进展", "status", "审计", "audit", "缺席", "absences"];
const ACTIONS = ["发起", "launch", "结束", "close", "列表", "list", "创建", "create", "导出", "export", "查看", "start", "end"];
const FLAGS = [
  "--since",
  "--until",
  "--actor",
  "--action",
  "--subject",
  "--department",
  "自",
  "至",
  "操作人",
  "单位",
  "--export",
  "导出",
  "--since=",
];
const WORDS = [
  ...["养老院", "KTV", "网吧", "幼儿园", "图书馆", "nursing home", "internet cafe", "歌厅", "学校", "医院", "工地", "加油站"],
  ...["summer-fire-safety", "hazard-rectification-report", "safety-dialogue", "2026-05-29-1", "culture", "卫辉市", "文化", "教育部门"],
  ...[
    "campaign.",
    "meeting.",
    "scheduler",
    "cli:*",
    "campaign:summer-fire-safety",
    "7d",
    "24h",
    "2026-05-01",
    "2026-13-45",
    "1999-01-01T00:00",
  ],
];
const MARKUP = [
  ...["<!channel>", "<!here>", "<!everyone>", "<!subteam^S1|@safety>", "<@U0FAKE>", "<@U0FAKE|wang>", "<#C0FAKE|general>"],
  ...["<https://evil.example|点这里>", "&lt;", "&amp;", "&gt;", "<", ">", "&", "*bold*", "_it_", "~x~", "`code`", "```"],
];
const UNICODE = [
  ...["😀", "🧯🔥", "👨‍👩‍👧", "\u200b", "\u202e反转", "é", "e\u0301", "ﾃｽﾄ", "𠀋", "\u0000", "\ud83d", "\t", "\n", "“引号”", '"quoted phrase"'],
  ...["Ω≈ç√", "עברית", "العربية", "  ", "\\", "%00", "' OR 1=1 --", '\'; DROP TABLE "Campaign"; --', "${x}", "{{x}}"],
];

function fuzzWord(r: Rng): string {
  const roll = r.next();
  if (roll < 0.3) return r.pick(WORDS);
  if (roll < 0.45) return r.pick(FLAGS);
  if (roll < 0.6) return r.pick(MARKUP);
  if (roll < 0.75) return r.pick(UNICODE);
  if (roll < 0.85) return r.pick(ACTIONS);
  // Random characters from anywhere in the Basic Multilingual Plane, now and then a long run.
  const length = r.chance(0.05) ? 200 + r.int(800) : 1 + r.int(12);
  return Array.from({ length }, () => String.fromCodePoint(0x20 + r.int(0xd7ff - 0x20))).join("");
}

function fuzzText(r: Rng, office: boolean): string {
  const sub = office ? r.pick(OFFICE_READS) : r.pick(SUBCOMMANDS);
  const words = [sub, ...(office ? [] : r.chance(0.5) ? [r.pick(ACTIONS)] : [])];
  for (let i = r.int(7); i > 0; i--) words.push(fuzzWord(r));
  let text = words.join(r.chance(0.1) ? "\u3000" : " ");
  // Oversized: beyond what Slack allows, past the 2,000 characters the parser keeps.
  if (r.chance(0.01)) text += "长".repeat(5_000 + r.int(8_000));
  // The office must not export (it uploads) even by a stray word; everything else it types only reads.
  return office ? text.replace(/导出|export/gi, "看") : text;
}

// ---------------------------------------------------------------- requests

interface FuzzRequest {
  kind: "command" | "button" | "view";
  body: string;
  contentType: string;
  /** The response_url id when an answer through it is due, once. */
  answerId?: string;
  /** The status a correct app gives: 200, or 400 for a malformed payload. */
  expect: 200 | 400;
}

const FORM = "application/x-www-form-urlencoded";

/** Whether any text in a payload holds a NUL or half a surrogate pair: Slack never sends that, so it is malformed. */
function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === "string") return hasUnstorableText(value);
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([k, v]) => hasUnstorableText(k) || holdsUnstorableText(v));
}

function commandRequest(r: Rng, i: number, standIn: string, people: People): FuzzRequest {
  const office = r.chance(0.25);
  const user = office ? people.office : r.chance(0.3) ? r.pick(people.members) : `U${r.int(1e9).toString(36).toUpperCase()}`;
  const fields: Record<string, string> = {
    token: "legacy",
    team_id: "T1",
    team_domain: "city",
    channel_id: r.pick(people.channels),
    channel_name: "c",
    user_id: user,
    user_name: "u",
    command: "/redline",
    text: fuzzText(r, office),
    api_app_id: "A1",
    response_url: `${standIn}/respond/c${i}`,
    trigger_id: `${i}.trigger`,
  };
  // About one in thirty is not what Slack sends: a field missing, or given twice.
  if (r.chance(1 / 30)) {
    const field = r.pick(["user_id", "channel_id", "text", "response_url", "trigger_id"]);
    const params = new URLSearchParams(fields);
    if (r.chance(0.5)) params.delete(field);
    else params.append(field, "again");
    return { kind: "command", body: params.toString(), contentType: FORM, expect: 400 };
  }
  const body = new URLSearchParams(fields).toString();
  // As the server reads it: form encoding turns half a surrogate pair into U+FFFD, but a NUL arrives as one.
  if (holdsUnstorableText(Object.fromEntries(new URLSearchParams(body)))) return { kind: "command", body, contentType: FORM, expect: 400 };
  return { kind: "command", body, contentType: FORM, answerId: `c${i}`, expect: 200 };
}

const KNOWN_ACTIONS = [...Object.values(CAMPAIGN_ACTIONS), ...Object.values(MEETING_ACTIONS), ...Object.values(AUDIT_ACTIONS)];

function fuzzValue(r: Rng, refs: Refs): string {
  const roll = r.next();
  if (roll < 0.25) return JSON.stringify({ c: refs.campaignId, t: r.pick(refs.taskKeys), d: r.pick(refs.departments) });
  if (roll < 0.4) return JSON.stringify({ m: refs.meetingId, d: r.pick(refs.departments) });
  if (roll < 0.5)
    return JSON.stringify({ l: r.pick(["zh", "en"]), b: String(r.int(1000)), ...(r.chance(0.5) ? { x: fuzzWord(r).slice(0, 100) } : {}) });
  if (roll < 0.6) return JSON.stringify({ c: fuzzWord(r), t: fuzzWord(r), d: fuzzWord(r) });
  if (roll < 0.7) return "{".repeat(1 + r.int(50));
  if (roll < 0.8) return fuzzWord(r).slice(0, 2000);
  return JSON.stringify(Array.from({ length: r.int(5) }, () => fuzzWord(r)));
}

function buttonRequest(r: Rng, i: number, standIn: string, people: People, refs: Refs): FuzzRequest {
  const known = r.chance(0.9);
  const user = r.chance(0.2) ? people.office : `U${r.int(1e9).toString(36).toUpperCase()}`;
  const payload: Record<string, unknown> = {
    type: "block_actions",
    team: { id: "T1", domain: "city" },
    user: { id: user, username: "u", name: "u", team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "message", message_ts: "1.1", channel_id: r.pick(people.channels), is_ephemeral: false },
    trigger_id: `${i}.trigger`,
    channel: { id: r.pick(people.channels), name: "c" },
    message: { type: "message", ts: "1700000000.000100", text: "", blocks: [] },
    response_url: `${standIn}/respond/b${i}`,
    actions: [
      {
        action_id: known ? r.pick(KNOWN_ACTIONS) : fuzzWord(r).slice(0, 200) || "x",
        block_id: "b",
        value: fuzzValue(r, refs),
        type: "button",
        action_ts: "1.1",
      },
    ],
  };
  if (r.chance(0.05)) {
    // Malformed: a field Bolt or a listener reads is missing or of another type.
    const breakage = r.pick(["user", "actions", "trigger_id", "value", "user.id"] as const);
    if (breakage === "user") delete payload.user;
    else if (breakage === "actions") payload.actions = r.chance(0.5) ? [] : "x";
    else if (breakage === "trigger_id") payload.trigger_id = 5;
    else if (breakage === "value") (payload.actions as Record<string, unknown>[])[0]!.value = { nested: true };
    else payload.user = { name: "no id" };
    return { kind: "button", body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, expect: 400 };
  }
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  if (holdsUnstorableText(payload)) return { kind: "button", body, contentType: FORM, expect: 400 };
  // Only the buttons redline listens to answer; a button it never made is acknowledged and ignored.
  return { kind: "button", body, contentType: FORM, ...(known ? { answerId: `b${i}` } : {}), expect: 200 };
}

const KNOWN_VIEWS = [
  REPORT_MODAL_CALLBACK,
  EDUCATION_MODAL_CALLBACK,
  PLEDGE_MODAL_CALLBACK,
  LAUNCH_MODAL_CALLBACK,
  SIGN_IN_MODAL_CALLBACK,
  CREATE_MODAL_CALLBACK,
];

function viewRequest(r: Rng, i: number, refs: Refs): FuzzRequest {
  // Never the office: a well-formed create-meeting or launch form from the office would rightly change data.
  const user = `U${r.int(1e9).toString(36).toUpperCase()}`;
  const values: Record<string, Record<string, unknown>> = {
    [REPORT_FIELDS.status.block]: { [REPORT_FIELDS.status.action]: { type: "static_select", selected_option: { value: fuzzWord(r) } } },
    [REPORT_FIELDS.note.block]: { [REPORT_FIELDS.note.action]: { type: "plain_text_input", value: fuzzWord(r) } },
    [SIGN_IN_FIELDS.role.block]: {
      [SIGN_IN_FIELDS.role.action]: { type: "radio_buttons", selected_option: { value: r.pick(["head", "deputy", "x"]) } },
    },
    [SIGN_IN_FIELDS.title.block]: { [SIGN_IN_FIELDS.title.action]: { type: "plain_text_input", value: fuzzWord(r) } },
  };
  const metadata = r.pick([
    JSON.stringify({ c: refs.campaignId, t: r.pick(refs.taskKeys), d: r.pick(refs.departments), v: 1 }),
    JSON.stringify({ m: refs.meetingId, d: r.pick(refs.departments), l: "zh" }),
    JSON.stringify({ l: r.pick(["zh", "en"]), c: "C1" }),
    fuzzWord(r).slice(0, 3000),
    "",
  ]);
  const payload: Record<string, unknown> = {
    type: "view_submission",
    team: { id: "T1", domain: "city" },
    user: { id: user, username: "u", name: "u", team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: `${i}.trigger`,
    view: {
      id: `V${i}`,
      type: "modal",
      callback_id: r.pick(KNOWN_VIEWS),
      private_metadata: metadata,
      state: { values },
      hash: "h",
      blocks: [],
    },
  };
  if (r.chance(0.05)) {
    const view = payload.view as Record<string, unknown>;
    if (r.chance(0.5)) view.state = r.chance(0.5) ? "x" : { values: [1, 2] };
    else delete payload.view;
    return { kind: "view", body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, expect: 400 };
  }
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return { kind: "view", body, contentType: FORM, expect: holdsUnstorableText(payload) ? 400 : 200 };
}

// ---------------------------------------------------------------- the run

interface People {
  office: string;
  members: string[];
  channels: string[];
}
interface Refs {
  campaignId: string;
  taskKeys: string[];
  meetingId: string;
  departments: string[];
}

const DEPARTMENTS = ["safety-office", "civil-affairs", "culture", "education", "weihui", "huixian"];

/** A request in a few words, for the report when it went wrong. */
function describeRequest(request: FuzzRequest): string {
  const form = new URLSearchParams(request.body);
  const payload = form.get("payload");
  if (!payload) return `command ${JSON.stringify((form.get("text") ?? "").slice(0, 80))} by ${form.get("user_id")}`;
  const p = JSON.parse(payload) as {
    actions?: { action_id: string; value: string }[];
    view?: { callback_id: string };
    user?: { id: string };
  };
  if (p.actions) return `button ${p.actions[0]!.action_id} ${JSON.stringify(p.actions[0]!.value.slice(0, 60))} by ${p.user?.id}`;
  return `view ${p.view?.callback_id} by ${p.user?.id}`;
}

/** The status, and the answer when it travelled in the ack itself (who-leads answers there, not via response_url). */
async function send(url: string, request: FuzzRequest): Promise<{ status: number | "no answer"; ackAnswer?: string }> {
  try {
    const res = await fetch(`${url}/slack/events`, {
      method: "POST",
      headers: { "content-type": request.contentType, ...slackSignature(request.body, TEST_SIGNING_SECRET) },
      body: request.body,
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.text();
    const answered = res.status === 200 && body.startsWith("{") && typeof (JSON.parse(body) as { text?: unknown }).text === "string";
    return { status: res.status, ...(answered ? { ackAnswer: body } : {}) };
  } catch {
    return { status: "no answer" };
  }
}

async function runFuzz(): Promise<TrialResult> {
  const standIn = await startStandIn();
  let database: Database | undefined;
  let bot: RunningRedline | undefined;
  try {
    database = await openDatabase("pglite:memory://", { migrate: true });
    await seedDefaults(database.prisma);
    // Every department gets a channel, a head and a liaison, as a live directory would have.
    await registerSlackIds(
      database.prisma,
      (await database.prisma.department.findMany({ select: { id: true } })).map((d) => d.id),
    );
    const config = loadConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: `${standIn.url}/api/`,
      PORT: "0",
      LOG_LEVEL: "silent",
      REDLINE_SCHEDULER: "off",
      REDLINE_DIGEST: "off",
      REDLINE_INSTANCE_ID: "fuzz",
    });
    bot = await startRedline(config, { logger: createLogger(process.env.FUZZ_LOG_LEVEL ?? "silent"), database, retries: 0 });
    const url = bot.url!;

    // Something real to aim at: a launched campaign with its buttons, a meeting with its sign-in.
    const office = slackIds("safety-office").liaison;
    const now = new Date();
    const launched = await launchAndPost(bot.deps, {
      ...(await readLaunchSource(database.prisma, "summer-fire-safety")),
      launchedBy: office,
      now,
    });
    const meeting = await createMeeting(
      database.prisma,
      {
        title: "全市安全生产工作会议",
        startsAt: new Date(now.getTime() + 30 * 60_000),
        opensMinutesBefore: 60,
        closesMinutesAfter: 30,
        departments: { groups: [], ids: DEPARTMENTS.filter((d) => d !== "safety-office"), except: [] },
        headMustAttend: true,
        briefingDueWorkingDays: 2,
      },
      { createdBy: office, now, zone: config.zone },
    );
    const people: People = {
      office,
      // Department people; the office's own are the `office` user, who only reads.
      members: DEPARTMENTS.filter((d) => d !== "safety-office").flatMap((d) => [slackIds(d).liaison, slackIds(d).head]),
      channels: [...DEPARTMENTS.map((d) => slackIds(d).channel), "C0NOWHERE", "D0DIRECT"],
    };
    const refs: Refs = {
      campaignId: launched.record.campaignId,
      taskKeys: launched.board.tasks.map((t) => t.task.key),
      meetingId: meeting.id,
      departments: DEPARTMENTS,
    };

    const r = generator(SEED);
    const requests: FuzzRequest[] = [
      ...Array.from({ length: COMMANDS }, (_, i) => commandRequest(r, i, standIn.url, people)),
      ...Array.from({ length: BUTTONS }, (_, i) => buttonRequest(r, i, standIn.url, people, refs)),
      ...Array.from({ length: VIEWS }, (_, i) => viewRequest(r, i, refs)),
    ];
    // Interleave the surfaces, as Slack would deliver them.
    for (let i = requests.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [requests[i], requests[j]] = [requests[j]!, requests[i]!];
    }

    const before = await tableCounts(database.prisma, GUARDED_TABLES);
    const lastAuditBefore = (await database.prisma.auditEntry.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0n;
    forceGc();
    const memoryBefore = process.memoryUsage();
    const started = Date.now();

    const statuses = new Map<string, number>();
    const wrongStatus: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const { status, ackAnswer } = await send(url, request);
        if (ackAnswer && request.answerId) {
          const list = standIn.answers.get(request.answerId) ?? [];
          list.push(createHash("sha1").update(ackAnswer).digest("hex"));
          standIn.answers.set(request.answerId, list);
        }
        const key = `${request.kind} ${status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (status !== request.expect) wrongStatus.push(`${request.kind}: expected ${request.expect}, got ${status}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    // Answers through response_url come after the ack (who-leads answers are in the ack); wait until they stop arriving.
    const due = requests.filter((q) => q.answerId && q.expect === 200);
    let last = -1;
    for (let quiet = 0; quiet < 10;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const got = [...standIn.answers.values()].reduce((n, list) => n + list.length, 0);
      quiet = got === last ? quiet + 1 : 0;
      last = got;
    }
    const seconds = (Date.now() - started) / 1000;
    forceGc();
    const memoryAfter = process.memoryUsage();

    const unanswered = due.filter((q) => !standIn.answers.has(q.answerId!));
    const doubled = [...standIn.answers.values()].reduce((n, list) => n + (list.length - new Set(list).size), 0);
    const after = await tableCounts(database.prisma, GUARDED_TABLES);
    const changed = GUARDED_TABLES.filter((t) => before[t] !== after[t]).map((t) => `${t} ${before[t]}→${after[t]}`);
    const auditAdded = await database.prisma.auditEntry.findMany({ where: { id: { gt: lastAuditBefore } }, select: { outcome: true } });
    const auditOk = auditAdded.filter((e) => e.outcome === "ok").length;

    const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
    const lines = [
      `status: ${[...statuses]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(", ")}`,
      `wrong status: ${wrongStatus.length}${wrongStatus.length ? ` (${[...new Set(wrongStatus)].slice(0, 5).join("; ")})` : ""}`,
      `answers due ${due.length}, missing ${unanswered.length}, doubled ${doubled}${unanswered.length ? ` — first: ${unanswered.slice(0, 3).map(describeRequest).join(" | ")}` : ""}`,
      `rows changed in ${GUARDED_TABLES.length} tables: ${changed.length ? changed.join(", ") : "none"}`,
      `audit entries added: ${auditAdded.length} (not refusals: ${auditOk})`,
      `RSS before ${mb(memoryBefore.rss)}, after ${mb(memoryAfter.rss)} (JS heap ${mb(memoryBefore.heapUsed)} → ${mb(memoryAfter.heapUsed)}, each after a forced GC) · ${requests.length} requests in ${seconds.toFixed(0)} s · seed ${SEED}`,
    ];
    const broken = wrongStatus.length + changed.length + auditOk;
    return {
      load: `${COMMANDS.toLocaleString("en")} fuzzed /redline commands, ${BUTTONS.toLocaleString("en")} buttons, ${VIEWS.toLocaleString("en")} forms, ${IN_FLIGHT} in flight, signed, to the real Bolt app on loopback`,
      faults:
        "random subcommands and arguments in both languages, unicode, mentions and markup, oversized text, forged button values and form metadata, ~3-5 % malformed payloads",
      // Lost: a request with no (or the wrong) answer, a due answer that never came, a row that changed.
      lost: unanswered.length + broken,
      duplicated: doubled,
      notes: lines.join("\n  "),
    };
  } finally {
    await bot?.stop();
    if (database) await database.close();
    await standIn.close();
  }
}

export const trials: Trial[] = [{ name: "fuzz-commands", run: runFuzz }];
