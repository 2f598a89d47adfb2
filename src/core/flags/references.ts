/**
 * Where the code still uses a flag: `git grep -F` for the exact key — fixed strings, so `.`,
 * `*`, `$` and quotes in keys mean themselves; tracked and untracked files but not ignored ones, so build output is
 * not searched (untracked new files are); binary files skipped. Every key goes into ONE git grep as an `-e` pattern (an
 * option argument: a key starting with `-` is still a pattern, never an option), and each
 * matching line is attributed to the keys it contains: 500 flags cost one pass over the
 * repository, not 500. Bounded by a deadline and a match cap; the flags files themselves are
 * not references.
 */
import * as path from 'node:path';
import { runGit } from './gitRun';

export interface Reference {
  /** Relative to the repository root, `/`-separated, as git prints it. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** The line's text (clipped). */
  readonly text: string;
}

export interface ReferenceResult {
  readonly byKey: ReadonlyMap<string, readonly Reference[]>;
  /** The search stopped at its deadline or match cap: counts are lower bounds. */
  readonly incomplete: boolean;
  /** Why there are no results at all (not a git repository…). */
  readonly problem?: string;
}

export interface ReferenceOptions {
  readonly timeoutMs?: number;
  /** Files (absolute) whose lines are not references: the flags files. */
  readonly exclude?: readonly string[];
  readonly maxOutputBytes?: number;
}

/** Keys per git grep: keeps the argument list far below ARG_MAX. */
const KEYS_PER_RUN = 2000;
const MAX_TEXT = 200;

export async function findReferences(root: string, keys: readonly string[], options: ReferenceOptions = {}): Promise<ReferenceResult> {
  const byKey = new Map<string, Reference[]>(keys.map((k) => [k, []]));
  const unique = [...new Set(keys)].filter((k) => k !== '');
  const excluded = new Set((options.exclude ?? []).map((f) => path.relative(root, f).split(path.sep).join('/')));
  let incomplete = false;
  for (let i = 0; i < unique.length; i += KEYS_PER_RUN) {
    const chunk = unique.slice(i, i + KEYS_PER_RUN);
    const args = ['-c', 'core.quotePath=false', 'grep', '--untracked', '-F', '-n', '-z', '-I', '--no-color', ...chunk.flatMap((k) => ['-e', k])];
    const r = await runGit(root, args, { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: options.maxOutputBytes ?? 32 * 1024 * 1024 });
    if (r.code !== 0 && r.code !== 1 && !r.timedOut && !r.truncated) {
      return { byKey, incomplete: true, problem: `git grep failed: ${r.stderr.trim().split('\n')[0] || `exit ${r.code}`}` };
    }
    incomplete ||= r.timedOut || r.truncated;
    attribute(r.stdout.toString('utf8'), chunk, excluded, byKey);
  }
  return { byKey, incomplete };
}

/** What to tell a user about a key the search did not find: only a whole search may say "delete it". */
export function noReferencesAdvice(refs: ReferenceResult | undefined): string {
  if (refs === undefined) { return 'the code was not searched for references: search it before deleting the flag'; }
  if (refs.problem !== undefined) { return `references unknown (${refs.problem}): search the code before deleting the flag`; }
  if (refs.incomplete) { return 'none found before the search stopped early (time or size bound): search the code before deleting the flag'; }
  return 'no references left: delete the flag from the flags file';
}

/** `path\0line\0text\n` lines → references of every key the text contains. */
function attribute(out: string, keys: readonly string[], excluded: ReadonlySet<string>, byKey: Map<string, Reference[]>): void {
  for (const row of out.split('\n')) {
    const first = row.indexOf('\0');
    const second = first < 0 ? -1 : row.indexOf('\0', first + 1);
    if (second < 0) { continue; }
    const file = row.slice(0, first);
    if (excluded.has(file)) { continue; }
    const line = Number(row.slice(first + 1, second));
    const text = row.slice(second + 1);
    for (const key of keys) {
      if (text.includes(key)) { byKey.get(key)?.push({ file, line, text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text }); }
    }
  }
}
