/**
 * Where things sit in `.gearshift.yml`, read by the YAML parser (not by a pattern per line): a stage's
 * `run:` command, so "Open .gearshift.yml" on a red lands on the command to replace rather than on
 * line 1 of the starter's comments (firsthour34 F1), and the `stages:` key, where a new stage goes.
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

/** The 1-based line of the stage's `run:` command (of its `name:` when it has none), for a `file:line`; undefined when not found. */
export function stageRunLine(text: string, stageName: string): number | undefined {
  const span = stageRunSpan(text, stageName);
  return span === undefined ? undefined : lineOf(text, span.start);
}

/**
 * The 0-based line of the top-level `stages` key, where a new stage goes (firsthour34 F6); 0 when
 * there is none. A quoted key or a flow mapping counts as written; a commented-out one does not.
 */
export function stagesLine(text: string): number {
  const doc = parseDocument(text);
  const key = isMap(doc.contents) ? doc.contents.items.map((p) => p.key).find((k) => isScalar(k) && k.value === 'stages') : undefined;
  return isScalar(key) && key.range ? lineOf(text, key.range[0]) - 1 : 0;
}

/** The 1-based line that `offset` is on. */
function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
