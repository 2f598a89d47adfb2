/**
 * Since when has each flag served what it serves now? From the git history of the flags
 * file (not its mtime: a checkout touches every file): walk the commits that changed the
 * file, newest first, and stop at the first version that served something else. Bounded:
 * at most MAX_VERSIONS versions, read through one `git cat-file --batch`.
 */
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { runGit } from './gitRun';
import { parseFlagsText } from './parse';
import type { FlagDefinition, ParsedFlags, Served } from './types';

export const MAX_VERSIONS = 200;

export interface FlagAge {
  /** When the served value last changed; undefined when the file has no history (untracked). */
  readonly since?: Date;
  /** The change is not committed yet. */
  readonly uncommitted?: boolean;
}

interface Version { sha: string; date: Date; text?: string; parsed?: ParsedFlags | null }

/** `problem`: git could not tell the file's history (not a repository…), so no age is known: staleness is unknown, not "none". */
export async function servedAges(root: string, file: string, current: ParsedFlags, now = new Date()): Promise<{ ages: Map<string, FlagAge>; problem?: string }> {
  const ages = new Map<string, FlagAge>();
  const versions = await fileVersions(root, file);
  if (typeof versions === 'string') { return { ages, problem: versions }; }
  for (const flag of current.flags) { ages.set(flag.key, ageOf(flag, current.served.get(flag.key), versions, file, now)); }
  return { ages };
}

function ageOf(flag: FlagDefinition, served: Served | undefined, versions: Version[], file: string, now: Date): FlagAge {
  if (versions.length === 0) { return {}; }
  let since: Date | undefined;
  for (const v of versions) {
    const parsed = v.parsed === undefined ? (v.parsed = parseVersion(v.text, file)) : v.parsed;
    const then = parsed?.served.get(flag.key);
    if (!then || !sameServing(then, served)) { break; }
    since = v.date;
  }
  return since ? { since } : { since: now, uncommitted: true };
}

function sameServing(a: Served, b: Served | undefined): boolean {
  return b !== undefined && a.reason === b.reason && isDeepStrictEqual(a.value, b.value) && a.variant === b.variant;
}

function parseVersion(text: string | undefined, file: string): ParsedFlags | null {
  if (text === undefined) { return null; }
  const r = parseFlagsText(text, file);
  return r.ok ? r : null;
}

/** The file's versions, newest first; a string says why git could not list them. */
async function fileVersions(root: string, file: string): Promise<Version[] | string> {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const log = await runGit(root, ['log', '--no-show-signature', `-n${MAX_VERSIONS}`, '--format=%H %ct', '--end-of-options', 'HEAD', '--', rel], { timeoutMs: 15_000 });
  if (log.code !== 0) { return await unbornHead(root) ? [] : `git log failed: ${log.timedOut ? 'timed out' : log.stderr.trim().split('\n')[0] || `exit ${log.code}`}`; }
  const versions: Version[] = log.stdout.toString('utf8').split('\n').filter(Boolean).map((l) => {
    const [sha, ct] = l.split(' ');
    return { sha, date: new Date(Number(ct) * 1000) };
  });
  if (versions.length === 0) { return []; }
  const batch = await runGit(root, ['cat-file', '--batch'], { input: versions.map((v) => `${v.sha}:./${rel}\n`).join(''), timeoutMs: 15_000 });
  splitBatch(batch.stdout, versions);
  return versions;
}

/** A repository with no commit yet: every file is new (no history), which is not a failure. Asked only when `git log` failed. */
async function unbornHead(root: string): Promise<boolean> {
  const head = await runGit(root, ['rev-parse', '-q', '--verify', 'HEAD'], { timeoutMs: 15_000 });
  return head.code === 1; // outside a repository rev-parse exits 128
}

/** `<oid> blob <size>\n<bytes>\n` per object, or `<name> missing\n`. */
function splitBatch(out: Buffer, versions: Version[]): void {
  let at = 0;
  for (const v of versions) {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) { return; }
    const header = out.subarray(at, nl).toString('utf8').split(' ');
    at = nl + 1;
    if (header[1] !== 'blob') { continue; }
    const size = Number(header[2]);
    v.text = out.subarray(at, at + size).toString('utf8');
    at += size + 1;
  }
}
