/**
 * What a `--via-cli` job sets up before it runs `gearshift run --stage`: a fresh runner has no
 * Node (GitLab's default image may have none) and no node_modules, so the job installs the
 * repository's own dependencies, gearshift among them, the way its lockfile asks.
 */
import { oneLine } from './common';

/** The Node a job gets when package.json says nothing: the Active LTS line (Node 24 since 2025-10). */
export const DEFAULT_NODE_MAJOR = 24;

export interface ViaCliSetup {
  /** Where the install runs, relative to the repository's top ('' = the top): the lockfile's folder. */
  readonly folder: string;
  /** `npm ci` with a package-lock.json, `npm install` without one; undefined: a lockfile of another tool, nothing installed (see warning). */
  readonly install: 'npm ci' | 'npm install' | undefined;
  readonly nodeMajor: number;
  /** Where nodeMajor came from, for the header: `engines.node ">=20"` or `no engines.node`. */
  readonly nodeSource: string;
  /** A setup the job cannot do itself, said in the file's header and on stderr. */
  readonly warning?: string;
}

/** Without a look at the files (a pure export): `npm ci` at the config's folder, the default Node. */
export function defaultViaCliSetup(folder: string): ViaCliSetup {
  return { folder, install: 'npm ci', nodeMajor: DEFAULT_NODE_MAJOR, nodeSource: 'no engines.node' };
}

/**
 * One Node major for a package.json `engines.node` range: the default LTS when the range allows
 * it, else the nearest major it allows (the highest over `||` alternatives). A range this does not
 * read (a tag, garbage) gives the default.
 */
export function nodeMajorFor(range: string | undefined): number {
  if (range === undefined || range.trim() === '') { return DEFAULT_NODE_MAJOR; }
  const picks = range.split('||').map(alternativeMajor).filter((m): m is number => m !== undefined);
  return picks.length === 0 ? DEFAULT_NODE_MAJOR : Math.max(...picks);
}

/** One `||` alternative, e.g. `>=18 <23`, `^20.11`, `20.x`: its lowest and highest major, then the pick. */
function alternativeMajor(alternative: string): number | undefined {
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  const hyphen = /^\s*v?(\d+)\S*\s+-\s+v?(\d+)/.exec(alternative);
  if (hyphen) { return pick(Number(hyphen[1]), Number(hyphen[2])); }
  for (const comparator of alternative.trim().split(/\s+/)) {
    const m = /^(>=|>|<=|<|=|\^|~)?\s*v?(\d+)(?:\.(\d+|[xX*]))?/.exec(comparator);
    if (!m) { return undefined; }
    const major = Number(m[2]);
    const op = m[1] ?? '';
    if (op === '>=') { low = Math.max(low, major); } else if (op === '>') {
      low = Math.max(low, m[3] === undefined || /[xX*]/.test(m[3]) ? major + 1 : major); // `>20` is `>=21.0.0`
    } else if (op === '<') {
      high = Math.min(high, m[3] === undefined || m[3] === '0' ? major - 1 : major);
    } else if (op === '<=') { high = Math.min(high, major); } else { low = Math.max(low, major); high = Math.min(high, major); }
  }
  return low > high ? undefined : pick(low, high);
}

function pick(low: number, high: number): number {
  return Math.min(Math.max(DEFAULT_NODE_MAJOR, low), high);
}

/** The header's account of the set-up, and its warning when there is one: a job never fails unexplained. */
export function viaCliSetupNotes(setup: ViaCliSetup): string[] {
  const where = setup.folder === '' ? '' : ` in ${setup.folder}`;
  const install = setup.install === undefined ? 'installs nothing' : `runs \`${setup.install}\`${where}`;
  // A folder or engines.node is the user's text: a line break in it must not end the comment.
  const notes = [`# --via-cli: each job sets up Node ${setup.nodeMajor} (${setup.nodeSource}), ${install}, then runs the stage with the installed gearshift.`];
  return (setup.warning === undefined ? notes : [...notes, `# Warning: ${setup.warning}`]).map(oneLine);
}
