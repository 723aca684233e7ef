import type { z } from "zod";

/** Slack caps button values at 2000 characters; private_metadata at 3000. */
const MAX_PAYLOAD = 3000;

/**
 * A button value or modal private_metadata that redline wrote, read back through its schema. Anything else —
 * not JSON, another app's value, a field missing — gives null, for the caller to refuse with its own sentence.
 */
export function readPayloadJson<S extends z.ZodType>(raw: unknown, schema: S): z.infer<S> | null {
  if (typeof raw !== "string" || raw.length > MAX_PAYLOAD) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
