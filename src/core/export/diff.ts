/**
 * A unified diff of two texts (`diff -u` form), for `--check` and the drift warning. Line-based
 * LCS: the files are workflow-sized; past MAX_CELLS the whole old text is shown replaced, which
 * stays correct, only less precise.
 */

const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

type Op = { readonly kind: ' ' | '-' | '+'; readonly text: string };

export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string): string {
  if (oldText === newText) { return ''; }
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldLabel}`, `+++ ${newLabel}`];
  for (const hunk of hunks(ops)) { out.push(...hunk); }
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') { return []; }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') { lines.pop(); }
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { ops.push({ kind: ' ', text: a[i] }); i++; j++; }
    // Ties go to the deletion: `diff -u` shows `-old` before `+new`.
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push({ kind: '-', text: a[i] }); i++; }
    else { ops.push({ kind: '+', text: b[j] }); j++; }
  }
  return ops;
}

/** Groups changes with CONTEXT lines around them; changes closer than 2×CONTEXT share a hunk. */
function hunks(ops: readonly Op[]): string[][] {
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const out: string[][] = [];
  for (let k = 0; k < changed.length; k++) {
    const first = changed[k];
    while (k + 1 < changed.length && changed[k + 1] - changed[k] <= 2 * CONTEXT) { k++; }
    out.push(hunk(ops, Math.max(0, first - CONTEXT), Math.min(ops.length, changed[k] + CONTEXT + 1)));
  }
  return out;
}

function hunk(ops: readonly Op[], from: number, to: number): string[] {
  let oldStart = 1;
  let newStart = 1;
  for (let i = 0; i < from; i++) {
    if (ops[i].kind !== '+') { oldStart++; }
    if (ops[i].kind !== '-') { newStart++; }
  }
  const slice = ops.slice(from, to);
  const oldCount = slice.filter((op) => op.kind !== '+').length;
  const newCount = slice.filter((op) => op.kind !== '-').length;
  const range = (start: number, count: number): string => `${count === 0 ? start - 1 : start},${count}`;
  return [`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...slice.map((op) => `${op.kind}${op.text}`)];
}
