import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";

/** Button listeners for meetings (filled in by the meeting feature). */
export function registerMeetingActions(_app: App, _deps: AppDeps): void {}
