import type { Stage } from '../config';

/**
 * Stages in an order where every stage comes after all it needs (Kahn), ties broken by file
 * order so the result is stable. Config validation has already refused cycles; a cycle that
 * slipped through would only leave its stages at the end in file order, never loop.
 */
export function topologicalOrder(stages: readonly Stage[]): Stage[] {
  const placed = new Set<string>();
  const out: Stage[] = [];
  while (out.length < stages.length) {
    const next = stages.find((s) => !placed.has(s.name) && s.needs.every((n) => placed.has(n)))
      ?? stages.find((s) => !placed.has(s.name));
    if (next === undefined) { break; }
    placed.add(next.name);
    out.push(next);
  }
  return out;
}
