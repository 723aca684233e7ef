/**
 * Issue #10's who-leads targets over signed HTTP: redline (embedded database, seeded matrix) against a bare Bolt app
 * with the same receiver (HTTPReceiver, same signing secret and endpoint), 50 concurrent requests a round, rounds
 * alternating between the two so both see the same machine.
 */
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase } from "../../../src/db/client.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { startRedline } from "../../../src/server/start-redline.ts";
import { slackSignature, slashCommandPayload, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/slack-requests.ts";
import { percentile, type BenchCase, type BenchRow } from "../harness.ts";
import { QUESTIONS } from "./who-leads.ts";

const CONCURRENCY = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** Questions the matrix answers itself (no model): the answer travels in the ack. */
const MATRIX_QUESTIONS = QUESTIONS.filter((q) => !q.includes("加油站"));
const LLM_QUESTION = "老人们集中居住养护的地方归谁管";

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

/** Loopback endpoints: response_url arrivals by request id, and an OpenAI-compatible model picking nursing-home. */
async function loopback() {
  const arrivals = new Map<string, (at: number) => void>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.url?.startsWith("/respond/")) {
        arrivals.get(req.url.slice("/respond/".length))?.(performance.now());
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        return;
      }
      if (req.url?.startsWith("/api/")) {
        // Slack's Web API as Bolt needs it to authorise a request (auth.test), for both apps alike.
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1"}');
        return;
      }
      const content = JSON.stringify({ venueTypeIds: ["nursing-home"] });
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "c",
          object: "chat.completion",
          created: 1,
          model: "m",
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
        }),
      );
    });
  });
  const url = await listen(server);
  return { url, arrivals, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A bare Bolt app on the same receiver: acks a constant, or acks empty and posts a constant to the response_url. */
async function bareBolt(mode: "ack" | "respond", slackApiUrl: string) {
  const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
  const app = new App({
    token: TEST_BOT_TOKEN,
    receiver: new HTTPReceiver({ signingSecret: TEST_SIGNING_SECRET, endpoints: "/slack/events", logger: silent }),
    logger: silent,
    clientOptions: { slackApiUrl },
  });
  app.command("/redline", async ({ ack, respond }) => {
    if (mode === "ack") return ack({ response_type: "ephemeral", text: "养老院 → 牵头部门：民政部门" } as never);
    await ack();
    await respond({ response_type: "ephemeral", text: "养老院 → 牵头部门：民政部门" });
  });
  const server = (await app.start(0)) as unknown as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => app.stop() };
}

let seq = 0;
/** One signed /redline request: ms to the HTTP answer, and (when `respondUrl`) ms to its response_url post. */
async function request(url: string, text: string, respond?: { base: string; arrivals: Map<string, (at: number) => void> }) {
  const id = `r${seq++}`;
  const arrived = respond ? new Promise<number>((resolve) => respond.arrivals.set(id, resolve)) : undefined;
  const body = new URLSearchParams(
    slashCommandPayload({ text, user_id: "UBENCH", response_url: respond ? `${respond.base}/respond/${id}` : "http://127.0.0.1:9/none" }),
  ).toString();
  const start = performance.now();
  const res = await fetch(`${url}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(body) },
    body,
  });
  const answer = await res.text();
  const ack = performance.now() - start;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${answer.slice(0, 200)}`);
  const posted = arrived ? (await arrived) - start : undefined;
  respond?.arrivals.delete(id);
  return { ack, posted, inAck: answer.length > 0 };
}

