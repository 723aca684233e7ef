import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, createSandboxClock, type Sandbox } from "../../src/sandbox/index.ts";
import { startFakeBot } from "./fake-bot.ts";
import { LIAISON, OFFICE, sandboxOptions } from "./fixtures.ts";

let sandbox: Sandbox;
let bot: Awaited<ReturnType<typeof startFakeBot>>;
const advancedTo: Date[] = [];

beforeAll(async () => {
  const options = sandboxOptions();
  bot = await startFakeBot(options.signingSecret, (r) => (r.kind === "command" ? { body: `收到：${r.fields.text}` } : undefined));
  sandbox = await createSandbox({
    ...options,
    botUrl: bot.url,
    clock: createSandboxClock(new Date("2025-05-26T08:30:00+08:00")),
    onAdvanceClock: (to) => {
      advancedTo.push(to);
    },
  });
});
afterAll(async () => {
  await sandbox.close();
  await bot.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${sandbox.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const state = async (user: string, view: string) =>
  (await (await fetch(`${sandbox.url}/state?user=${user}&view=${view}`)).json()) as {
    channelsHtml: string;
    mainHtml: string;
    title: string;
    clock: { label: string };
  };

describe("the page", () => {
  it("serves the shell with the controls a browser test targets", async () => {
    const response = await fetch(`${sandbox.url}/`);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    for (const testid of [
      "user-switcher",
      "channel-list",
      "messages",
      "message-box",
      "message-send",
      "clock-now",
      "clock-plus-hour",
      "clock-plus-day",
      "clock-next-nine",
      "clock-input",
      "clock-set",
      "notice",
      "modal-root",
    ]) {
      expect(html).toContain(`data-testid="${testid}"`);
    }
    expect(html).toContain('<option value="ULIAISON1">李文化 · 文化部门联络员 (ULIAISON1)</option>');
    expect((await fetch(`${sandbox.url}/assets/sandbox.js`)).status).toBe(200);
  });

  it("lists private channels only for their members", async () => {
    expect((await state(OFFICE, "home")).channelsHtml).toContain('data-channel-id="CPRIVATE"');
    expect((await state(LIAISON, "home")).channelsHtml).not.toContain('data-channel-id="CPRIVATE"');
    expect((await state(LIAISON, "CPRIVATE")).title).toContain("主页");
  });

  it("sends what is typed in the message box as a slash command and shows the ack to that person only", async () => {
    const result = await (await post("/sandbox/message", { user: LIAISON, channel: "CCULTURE", text: "/redline status" })).json();
    expect(result).toMatchObject({ delivered: true });
    expect((await state(LIAISON, "CCULTURE")).mainHtml).toContain("收到：status");
    expect((await state(OFFICE, "CCULTURE")).mainHtml).not.toContain("收到：status");
  });

  it("answers a malformed or impossible action with a bilingual 400", async () => {
    const malformed = await post("/sandbox/message", { user: LIAISON });
    expect(malformed.status).toBe(400);
    const impossible = await post("/sandbox/message", { user: LIAISON, channel: "CPRIVATE", text: "hi" });
    expect(impossible.status).toBe(400);
    expect(await impossible.json()).toMatchObject({ error: { zh: "没有这个频道：CPRIVATE" } });
  });

  it("advances the simulated clock and hands the new time to onAdvanceClock", async () => {
    expect((await state(OFFICE, "home")).clock.label).toMatch(/^2025-05-26 周一 08:3\d$/);
    const nine = await (await post("/sandbox/clock", { op: "next-nine" })).json();
    expect(nine.to).toBe("2025-05-26T01:00:00.000Z");
    await post("/sandbox/clock", { op: "set", local: "2025-05-31T17:00" });
    expect(advancedTo.map((d) => d.toISOString())).toEqual(["2025-05-26T01:00:00.000Z", "2025-05-31T09:00:00.000Z"]);
    expect((await state(OFFICE, "home")).clock.label).toMatch(/^2025-05-31 周六 17:0\d$/);
    expect((await post("/sandbox/clock", { op: "set", local: "soon" })).status).toBe(400);
  });
});
