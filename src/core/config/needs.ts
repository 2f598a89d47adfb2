import type { Problems } from './problems';
import type { Located } from './reader';
import type { StageDraft } from './stages';
import { closest } from './suggest';
import { quote } from './quote';

/** One edge "stage → a stage it waits for", remembering whether the user wrote it. */
interface Edge {
  readonly to: number;
  /** The `needs` item it came from; undefined for the implicit "previous stage". */
  readonly item?: Located;
}

/**
 * Resolve every stage's `needs` to stage names: absent → the previous stage, `[]` → none.
 * Reports unknown names (with a suggestion), a stage needing itself, and cycles, which would
 * leave stages waiting forever. Returns one list per draft, in draft order.
 */
export function resolveNeeds(drafts: readonly StageDraft[], problems: Problems): string[][] {
  const index = new Map<string, number>();
  drafts.forEach((d, i) => { if (d.name && !index.has(d.name.value)) { index.set(d.name.value, i); } });
  const names = [...index.keys()];

  const edges: Edge[][] = drafts.map((d, i) => {
    const p = d.name ? `stage ${quote(d.name.value)}: ` : `stage ${i + 1}: `;
    if (d.needs === undefined) {
      const prev = drafts[i - 1];
      return prev?.name ? [{ to: i - 1 }] : [];
    }
    const out: Edge[] = [];
    for (const item of d.needs) {
      const to = index.get(item.value);
      if (to === undefined) {
        const hint = closest(item.value, names);
        problems.at(item.node, `${p}needs ${quote(item.value)}, but no stage has that name${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
      } else if (to === i) {
        problems.at(item.node, `${p}needs itself, so it could never start; remove ${quote(item.value)} from its \`needs\``);
      } else if (!out.some((e) => e.to === to)) { // listing a stage twice is harmless: keep one
        out.push({ to, item });
      }
    }
    return out;
  });

  reportCycles(drafts, edges, problems);
  return edges.map((es) => es.map((e) => drafts[e.to].name?.value ?? ''));
}

function reportCycles(drafts: readonly StageDraft[], edges: readonly Edge[][], problems: Problems): void {
  for (const scc of stronglyConnected(edges)) {
    if (scc.length < 2) { continue; }
    const path = cycleIn(scc, edges);
    const name = (i: number): string => drafts[i].name?.value ?? `stage ${i + 1}`;
    // Implicit edges always point backwards, so a cycle has at least one written edge
    // pointing forwards (or to itself); that `needs` item is the one to blame.
    let blame = 0;
    for (let k = 0; k < path.length - 1; k++) {
      if (path[k + 1] >= path[k]) { blame = k; break; }
    }
    const edge = edges[path[blame]].find((e) => e.to === path[blame + 1]);
    const implicit = path.slice(0, -1).filter((from, k) => !edges[from].find((e) => e.to === path[k + 1])?.item);
    const note = implicit.length === 0 ? '' : ` (${implicit.map((i) => `${quote(name(i))}`).join(', ')} ${implicit.length === 1 ? 'has' : 'have'} no \`needs\`, so ${implicit.length === 1 ? 'it waits' : 'each waits'} for the stage before it)`;
    problems.at(
      edge?.item?.node ?? drafts[path[blame]].node,
      `\`needs\` form a cycle: ${path.map((i) => `${quote(name(i))}`).join(' → ')} (→ means "waits for")${note}, so none of these stages could ever start; remove "${name(path[blame + 1])}" from the \`needs\` of "${name(path[blame])}" or reorder the stages`,
    );
  }
}

/** Tarjan's algorithm: groups of stages that can all reach each other. Pipelines are small. */
function stronglyConnected(edges: readonly Edge[][]): number[][] {
  const order: number[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const { to } of edges[v]) {
      if (order[to] === undefined) { visit(to); low[v] = Math.min(low[v], low[to]); }
      else if (onStack[to]) { low[v] = Math.min(low[v], order[to]); }
    }
    if (low[v] === order[v]) {
      const group: number[] = [];
      let w: number;
      do { w = stack.pop() as number; onStack[w] = false; group.push(w); } while (w !== v);
      out.push(group.sort((a, b) => a - b));
    }
  };
  edges.forEach((_, v) => { if (order[v] === undefined) { visit(v); } });
  return out.sort((a, b) => a[0] - b[0]);
}

/** A shortest cycle through the group's first stage (in file order), closed: [a, b, a]. */
function cycleIn(group: readonly number[], edges: readonly Edge[][]): number[] {
  const start = group[0];
  const inGroup = new Set(group);
  const parent = new Map<number, number>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as number;
    for (const { to } of edges[v]) {
      if (!inGroup.has(to)) { continue; }
      if (to === start) {
        const path = [start];
        for (let w = v; w !== start; w = parent.get(w) as number) { path.push(w); }
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!parent.has(to)) { parent.set(to, v); queue.push(to); }
    }
  }
  return [start, start]; // unreachable for a real group of two or more
}
