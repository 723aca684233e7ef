/**
 * One redline replica running the scheduler's tick (every sweep, as `npx redline tick --at` does) at TICK_AT, again
 * every 200 ms as the per-minute tick would, until a tick finds nothing to send and the outbox holds nothing unsent
 * (no claim, no failure waiting for its retry): what another replica claimed it waits out. With WAIT_FOR_GO it prints
 * `ready` once connected and starts on the parent's word, so replicas tick at the same moment. Prints how many ticks
 * it ran and what it sent; with FAULTS_DEBUG, each tick's report on stderr. Settings: see redline-process.ts.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { runTick } from "../../../src/scheduler/run-tick.ts";
import { allSweeps } from "../../../src/scheduler/sweeps.ts";
import { readyAndWaitForGo } from "../trial-support.ts";
import { openRedlineProcess } from "./redline-process.ts";

const { database, deps, deadline } = await openRedlineProcess();
const at = new Date(process.env.TICK_AT!);
await readyAndWaitForGo();
const started = Date.now();
let ticks = 0;
let sent = 0;
for (;;) {
  const report = await runTick(allSweeps, deps, at);
  ticks++;
  let failed = 0;
  for (const r of Object.values(report.sweeps)) {
    if ("error" in r) failed++;
    else {
      sent += r.sent;
      failed += r.failed;
    }
  }
  const unsent = await database.prisma.dispatch.count({ where: { status: { not: "sent" } } });
  if (process.env.FAULTS_DEBUG)
    process.stderr.write(
      `${deps.config.instanceId} tick ${ticks} at +${Date.now() - started} ms: ${JSON.stringify(report.sweeps)} unsent ${unsent}\n`,
    );
  if (failed === 0 && unsent === 0) break;
  if (Date.now() > deadline) {
    process.stdout.write(`${JSON.stringify({ ticks, sent, unsent })}\n`);
    await database.close();
    process.exit(2);
  }
  await sleep(200);
}
process.stdout.write(`${JSON.stringify({ ticks, sent })}\n`);
await database.close();
process.exit(0);
