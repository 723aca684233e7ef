const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Characters XML 1.0 forbids outright (C0 controls other than tab/newline/return, lone surrogates,
 * U+FFFE/U+FFFF): escaping cannot save them, and one of them in a label would make the whole SVG unparsable.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an SVG element or a double- or single-quoted attribute; forbidden characters become U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, "\uFFFD").replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch] ?? ch);
}
