import { readFile } from "node:fs/promises";
import OpenAI from "openai";
import { z } from "zod";
import type { MatrixVenueType } from "../domain/matrix/types.ts";
import type { Logger } from "../lib/logger.ts";

const PROMPT_FILE = new URL("../../prompts/who-leads.md", import.meta.url);
const ZModelAnswer = z.object({ venueTypeIds: z.array(z.string()).max(10) });

export interface VenueTypeGuesser {
  /** Venue type ids (only ones in `venueTypes`) the question is about; [] when unsure or on any failure. */
  guess(question: string, venueTypes: readonly MatrixVenueType[]): Promise<string[]>;
}

export interface LlmOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  logger: Logger;
}

/** How many distinct questions a held matrix keeps the model's answer for, and for how long. */
const ANSWERS_KEPT = 500;
const ANSWER_KEPT_MS = 15 * 60_000;

/**
 * The model only reads the question and picks ids from the list; the answer itself always comes from
 * the matrix, so a model that is wrong, slow or manipulated can at worst make redline say "not found".
 *
 * The model is asked once per question and loaded matrix: the same question asked again (or by fifty people at once)
 * waits for the same request, and its answer is kept for 15 minutes (at most 500 questions per matrix; a reloaded
 * matrix starts afresh). A failed request is not kept: the next asker tries again.
 */
export function createLlmGuesser(options: LlmOptions): VenueTypeGuesser {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 0 });
  let template: Promise<string> | undefined;
  // The system prompt per loaded matrix (the list of every venue type is the same for every question until it reloads).
  const prompts = new WeakMap<readonly MatrixVenueType[], Promise<string>>();
  const promptFor = (venueTypes: readonly MatrixVenueType[]) => {
    let prompt = prompts.get(venueTypes);
    if (!prompt) {
      template ??= readFile(PROMPT_FILE, "utf8");
      const list = venueTypes.map((v) => `${v.id}: ${v.nameZh} / ${v.nameEn} (${v.category})`).join("\n");
      prompt = template.then((t) => t.replace("{{VENUE_TYPES}}", list));
      prompt.catch(() => prompts.delete(venueTypes));
      prompts.set(venueTypes, prompt);
    }
    return prompt;
  };
  async function askModel(question: string, venueTypes: readonly MatrixVenueType[]): Promise<string[]> {
    const completion = await client.chat.completions.create({
      model: options.model,
      temperature: 0,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: await promptFor(venueTypes) },
        { role: "user", content: question },
      ],
    });
    const raw = completion.choices[0]?.message?.content ?? "";
    const parsed = ZModelAnswer.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error(`model answer has the wrong shape: ${raw.slice(0, 200)}`);
    const known = new Set(venueTypes.map((v) => v.id));
    const ids = [...new Set(parsed.data.venueTypeIds)];
    const rejected = ids.filter((id) => !known.has(id));
    if (rejected.length) options.logger.warn({ rejected }, "llm named venue types that are not in the matrix; ignored");
    return ids.filter((id) => known.has(id));
  }
  // Per loaded matrix, question → the model's answer (null: the request failed), oldest first.
  const answers = new WeakMap<readonly MatrixVenueType[], Map<string, { at: number; ids: Promise<string[] | null> }>>();
  return {
    async guess(question, venueTypes) {
      const asked = question.slice(0, 500);
      let kept = answers.get(venueTypes);
      if (!kept) answers.set(venueTypes, (kept = new Map()));
      const now = Date.now();
      let entry = kept.get(asked);
      if (entry && now - entry.at > ANSWER_KEPT_MS) entry = undefined;
      if (entry) {
        kept.delete(asked);
        kept.set(asked, entry); // most recently used last
      } else {
        const fresh: { at: number; ids: Promise<string[] | null> } = { at: now, ids: Promise.resolve(null) };
        fresh.ids = askModel(asked, venueTypes).catch((e: unknown) => {
          options.logger.warn({ err: e }, "llm fallback failed; answering not found");
          if (kept.get(asked) === fresh) kept.delete(asked);
          return null;
        });
        entry = fresh;
        kept.delete(asked);
        kept.set(asked, entry);
        if (kept.size > ANSWERS_KEPT) kept.delete(kept.keys().next().value!);
      }
      return [...((await entry.ids) ?? [])];
    },
  };
}
