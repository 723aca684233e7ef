/** Slack's error code from a failed Web API call (`data.error`, e.g. `not_in_channel`), or undefined for any other failure. */
export function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}
