import type { Lang } from "./i18n.ts";

/** Every failure a person can cause or see has a code; the listener boundary turns it into a sentence. */
export const ErrorCode = {
  ConfigInvalid: "config_invalid",
  InputInvalid: "input_invalid",
  FileInvalid: "file_invalid",
  NotFound: "not_found",
  Forbidden: "forbidden",
  Conflict: "conflict",
  OutsideWindow: "outside_window",
  SlackFailed: "slack_failed",
  /** The embedded database folder is owned by another process (see src/db/data-lock.ts). */
  DatabaseBusy: "database_busy",
  Internal: "internal",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface UserMessage {
  zh: string;
  en: string;
}

export interface AppErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
  /** The message names people as `<@U…>` on purpose, from server data (the head who must sign); Slack keeps those. */
  namesPeople?: boolean;
}

/**
 * A failure with a sentence for the person. The sentence is plain text and may quote what they typed as is: the Slack
 * boundary escapes it (keeping `<@U…>` mentions only when `namesPeople`), the CLI prints it.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: UserMessage;
  readonly details?: Record<string, unknown>;
  readonly namesPeople: boolean;

  constructor(code: ErrorCode, userMessage: UserMessage, options: AppErrorOptions = {}) {
    super(userMessage.en, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.details = options.details;
    this.namesPeople = options.namesPeople ?? false;
  }

  messageFor(lang: Lang): string {
    return this.userMessage[lang];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Wraps anything thrown into an AppError; unknown failures get a generic sentence, never a stack trace. */
export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError(
    ErrorCode.Internal,
    {
      zh: "出了点问题，操作没有完成。请稍后再试，或联系安委办。",
      en: "Something went wrong and nothing was changed. Please try again later or contact the safety office.",
    },
    { cause: e },
  );
}

/** Prisma's unique-constraint violation: another request or replica already did this. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
