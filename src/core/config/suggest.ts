/**
 * "Did you mean …?" for misspelt keys, enum values and stage names. A typo'd key is the most
 * common config mistake, and naming the intended key is the fix the user needs.
 */

/** Words people bring from other CI systems, mapped to ours; edit distance can't find these. */
const ALIASES: Readonly<Record<string, string>> = {
  command: 'run', cmd: 'run', script: 'run', steps: 'stages', jobs: 'stages',
  depends_on: 'needs', dependson: 'needs', 'depends-on': 'needs', after: 'needs', requires: 'needs',
  'timeout-minutes': 'timeout', timeout_minutes: 'timeout',
  'working-directory': 'cwd', working_directory: 'cwd', workdir: 'cwd', dir: 'cwd', directory: 'cwd',
  variables: 'env', environment_variables: 'env',
  prod: 'production', staging: 'non-prod', dev: 'non-prod', test: 'non-prod',
  on: 'trigger', branch: 'branches',
  // queue / checkout values
  newest: 'latest', last: 'latest', every: 'all', each: 'all',
  fresh: 'clean', pristine: 'clean', worktree: 'clean', current: 'workspace', dirty: 'workspace',
  // monitor probes
  url: 'http', https: 'http', file: 'log', pattern: 'match', regex: 'match', regexp: 'match', grep: 'match',
  latency: 'maxLatency', probe: 'probes', checks: 'probes',
  rollback: 'autoRollback', auto_rollback: 'autoRollback', 'auto-rollback': 'autoRollback',
  tags: 'deployTags', tag: 'deployTags',
};

/** The known word closest to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const alias = Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
  if (alias !== undefined && known.includes(alias)) { return alias; }
  // Misspelt aliases count too: "comand" is close to "command", which means `run`.
  const words = [...known, ...Object.keys(ALIASES).filter((a) => known.includes(ALIASES[a]))];
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestLength = 0;
  for (const k of words) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) { best = known.includes(k) ? k : ALIASES[k]; bestDistance = d; bestLength = k.length; }
  }
  // Allow about one edit per three letters: "stagse" → "stages", but "foo" is not "run";
  // and never every letter: stage "Z" is no typo of "A".
  const allowed = Math.max(1, Math.floor(Math.max(word.length, 1) / 3));
  return best !== undefined && bestDistance <= allowed && bestDistance < Math.max(lower.length, bestLength) ? best : undefined;
}

/** `"; did you mean \`x\`?"` to append to a message, or `""` when nothing is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  const hit = closest(word, known);
  return hit === undefined ? '' : `; did you mean \`${hit}\`?`;
}

/** Edit distance where swapping two neighbouring letters ("biuld") counts as one edit, like a typo. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) { d[0][j] = j; }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
