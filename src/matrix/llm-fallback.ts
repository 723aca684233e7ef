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

/**
 * The model only reads the question and picks ids from the list; the answer itself always comes from
 * the matrix, so a model that is wrong, slow or manipulated can at worst make redline say "not found".
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
  return {
    async guess(question, venueTypes) {
      try {
        const completion = await client.chat.completions.create({
          model: options.model,
          temperature: 0,
          response_format: { type: "json_object" },
          messages: [
            { role: "system", content: await promptFor(venueTypes) },
            { role: "user", content: question.slice(0, 500) },
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
      } catch (e) {
        options.logger.warn({ err: e }, "llm fallback failed; answering not found");
        return [];
      }
    },
  };
}
