/**
 * Warnings about a valid pipeline: it runs, but not as its author likely means. Positioned as
 * errors are (file:line:col and offsets), so the editor shows them on the line they are about.
 * Only the parser imports this file: it reads yaml nodes (types only, no yaml code here).
 */
import type { Node, YAMLMap } from 'yaml';
import type { Problems } from './problems';
import { queueAllWarning } from './queueCheckout';
import { everyBranchWarning } from './everyBranch';
import type { ConfigError, Pipeline } from './types';

/** `warnings`: an empty Problems over the same file and line table. */
export function pipelineWarnings(p: Pipeline, top: YAMLMap, warnings: Problems): ConfigError[] {
  const queueAll = queueAllWarning(p);
  if (queueAll) { warnings.at(keyLine(top, 'queue'), queueAll); }
  const everyBranch = everyBranchWarning(p);
  if (everyBranch) { warnings.at(keyLine(top, 'trigger'), everyBranch); }
  return warnings.list();
}

/** From a top-level key to the end of its value (`queue: all`); undefined (the file's start) when not written. */
function keyLine(map: YAMLMap, key: string): readonly [number, number] | undefined {
  const pair = map.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
  const start = (pair?.key as Node | undefined)?.range;
  const end = (pair?.value as Node | null | undefined)?.range ?? start;
  return start && end ? [start[0], end[1]] : undefined;
}
