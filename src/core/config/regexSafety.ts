/**
 * Patterns that make JavaScript's backtracking matcher take exponential time: a repeated group
 * that itself holds a repeat (`(a+)+`, `(\w*x?)*`) or alternatives (`(a|aa)+`), and
 * backreferences (`(a*)\1`). One such `match:` against one crafted log line never finishes, and
 * it would freeze whoever runs it: `gearshift monitor`, or the whole extension host. They are
 * refused when the config is validated, where the fix is easy; the log probe additionally matches
 * off the main thread with a deadline (deploy/monitor/matchWorker.ts) for what slips through.
 */

export interface RegexRisk {
  /** 0-based index in the pattern. */
  readonly index: number;
  readonly why: string;
}

interface Group { start: number; repeats: boolean; alternation: boolean }

/** The first construct that can backtrack exponentially, or undefined. The pattern is assumed valid. */
export function backtrackingRisk(pattern: string): RegexRisk | undefined {
  const stack: Group[] = [{ start: 0, repeats: false, alternation: false }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) { return { index: i, why: 'a backreference' }; }
      i++;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(') {
      stack.push({ start: i, repeats: false, alternation: false });
    } else if (c === '|') {
      stack[stack.length - 1].alternation = true;
    } else if (c === ')' && stack.length > 1) {
      const group = stack.pop() as Group;
      const q = repeatAt(pattern, i + 1);
      if (q && (group.repeats || group.alternation)) {
        return { index: group.start, why: group.repeats ? 'a repeated group that contains a repeat (nested quantifiers)' : 'a repeated group of alternatives' };
      }
      if (q || group.repeats) { stack[stack.length - 1].repeats = true; }
    } else if (repeatAt(pattern, i)) {
      stack[stack.length - 1].repeats = true;
    }
  }
  return undefined;
}

/** True when a quantifier that repeats (`*`, `+`, `{n,}`, `{n,m}` with m > 1) starts at `i`. */
function repeatAt(p: string, i: number): boolean {
  if (p[i] === '*' || p[i] === '+') { return true; }
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 24));
  return m !== null && (m[2] === undefined ? Number(m[1]) > 1 : m[3] === '' || Number(m[3]) > 1);
}

/** Index of the `]` closing the class opened at `i` (escapes inside skipped). */
function classEnd(p: string, i: number): number {
  for (let j = i + 1; j < p.length; j++) {
    if (p[j] === '\\') { j++; } else if (p[j] === ']' && j > i + 1) { return j; }
  }
  return p.length;
}