async function rounds(url: string, text: (i: number) => string, respond?: Parameters<typeof request>[2]) {
  return Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => request(url, text(i), respond)));
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export const benchCases: BenchCase[] = [
  {
    name: "who-leads-http",
    async run(): Promise<BenchRow[]> {
      const side = await loopback();
      const database = await openDatabase("pglite:memory://", { migrate: true });
      const config = loadConfig({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        PORT: "0",
        LOG_LEVEL: "silent",
        REDLINE_SCHEDULER: "off",
        REDLINE_DIGEST: "off",
        OPENAI_API_KEY: "sk-bench",
        OPENAI_BASE_URL: `${side.url}/v1`,
        SLACK_API_URL: `${side.url}/api/`,
      });
      const redline = await startRedline(config, { logger: createLogger("silent"), database });
      const bareAck = await bareBolt("ack", `${side.url}/api/`);
      const bareRespond = await bareBolt("respond", `${side.url}/api/`);
      const respond = { base: side.url, arrivals: side.arrivals };
      try {
        const redlineUrl = redline.url!;
        // Warm-up: JIT, connections, the matrix loaded once.
        await rounds(bareAck.url, () => "x");
        await rounds(redlineUrl, (i) => MATRIX_QUESTIONS[i % MATRIX_QUESTIONS.length]!);
        await rounds(bareRespond.url, () => "x", respond);
        await rounds(redlineUrl, () => LLM_QUESTION, respond);

        const bare: number[] = [];
        const ours: number[] = [];
        let notInAck = 0;
        const bareLate: number[] = [];
        const oursLate: number[] = [];
        const oursNew: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          bare.push(...(await rounds(bareAck.url, () => "x")).map((x) => x.ack));
          const answered = await rounds(redlineUrl, (i) => MATRIX_QUESTIONS[(r + i) % MATRIX_QUESTIONS.length]!);
          ours.push(...answered.map((x) => x.ack));
          notInAck += answered.filter((x) => !x.inAck).length;
          bareLate.push(...(await rounds(bareRespond.url, () => "x", respond)).map((x) => x.posted!));
          oursLate.push(...(await rounds(redlineUrl, () => LLM_QUESTION, respond)).map((x) => x.posted!));
          // A question nobody asked before: the model is asked for each one.
          oursNew.push(...(await rounds(redlineUrl, () => `${LLM_QUESTION}（第${seq}问）`, respond)).map((x) => x.posted!));
        }
        const [b, o, bl, ol, on] = [sorted(bare), sorted(ours), sorted(bareLate), sorted(oursLate), sorted(oursNew)];
        const n = `${ROUNDS} rounds × ${CONCURRENCY} concurrent`;
        return [
          {
            figure: "who-leads ack p99 (signed HTTP)",
            value: percentile(o, 99),
            unit: "ms",
            baseline: { label: "bare Bolt ack p99", value: percentile(b, 99) },
            target: 1.2,
            note: n,
          },
          {
            figure: "who-leads ack p50",
            value: percentile(o, 50),
            unit: "ms",
            baseline: { label: "bare Bolt ack p50", value: percentile(b, 50) },
            note: n,
          },
          {
            figure: "who-leads answer p50, request → person sees it (in the ack)",
            value: percentile(o, 50),
            unit: "ms",
            baseline: { label: "bare Bolt ack p50", value: percentile(b, 50) },
            target: 2,
            note: `${notInAck} of ${o.length} answers not in the ack`,
          },
          {
            figure: "LLM fallback answer p50 via response_url, 50 asking the same question (model on loopback)",
            value: percentile(ol, 50),
            unit: "ms",
            baseline: { label: "bare Bolt respond p50", value: percentile(bl, 50) },
            target: 1.2,
            note: `${n}; the model is asked once per question and matrix`,
          },
          {
            figure: "LLM fallback answer p50 via response_url, every question new (one model request each)",
            value: percentile(on, 50),
            unit: "ms",
            baseline: { label: "bare Bolt respond p50", value: percentile(bl, 50) },
            target: 1.2,
            note: n,
          },
          {
            figure: "LLM fallback answer p99 via response_url",
            value: percentile(ol, 99),
            unit: "ms",
            baseline: { label: "bare Bolt respond p99", value: percentile(bl, 99) },
          },
        ];
      } finally {
        await bareAck.stop();
        await bareRespond.stop();
        await redline.stop();
        await database.close();
        await side.close();
      }
    },
  },
];
