import type { Db } from "../db/client.ts";
import { answerWhoLeads } from "../domain/matrix/answer-who-leads.ts";
import { matchVenueTypes } from "../domain/matrix/match-venue-types.ts";
import type { WhoLeadsAnswer } from "../domain/matrix/types.ts";
import { loadMatrix } from "./load-matrix.ts";
import type { VenueTypeGuesser } from "./llm-fallback.ts";

export interface WhoLeadsService {
  ask(question: string): Promise<WhoLeadsAnswer>;
}

/** Deterministic matching first; the model is asked only when nothing in the matrix matched. */
export function createWhoLeadsService(db: Db, guesser?: VenueTypeGuesser): WhoLeadsService {
  return {
    async ask(question) {
      const matrix = await loadMatrix(db);
      const matches = matchVenueTypes(question, matrix);
      if (matches.length > 0 || !guesser || !question.trim()) return answerWhoLeads(question, matches);
      const ids = await guesser.guess(question, matrix);
      const guessed = ids.flatMap((id) => matrix.filter((v) => v.id === id)).map((venueType) => ({ venueType, alias: "llm" }));
      return answerWhoLeads(question, guessed, guessed.length ? "llm" : "matrix");
    },
  };
}
