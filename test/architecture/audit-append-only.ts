import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Prisma delegate methods that change or remove rows. */
const CHANGING_METHODS = new Set(["update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);

/** SQL that changes or removes audit rows, or takes away the trigger that refuses it. */
const CHANGING_SQL = [
  /\bUPDATE\s+(ONLY\s+)?"?AuditEntry"?/i,
  /\bDELETE\s+FROM\s+(ONLY\s+)?"?AuditEntry"?/i,
  /\bTRUNCATE\s+(TABLE\s+)?(ONLY\s+)?[^;]*"?AuditEntry"?/i,
  /\bDROP\s+(TABLE|TRIGGER|FUNCTION)\s+(IF\s+EXISTS\s+)?[^;]*"?(AuditEntry|audit_entry_append_only)"?/i,
  /\bALTER\s+TABLE\s+(ONLY\s+)?"?AuditEntry"?\s+(DISABLE\s+TRIGGER|RENAME)/i,
];

export interface AuditWrite {
  file: string;
  line: number;
  what: string;
}

function files(root: string, ext: RegExp, skip: (rel: string) => boolean, dir = root): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full).split(path.sep).join("/");
    if (skip(rel)) continue;
    if (entry.isDirectory()) out.push(...files(root, ext, skip, full));
    else if (ext.test(entry.name)) out.push(full);
  }
  return out;
}

/** `x.auditEntry`, `x["auditEntry"]` or a bare `auditEntry` (destructured from a client). */
function isAuditDelegate(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === "auditEntry";
  if (ts.isPropertyAccessExpression(node)) return node.name.text === "auditEntry";
  if (ts.isElementAccessExpression(node))
    return ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === "auditEntry";
  return false;
}

function methodName(node: ts.Expression): { target: ts.Expression; name: string } | null {
  if (ts.isPropertyAccessExpression(node)) return { target: node.expression, name: node.name.text };
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
    return { target: node.expression, name: node.argumentExpression.text };
  return null;
}

/**
 * Every place under `srcRoot` that could change or delete an audit entry: a Prisma call on the auditEntry delegate
 * other than a read or a create, or SQL text that updates, deletes, truncates it or removes its trigger. Migrations
 * under `migrationsRoot` are checked for the SQL too, except the one that creates the table and its trigger.
 */
export function findAuditChanges(srcRoot: string, migrationsRoot?: string): AuditWrite[] {
  const found: AuditWrite[] = [];
  for (const file of files(srcRoot, /\.(ts|mts|mjs)$/, (rel) => rel === "generated")) {
    const text = readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = path.relative(srcRoot, file).split(path.sep).join("/");
    const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const method = methodName(node.expression);
        if (method && CHANGING_METHODS.has(method.name) && isAuditDelegate(method.target))
          found.push({ file: rel, line: at(node), what: `auditEntry.${method.name}` });
      }
      if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
        const sql = node.getText(source);
        const hit = CHANGING_SQL.find((re) => re.test(sql));
        if (hit) found.push({ file: rel, line: at(node), what: `SQL ${sql.slice(0, 60)}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  if (migrationsRoot) {
    for (const file of files(migrationsRoot, /\.sql$/, () => false)) {
      const rel = path.relative(migrationsRoot, file).split(path.sep).join("/");
      // The migration that makes the table also makes its trigger (and names it in CREATE statements only).
      const sql = readFileSync(file, "utf8").replace(/--.*$/gm, "");
      for (const re of CHANGING_SQL) {
        const m = re.exec(sql);
        if (m) found.push({ file: `migrations/${rel}`, line: sql.slice(0, m.index).split("\n").length, what: `SQL ${m[0]}` });
      }
    }
  }
  return found;
}
