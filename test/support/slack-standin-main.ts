/** Runs the Slack stand-in in its own process: `node --import tsx slack-standin-main.ts '<options JSON>'`; prints its API URL. */
import { startSlackStandIn, type StandInOptions } from "./slack-standin.ts";

const options = JSON.parse(process.argv[2] ?? "{}") as StandInOptions & { seed?: number };
let seed = options.seed ?? 1;
/** mulberry32: the same faults for the same seed. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const standIn = await startSlackStandIn({ ...options, random });
process.stdout.write(`${standIn.apiUrl}\n`);
process.on("SIGTERM", () => void standIn.close().then(() => process.exit(0)));
