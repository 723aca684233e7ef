/**
 * One redline process finishing a campaign launch, as the scheduler would (a pass every 200 ms until the campaign is
 * `launched`), for the kill -9 trial: the parent kills it at a random moment and starts another. Settings: see
 * redline-process.ts; CAMPAIGN, the campaign to finish.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { resumeLaunches } from "../../../src/campaigns/launch-messages.ts";
import { openRedlineProcess } from "./redline-process.ts";

const { database, deps, deadline } = await openRedlineProcess();
const campaign = process.env.CAMPAIGN!;
for (;;) {
  await resumeLaunches(deps, new Date());
  const row = await database.prisma.campaign.findUnique({ where: { id: campaign }, select: { status: true } });
  if (row?.status === "launched") break;
  if (Date.now() > deadline) {
    await database.close();
    process.exit(2);
  }
  await sleep(200);
}
await database.close();
process.exit(0);
