import type { SlackFake } from "./slack-fake.ts";
import { sendSlashCommand } from "./slack-requests.ts";
import { waitFor } from "./wait-for.ts";

export interface SlashAnswer {
  /** Where the person saw it: in the ack itself, or later through the response_url. */
  via: "ack" | "respond";
  body: { response_type?: string; text: string; blocks: any[] };
}

/**
 * Sends `/redline <text>` and returns what the person sees first: the ack's body when it carries the answer
 * (who-leads answers there), otherwise the first message posted to the response_url.
 */
export async function slashAnswer(
  url: string,
  slack: SlackFake,
  text: string,
  overrides: Record<string, string> = {},
): Promise<SlashAnswer> {
  const res = await sendSlashCommand(url, { text, ...overrides });
  if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
  const acked = res.json as SlashAnswer["body"] | null;
  if (acked?.text) return { via: "ack", body: acked };
  const reply = await waitFor(() => slack.responses[0], `the respond() answer to "${text}"`);
  return { via: "respond", body: reply.body as SlashAnswer["body"] };
}
