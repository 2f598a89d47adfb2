/**
 * Where the top-level `stages:` key sits in `.gearshift.yml`, where a new stage goes (firsthour34 F6):
 * read by the YAML parser, as the stage positions are (stagePosition.ts), not by a pattern per line.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { lineOf } from './stagePosition';

/** The 0-based line of the top-level `stages` key; 0 when there is none. A quoted key or a flow mapping counts as written; a commented-out one does not. */
export function stagesLine(text: string): number {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const key = isMap(doc.contents) ? doc.contents.items.map((p) => p.key).find((k) => isScalar(k) && k.value === 'stages') : undefined;
  return isScalar(key) && key.range ? lineOf(text, key.range[0]) - 1 : 0;
}
