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
  Internal: "internal",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface UserMessage {
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: UserMessage;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, userMessage: UserMessage, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(userMessage.en, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.details = options.details;
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
