import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startSandboxMode, type RunningSandbox } from "../../src/server/start-sandbox.ts";
import { openTestDatabase } from "../support/db.ts";

describe("npm start without Slack credentials: the sandbox", () => {
  let db: Database;
  let running: RunningSandbox;

  beforeAll(async () => {
    db = await openTestDatabase("embedded");
    running = await startSandboxMode(loadConfig({ PORT: "0", LOG_LEVEL: "silent", DATABASE_URL: "pglite:memory://" }), {
      logger: createLogger("silent"),
      database: db,
      start: new Date("2026-05-25T09:00:00+08:00"),
    });
  });
  afterAll(async () => {
    await running?.stop();
  });

  it("gives every department a channel, a head and a liaison in the directory", async () => {
    const culture = await db.prisma.department.findUniqueOrThrow({ where: { id: "culture" }, include: { liaisons: true } });
    expect(culture.slackChannelId).toBe("C0CULTURE");
    expect(culture.headSlackUserId).toBe("U0CULTUREH");
    expect(culture.liaisons.map((l) => l.slackUserId)).toEqual(["U0CULTUREL"]);
    expect(running.sandbox.store.channels().map((c) => c.id)).toContain("C0SAFETYOFFICE");
  });

  it("serves the page and answers a slash command typed as a liaison, visible only to them", async () => {
    const page = await fetch(`${running.sandbox.url}/`);
    expect(page.status).toBe(200);
    await running.sandbox.act.typeMessage({ userId: "U0CULTUREL", channel: "C0CULTURE", text: "/redline who-leads KTV" });
    const reply = await running.sandbox.waitFor(() =>
      running.sandbox.store.ephemerals("U0CULTUREL", "C0CULTURE").find((m) => m.text?.includes("文化部门")),
    );
    expect(reply.text).toContain("KTV");
    expect(running.sandbox.store.ephemerals("U0CIVILAFFAIRSL")).toHaveLength(0);
  });

  it("answers a mention in a thread", async () => {
    await running.sandbox.act.typeMessage({ userId: "U0EDUCATIONL", channel: "C0EDUCATION", text: "@redline 幼儿园归哪个部门牵头？" });
    const reply = await running.sandbox.waitFor(() =>
      running.sandbox.store.messages("C0EDUCATION").find((m) => m.threadTs && m.text?.includes("教育部门")),
    );
    expect(reply.threadTs).toBeTruthy();
  });

  it("moves the bot's clock with the page's clock", async () => {
    const to = new Date("2026-05-26T09:00:00+08:00");
    await running.sandbox.advanceClock(to);
    const now = running.redline.deps.now().getTime();
    expect(now).toBeGreaterThanOrEqual(to.getTime());
    expect(now - to.getTime()).toBeLessThan(60_000);
  });
});
