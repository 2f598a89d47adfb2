/**
 * `${{ secrets.NAME }}` in the file: allowed in env values and in URLs Gearshift itself uses
 * (resolved in-process); refused in commands, where the value would be spliced into a command
 * line that `ps` shows. Each problem points at the `${{` it is about.
 */
import { isScalar, Scalar, type Node } from 'yaml';
import { mentionsReference, parseReferences } from '../secrets';
import type { Reader } from './reader';
import type { Where } from './problems';

/** Reports each malformed reference in `value`; true when there is none. */
export function checkSecretRefs(value: string, node: Node, r: Reader, prefix: string): boolean {
  if (!mentionsReference(value)) { return true; }
  const { problems } = parseReferences(value);
  for (const p of problems) { r.problems.at(at(node, p.start, p.end), `${prefix}${p.message}`); }
  return problems.length === 0;
}

/**
 * A command (stage `run`, `deploy.switch`, a command probe) must not hold a reference: true when it holds none.
 * `fix` says where the secret goes instead; default: the `env:` beside the command (a stage's, `deploy.env`).
 */
export function refuseSecretRefs(value: string, node: Node, r: Reader, prefix: string, label: string, fix?: string): boolean {
  if (!mentionsReference(value)) { return true; }
  const start = value.indexOf('${{');
  const name = parseReferences(value).references[0]?.name ?? 'NAME';
  const where = fix ?? `put it in \`env:\` (e.g. \`${name}: "\${{ secrets.${name} }}"\`) and use $${name} in the command`;
  r.problems.at(at(node, start, start + 3), `${prefix}\`${label}\` cannot hold \`\${{ … }}\`: a secret spliced into a command line is visible to every process list; ${where}`);
  return false;
}

/** The range of value[start, end) in the file when the scalar's text maps 1:1 (plain or quoted on one line), else the node. */
function at(node: Node, start: number, end: number): Where {
  if (!isScalar(node) || !node.range) { return node; }
  const scalar = node as Scalar;
  const base = node.range[0] + (scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE ? 1 : 0);
  if (scalar.type !== Scalar.PLAIN && scalar.type !== Scalar.QUOTE_DOUBLE && scalar.type !== Scalar.QUOTE_SINGLE) { return node; }
  const text = typeof scalar.value === 'string' ? scalar.value : '';
  if (/[\n\\']/.test(text.slice(0, start))) { return node; } // escapes before it shift the columns
  return [base + start, base + end];
}
