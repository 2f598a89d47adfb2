/**
 * Where a stage's `run:` command sits in `.gearshift.yml`, read by the YAML parser, so "Open
 * .gearshift.yml" on a red lands on the command to replace rather than on line 1 of the starter's
 * comments (firsthour34 F1), and the CLI can say `.gearshift.yml:42`. The `stages:` key: stagesKey.ts.
 * The CLI and the editor use the same exports of this module: webpack then keeps one copy of it
 * for both (test/system/packaging.test.ts, "copies at most").
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** Offsets of the stage's `run:` value (or of its `name:` value when it has no `run:`); undefined when not found. */
export interface StageSpan { start: number; end: number }

export function stageRunSpan(text: string, stageName: string): StageSpan | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const stages = isMap(doc.contents) ? doc.contents.get('stages', true) : undefined;
  if (!isSeq(stages)) { return undefined; }
  for (const item of stages.items) {
    if (!isMap(item)) { continue; }
    const name = item.get('name', true);
    if (!isScalar(name) || name.value !== stageName) { continue; }
    const run = item.get('run', true);
    const target = isScalar(run) ? run : name;
    return target.range ? { start: target.range[0], end: target.range[1] } : undefined;
  }
  return undefined;
}

/** The 1-based line that `offset` is on, for a `file:line`. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
