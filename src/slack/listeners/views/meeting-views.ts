import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";

/** Modal submissions for meetings (filled in by the meeting feature). */
export function registerMeetingViews(_app: App, _deps: AppDeps): void {}
