import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The house's layers, top to bottom. A module may import from its own folder and from any layer below its own;
 * folders of a layer marked `peers` may also import each other, as long as no two import each other (directly or
 * round a loop). Anything else points up, or sideways between edges, and fails `npm test`. src/README.md explains
 * the map; a new capability's folder goes into `services`.
 */
export const LAYERS: readonly { name: string; folders: readonly string[]; peers?: boolean; typeOnly?: readonly string[] }[] = [
  { name: "entry", folders: ["main.ts", "cli", "server"], peers: true },
  { name: "edge", folders: ["slack", "scheduler", "sandbox"] },
  {
    name: "services",
    folders: ["campaigns", "meetings", "digest", "home", "matrix", "directory", "hazards", "accountability", "audit", "admin", "holidays", "office"],
    peers: true,
  },
  { name: "delivery", folders: ["delivery"] },
  { name: "messages", folders: ["messages"], typeOnly: ["generated"] },
  { name: "domain", folders: ["domain"], typeOnly: ["generated"] },
  { name: "config", folders: ["config"] },
  { name: "db", folders: ["db"] },
  { name: "foundation", folders: ["lib", "generated"], peers: true },
];

export interface Violation {
  from: string;
  to: string;
  reason: string;
}

interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** The first path segment under src/ ("slack", "domain", "main.ts"). */
function folderOf(relative: string): string {
  return relative.split("/")[0] ?? relative;
}

function layerIndex(folder: string): number {
  return LAYERS.findIndex((l) => l.folders.includes(folder));
}

function sourceFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path.relative(root, full) !== "generated") out.push(...sourceFiles(root, full));
    } else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Relative imports of one file (static, re-exports and dynamic), with whether each is type-only. */
function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((i) => i.specifier.startsWith("."));
}

function importEdges(srcRoot: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const from = path.relative(srcRoot, file).split(path.sep).join("/");
    for (const { specifier, typeOnly } of importsOf(file)) {
      const target = path
        .relative(srcRoot, path.resolve(path.dirname(file), specifier))
        .split(path.sep)
        .join("/");
      if (target.startsWith("..")) continue; // prompts/, prisma/ and package files are data, not layers
      edges.push({ from, to: target, typeOnly });
    }
  }
  return edges;
}

/** Every import under `srcRoot` that breaks the layering, with why. */
export function checkImportLayers(srcRoot: string): Violation[] {
  const violations: Violation[] = [];
  const peerEdges = new Map<string, Set<string>>();
  const peerExample = new Map<string, ImportEdge>();
  for (const edge of importEdges(srcRoot)) {
    const a = folderOf(edge.from);
    const b = folderOf(edge.to);
    if (a === b) continue;
    const la = layerIndex(a);
    const lb = layerIndex(b);
    if (la < 0 || lb < 0) {
      violations.push({
        ...edge,
        reason: `folder "src/${la < 0 ? a : b}" is in no layer; place it in LAYERS (test/architecture/import-layers.ts)`,
      });
      continue;
    }
    const layer = LAYERS[la]!;
    if (lb < la) {
      violations.push({ ...edge, reason: `${layer.name} (${a}) imports up into ${LAYERS[lb]!.name} (${b})` });
    } else if (lb === la) {
      if (!layer.peers) violations.push({ ...edge, reason: `${a} and ${b} are both ${layer.name}; neither may import the other` });
      else {
        if (!peerEdges.has(a)) peerEdges.set(a, new Set());
        peerEdges.get(a)!.add(b);
        if (!peerExample.has(`${a}>${b}`)) peerExample.set(`${a}>${b}`, edge);
      }
    } else if (layer.typeOnly?.includes(b) && !edge.typeOnly) {
      violations.push({ ...edge, reason: `${layer.name} may import only types from ${b}` });
    }
  }
  // Peers may lean on each other one way only: a loop between folders is an upward import in disguise.
  for (const [a, targets] of peerEdges) {
    for (const b of targets) {
      if (reaches(peerEdges, b, a)) {
        const edge = peerExample.get(`${a}>${b}`)!;
        violations.push({ ...edge, reason: `${a} → ${b} closes a loop back to ${a}; peers may depend on each other one way only` });
      }
    }
  }
  return violations;
}

function reaches(graph: Map<string, Set<string>>, from: string, to: string, seen = new Set<string>()): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  for (const next of graph.get(from) ?? []) if (reaches(graph, next, to, seen)) return true;
  return false;
}
