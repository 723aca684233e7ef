/**
 * A NUL, or half of a surrogate pair: text no Slack client sends and PostgreSQL refuses, in a text column and in JSON
 * alike ("unsupported Unicode escape sequence"). Found at the Slack door and replaced before an audit entry is written.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The text with each unstorable character replaced by U+FFFD, the replacement character. */
export function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE.source, "g"), "\uFFFD");
}
