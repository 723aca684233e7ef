import { loadConfig, type Config } from "../config/env.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { importDirectory } from "../directory/import-directory.ts";
import { seedDefaults } from "../directory/seed-defaults.ts";
import type { Logger } from "../lib/logger.ts";
import { createSandbox, createSandboxClock, generateSandboxCredentials, type Sandbox } from "../sandbox/index.ts";
import { demoSlackIds, demoWorkspace } from "../sandbox/demo-directory.ts";
import { DEMO_PHOTO_NAME, demoPhotoPng } from "../sandbox/demo-photo.ts";
import { seedDemoHazards } from "../sandbox/demo-hazards.ts";
import { seedDemoMeeting } from "../sandbox/demo-meetings.ts";
import { seedDemoCampaign } from "../sandbox/demo-campaign.ts";
import { readManifest } from "../sandbox/manifest.ts";
import { refuseSandboxOverRealDirectory, sandboxDatabaseUrl } from "./sandbox-guard.ts";
import { startRedline, type RunningRedline } from "./start-redline.ts";

export interface RunningSandbox {
  sandbox: Sandbox;
  redline: RunningRedline;
  stop(): Promise<void>;
}

/**
 * `npm start` without Slack credentials: the real bot (same Bolt app, listeners, scheduler, database)
 * talking to a loopback Slack stand-in, with a page at http://localhost:<PORT>/ to act as any person.
 */
export async function startSandboxMode(
  base: Config,
  options: {
    logger: Logger;
    env?: NodeJS.ProcessEnv;
    start?: Date;
    /** An already open sandbox database (tests); otherwise the sandbox's own folder (`sandboxDatabaseUrl`). */
    database?: Database;
  },
): Promise<RunningSandbox> {
  const { logger } = options;
  // The sandbox's data is its own, whatever DATABASE_URL says; and it does not start over an office's real directory.
  await refuseSandboxOverRealDirectory(base.databaseUrl);
  const databaseUrl = options.database?.url ?? sandboxDatabaseUrl(base.databaseUrl);
  const database = options.database ?? (await openDatabase(databaseUrl, { migrate: true, role: "sandbox" }));
  await seedDefaults(database.prisma);
  const departments = await database.prisma.department.findMany({ orderBy: { createdAt: "asc" } });
  const workspace = demoWorkspace(departments);
  await importDirectory(database.prisma, workspace.directory, "sandbox workspace");

  const credentials = generateSandboxCredentials();
  const clock = createSandboxClock(options.start ?? new Date());
  const manifest = await readManifest();
  let redline: RunningRedline | undefined;
  const sandbox = await createSandbox({
    ...credentials,
    users: workspace.users,
    channels: workspace.channels,
    // What a workspace gets from installing the app: 登记为隐患 on each message's ⋯ menu, and the events it is sent.
    shortcuts: manifest.shortcuts,
    botEvents: manifest.botEvents,
    clock,
    timeZone: base.zone,
    port: base.port,
    logger: logger.child({ component: "sandbox" }),
    onAdvanceClock: async (to) => void (await redline?.tick(to)),
  });
  try {
    const config = loadConfig({
      ...(options.env ?? {}),
      SLACK_BOT_TOKEN: credentials.botToken,
      SLACK_SIGNING_SECRET: credentials.signingSecret,
      SLACK_API_URL: sandbox.apiUrl,
      PORT: "0",
      DATABASE_URL: databaseUrl,
      REDLINE_OFFICE_CHANNEL: workspace.officeChannelId,
    });
    redline = await startRedline(config, { logger, database, now: clock.now });
    sandbox.setBotUrl(redline.url!);
    // The demo rectification's after-photo is a real file in the sandbox, uploaded by the unit's liaison.
    const photo = sandbox.store.addPersonFile({
      userId: demoSlackIds("huixian").liaisonId,
      name: DEMO_PHOTO_NAME,
      mimetype: "image/png",
      data: await demoPhotoPng(),
    });
    await seedDemoHazards(redline.deps, clock.now(), { slackFileId: photo.id, name: photo.name, mimetype: photo.mimetype });
    await seedDemoMeeting(redline.deps, clock.now());
    await seedDemoCampaign(redline.deps, clock.now());
  } catch (e) {
    await sandbox.close();
    await database.close();
    throw e;
  }
  const running = redline;
  return {
    sandbox,
    redline: running,
    async stop() {
      await running.stop();
      await sandbox.close();
      await database.close();
    },
  };
}
