import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder-level import graph of a source tree (src/core, src/vscode), read from the sources:
 * every static import/export, dynamic import() and `declare module` augmentation counts,
 * type-only ones included (a type import still couples two folders). A node is a folder directly
 * under the root, or a file directly in the root (src/vscode's workbench.ts, lifecycle.ts): each
 * such file is its own node, as the wiring at the top (workbench.ts) and the small helpers at the
 * bottom (lifecycle.ts) sit at opposite ends of the graph, and one node for both would make every
 * folder that uses a helper look like a circle with the wiring that builds it.
 */

export interface Edge { from: string; to: string; file: string; spec: string }

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?|\bdeclare\s+module\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

export function listTsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) { return listTsFiles(p); }
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

/** The node a path belongs to under `root`: its folder, or `name.ts` for a file directly in the root; undefined outside `root`. */
export function nodeOf(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) { return undefined; }
  const parts = rel.split(path.sep);
  // `../engine` names the folder itself (its index.ts); `../lifecycle` names the file lifecycle.ts.
  return parts.length > 1 || isDirectory(file) ? parts[0] : `${parts[0].replace(/\.ts$/, '')}.ts`;
}

function isDirectory(p: string): boolean {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

/** Every import from one node of `root` to another, or to `outside:<path>` beyond `root` (packages are left out). */
export function importEdges(root: string): Edge[] {
  const edges: Edge[] = [];
  for (const file of listTsFiles(root)) {
    const from = nodeOf(root, file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const to = nodeOf(root, target) ?? `outside:${path.relative(root, target)}`;
      if (from !== undefined && from !== to) { edges.push({ from, to, file: path.relative(root, file), spec: m[1] }); }
    }
  }
  return edges;
}

/** Every strongly connected group of more than one folder (Tarjan): each is an import circle. */
export function importCircles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from)) { next.set(e.from, new Set()); }
    next.get(e.from)!.add(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) { low.set(v, Math.min(low.get(v)!, index.get(w)!)); }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
      if (group.length > 1) { circles.push(group.sort()); }
    }
  };
  for (const v of next.keys()) { if (!index.has(v)) { visit(v); } }
  return circles;
}
