/**
 * Whether HEAD is ahead of the last run: the commits it has that the run's commit has not. What
 * the status item and `gearshift status` (text and --json: one rule, review34 F6) say beside a
 * verdict that is about an older commit.
 */
import * as path from 'path';
import { fileIo } from '../fileio';
import { findGitLayout, type GitLayout } from './gitFiles';
import { headFrom } from './headNow';
import { runGit } from './gitProcess';
import { END_OF_OPTIONS, isCommitSha } from './sha';

export interface HeadAhead {
  /** HEAD's full sha. */
  head: string;
  /** Commits reachable from HEAD and not from the run's commit; undefined when git cannot tell (the run's commit is gone). */
  count: number | undefined;
}

/** git's last answer for one (HEAD, run) pair: `ahead` null when HEAD is not news. */
interface KeptAnswer { head: string; run: string; ahead: { count: number | null } | null }

/**
 * Undefined when HEAD is the run's commit or one before it (nothing new to run), when HEAD does
 * not descend from the run's commit (it may have run on its own), when there is no commit yet, or
 * when git cannot answer (not a repository): a status must not fail on it. HEAD on the run's
 * commit is read from HEAD's files. `keptIn`: a file where git's answer for this pair is kept, so
 * the next call with HEAD unchanged starts no git process (status --json, statusGitMemo.test).
 */
export async function commitsNotRun(folder: string, runSha: string, opts: { keptIn?: string } = {}): Promise<HeadAhead | undefined> {
  const layout = await findGitLayout(folder).catch(() => undefined); // once: HEAD's files and the shallow check both need it
  const head = await headFrom(folder, layout).catch(() => 'none');
  if (head === 'none' || head === runSha) { return undefined; }
  if (!isCommitSha(runSha)) { return { head, count: undefined }; }
  const kept = opts.keptIn ? await readKept(opts.keptIn, head, runSha) : undefined;
  if (kept) { return kept.ahead ? { head, count: kept.ahead.count ?? undefined } : undefined; }
  const asked = await askGit(folder, runSha, head);
  if (opts.keptIn && asked.answered && !(await isShallow(layout))) {
    const answer: KeptAnswer = { head, run: runSha, ahead: asked.ahead ? { count: asked.ahead.count ?? null } : null };
    await fileIo.replaceFile(opts.keptIn, JSON.stringify(answer)).catch(() => undefined); // a cache: unwritable is a miss next time
  }
  return asked.ahead;
}

/** `answered`: git gave an answer about two commits it has, which stays true for them (both are immutable). */
async function askGit(folder: string, runSha: string, head: string): Promise<{ ahead: HeadAhead | undefined; answered: boolean }> {
  // `run..HEAD`: both full shas (checked above and by headNow), after END_OF_OPTIONS, so neither is an option.
  const out = await runGit(folder, ['rev-list', '--count', END_OF_OPTIONS, `${runSha}..${head}`, '--']).catch(() => undefined);
  // The run's commit is gone (or git is out of reach): HEAD is all that can be said, and it is not kept.
  if (out === undefined) { return { ahead: { head, count: undefined }, answered: false }; }
  const count = Number.parseInt(out.trim(), 10);
  if (count === 0) { return { ahead: undefined, answered: true }; }
  // Only a HEAD that descends from the run's commit is known to be news: on another line of history
  // (a branch checked out again) HEAD may have a run of its own, which the last run is not (review34 F5).
  // Exit 1 is git's "no"; any other failure is no answer (nothing said, nothing kept).
  const descends = await runGit(folder, ['merge-base', '--is-ancestor', END_OF_OPTIONS, runSha, head])
    .then(() => true, (e: { exitCode?: number | null }) => (e.exitCode === 1 ? false : undefined));
  if (descends === undefined) { return { ahead: undefined, answered: false }; }
  return { ahead: descends ? { head, count: Number.isFinite(count) ? count : undefined } : undefined, answered: true };
}

/** The kept answer for exactly this pair; anything else (no file, torn, another pair) is a miss. */
async function readKept(file: string, head: string, run: string): Promise<KeptAnswer | undefined> {
  const data = await fileIo.readFile(file, 'utf8').then((text) => JSON.parse(text) as Partial<KeptAnswer>, () => undefined).catch(() => undefined);
  if (!data || data.head !== head || data.run !== run) { return undefined; }
  const ahead = data.ahead;
  if (ahead === null) { return { head, run, ahead: null }; }
  if (typeof ahead !== 'object' || ahead === undefined || !(ahead.count === null || Number.isSafeInteger(ahead.count))) { return undefined; }
  return { head, run, ahead: { count: ahead.count } };
}

/** A shallow clone's "not an ancestor" can turn true after `git fetch --unshallow`: its answers are not kept (review35 F11). */
async function isShallow(layout: GitLayout | undefined): Promise<boolean> {
  if (!layout) { return true; } // unknown: keep nothing
  return fileIo.stat(path.join(layout.commonDir, 'shallow')).then(() => true, () => false);
}

