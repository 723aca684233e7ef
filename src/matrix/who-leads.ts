import type { Db } from "../db/client.ts";
import { askMatrix, withSuggestions } from "../domain/matrix/ask-matrix.ts";
import type { Matrix, WhoLeadsAnswer } from "../domain/matrix/types.ts";
import { loadMatrix, matrixVersion } from "./load-matrix.ts";
import type { MatrixChangeFeed } from "./matrix-changes.ts";
import type { VenueTypeGuesser } from "./llm-fallback.ts";

export interface WhoLeadsService {
  ask(question: string): Promise<WhoLeadsAnswer>;
  /**
   * The matrix's answer now, and — only when nothing matched and a model is configured — `guess`: the model's answer
   * from the same matrix (or this one with the nearest names, when the model picks nothing). A slash command acks the
   * first and sends `guess()` through the response URL.
   */
  answer(question: string): Promise<{ answer: WhoLeadsAnswer; guess?: () => Promise<WhoLeadsAnswer> }>;
  /** Answers from the matrix alone, never the model: fast enough to travel in a slash command's ack. */
  askDeterministic(question: string): Promise<WhoLeadsAnswer>;
  /** Whether the model would be asked for this answer (nothing in the matrix matched, and a model is configured). */
  wouldGuess(answer: WhoLeadsAnswer): boolean;
  /** The matrix as held (read again when its version moved). */
  matrix(): Promise<Matrix>;
  /** This process just wrote the matrix: the next question reads the version row, whatever the feed says. */
  changed(): void;
}

/**
 * The matrix is held in memory and read again only when its version row moved (an import, an edit, on any
 * replica). With a change feed (LISTEN on the version trigger) a question asks the database nothing until a change
 * is announced; without one, or while it is not listening, each question reads the version row (one primary-key
 * read). Deterministic matching first; the model is asked only when nothing matched.
 */
export function createWhoLeadsService(db: Db, guesser?: VenueTypeGuesser, changes?: MatrixChangeFeed): WhoLeadsService {
  // `generation`: the feed's generation when this version was read; while it has not moved, nothing changed.
  let held: { version: bigint; matrix: Promise<Matrix>; generation: number | undefined } | undefined;
  let writtenHere = false;
  // Questions that arrive while a version read is in flight wait for a read that starts after them, shared by all of
  // them: 50 concurrent questions cost two reads of the version row, not 50, and none misses an edit made before it.
  let inFlight: Promise<bigint> | undefined;
  let next: Promise<bigint> | undefined;
  function readVersion(): Promise<bigint> {
    if (!inFlight) {
      inFlight = matrixVersion(db).finally(() => (inFlight = undefined));
      return inFlight;
    }
    next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return readVersion();
      });
    return next;
  }
  async function current(): Promise<Matrix> {
    // Read before the version row, so a change announced while it is read is checked again by the next question.
    const generation = changes?.generation();
    if (generation !== undefined && held && held.generation === generation && !writtenHere) return held.matrix;
    writtenHere = false;
    const version = await readVersion();
    if (!held || held.version !== version) {
      const matrix = loadMatrix(db);
      held = { version, matrix, generation };
      matrix.catch(() => {
        if (held?.matrix === matrix) held = undefined;
      });
    } else held.generation = generation;
    return held.matrix;
  }
  const wouldGuess = (answer: WhoLeadsAnswer) =>
    Boolean(guesser) && answer.venues.length === 0 && !answer.department && Boolean(answer.query.trim());
  async function guessFrom(question: string, unmatched: WhoLeadsAnswer, matrix: Matrix): Promise<WhoLeadsAnswer> {
    const ids = await guesser!.guess(question, matrix.venueTypes);
    const guessed = ids.flatMap((id) => matrix.venueTypes.filter((v) => v.id === id)).map((venueType) => ({ venueType, alias: "llm" }));
    return guessed.length ? askMatrix(question, matrix, guessed) : withSuggestions(unmatched, matrix);
  }
  async function answer(question: string) {
    const matrix = await current();
    // Suggestions only once it is clear the model will not be asked, or has found nothing.
    const found = askMatrix(question, matrix, undefined, { suggest: false });
    if (!wouldGuess(found)) return { answer: withSuggestions(found, matrix) };
    return { answer: found, guess: () => guessFrom(question, found, matrix) };
  }
  return {
    wouldGuess,
    matrix: current,
    changed: () => void (writtenHere = true),
    answer,
    async askDeterministic(question) {
      return askMatrix(question, await current());
    },
    async ask(question) {
      const first = await answer(question);
      return first.guess ? first.guess() : first.answer;
    },
  };
}
