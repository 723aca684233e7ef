import { readFile } from "node:fs/promises";
import path from "node:path";
import { isNode, LineCounter, parseDocument, YAMLParseError, type Document } from "yaml";
import type { z } from "zod";
import { AppError, ErrorCode } from "./errors.ts";

/**
 * Reads and validates a YAML file. Any problem becomes one AppError naming the file, the entry and the
 * field, in Chinese and English, so an office can fix its file without reading code.
 */
export async function readYamlFile<S extends z.ZodType>(file: string, schema: S, options: YamlTextOptions = {}): Promise<z.infer<S>> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new AppError(ErrorCode.FileInvalid, { zh: `无法读取文件 ${file}。`, en: `Cannot read file ${file}.` }, { cause: e });
  }
  return parseYamlText(text, name, schema, options);
}

export interface YamlTextOptions {
  /** Each problem also names the line it is on (`（第 14 行 / line 14）`), for a file the person edits by hand. */
  lines?: boolean;
}

export function parseYamlText<S extends z.ZodType>(text: string, name: string, schema: S, options: YamlTextOptions = {}): z.infer<S> {
  const lineCounter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    doc = parseDocument(text, { merge: true, lineCounter });
    if (doc.errors.length > 0) throw doc.errors[0];
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` (line ${e.linePos[0].line})` : "";
    throw new AppError(
      ErrorCode.FileInvalid,
      { zh: `${name}${where} 不是有效的 YAML：${(e as Error).message}`, en: `${name}${where} is not valid YAML: ${(e as Error).message}` },
      { cause: e },
    );
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const lineOf = (issuePath: readonly PropertyKey[]) => {
    if (!options.lines) return "";
    const line = lineOfPath(doc, lineCounter, issuePath);
    return line ? `（第 ${line} 行 / line ${line}）` : "";
  };
  const problems = result.error.issues
    .slice(0, 10)
    .map((issue) => `${name}: ${describePath(data, issue.path)}: ${issue.message}${lineOf(issue.path)}`);
  const more = result.error.issues.length > 10 ? `\n… (+${result.error.issues.length - 10})` : "";
  throw new AppError(
    ErrorCode.FileInvalid,
    {
      zh: `文件有误，未导入任何内容：\n${problems.join("\n")}${more}`,
      en: `The file has errors; nothing was imported:\n${problems.join("\n")}${more}`,
    },
    { details: { issues: result.error.issues } },
  );
}

/** The line of the deepest node on `issuePath` the file has (a missing field: the entry that lacks it). */
function lineOfPath(doc: Document, lineCounter: LineCounter, issuePath: readonly PropertyKey[]): number | null {
  for (let n = issuePath.length; n >= 0; n--) {
    const keys = issuePath.slice(0, n).map((k) => (typeof k === "symbol" ? String(k) : k));
    const node = n === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}

/** `venueTypes[3] (id "ktv").leads[0].department` — the entry's id makes the place easy to find. */
export function describePath(data: unknown, issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return "(top level)";
  let out = "";
  let node: unknown = data;
  for (const key of issuePath) {
    if (typeof key === "number") {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === "object" ? (node as { id?: unknown }).id : undefined;
      if (typeof id === "string") out += ` (id "${id}")`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[key as string] : undefined;
    }
  }
  return out;
}
