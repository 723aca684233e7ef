import { simplified } from "./normalize.ts";

/** Question words around the place, longest first: what is left is the place the person asked about. */
const QUESTION_WORDS_ZH = [
  "归哪个部门牵头负责",
  "由哪个部门牵头负责",
  "归哪个部门牵头",
  "由哪个部门牵头",
  "归哪个部门负责",
  "由哪个部门负责",
  "归哪个部门管",
  "由哪个部门管",
  "哪个部门牵头",
  "哪个部门负责",
  "哪个部门管",
  "归哪个单位",
  "哪个单位",
  "安全隐患排查整治",
  "隐患排查整治",
  "安全隐患",
  "分别归谁管",
  "分别由谁负责",
  "归谁管",
  "由谁管",
  "谁来管",
  "由谁负责",
  "谁负责",
  "谁牵头",
  "归谁",
  "谁管",
  "请问",
  "的安全",
  "牵头",
  "负责",
  "管理",
  "部门",
  "是",
  "吗",
  "呢",
  "啊",
];
const QUESTION_WORDS_EN =
  /\b(who|which|what|department|departments|leads?|is|are|in charge of|responsible for|responsible|handles?|manages?|does|do|for|of|the|a|an|about|please|tell me)\b/gi;

/**
 * The place a question seems to name once its question words are taken out ("花鸟市场归谁管？" → "花鸟市场"), as typed
 * otherwise (in simplified characters), so the answer can quote it; the caller escapes it for Slack.
 */
export function understoodPlace(question: string): string {
  let text = simplified(question).replace(/\s+/g, " ");
  for (const word of QUESTION_WORDS_ZH) text = text.split(word).join(" ");
  text = text.replace(QUESTION_WORDS_EN, " ");
  return text
    .replace(/(^|\s)的|的(\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "")
    .replace(/^的|的$/g, "");
}
