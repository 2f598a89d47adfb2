/**
 * Which `.gearshift.yml` a run follows: one file per run, for its stages, its secrets, its
 * `--stage`/`--from` and its checkout mode alike.
 *
 * - The working copy's file says `checkout: workspace` (the default): that file runs, in the
 *   folder as it is, and nothing is asked of git (no process is started: the question is a function). A commit whose file says `clean` does not
 *   override it: the edit that turned clean off runs, as every uncommitted edit does there.
 * - It says `checkout: clean` (or does not parse): the commit's own file decides. If that says
 *   `clean`, the run is a clean checkout of the commit and follows the commit's file, whatever
 *   the working copy's says; the record notes when the two differ. If the commit's file does not
 *   say `clean` (or the commit has none), `clean` is not in effect yet: the working copy runs
 *   as it is, and the record says why. A clean run runs what was committed, so its mode is too.
 * - A request's own `checkout: 'clean'` (promote of an older sha) follows the commit's file.
 */
import * as path from 'path';
import { type CheckoutMode, clip, type LoadResult, type Pipeline } from '../config';
import { readCommittedFile, type RepoInfo } from '../git';
import { printable, shortSha } from '../format';
import type { RepoAnswer } from './repoFacts';

type Invalid = Extract<LoadResult, { ok: false }>;

/** Said on the run's banner (and kept on its record): the working copy's file is not the one that runs. */
export type ConfigNote = 'commit-differs' | 'clean-not-committed';

export type RunSource =
  | {
    kind: 'source'; pipeline: Pipeline;
    /** Set when the pipeline is the commit's (a clean run of this sha). */
    commit?: string;
    /** The working copy's pipeline, when it parsed and is not the one that runs. */
    workingCopy?: Pipeline;
    note?: ConfigNote;
  }
  | { kind: 'invalid'; result: Invalid }
  | { kind: 'refused'; reason: string };

export interface SourceInputs {
  loaded: LoadResult;
  configFile: string;
  forced: CheckoutMode | undefined;
  /** The request's sha; default HEAD. */
  sha: string | undefined;
  /** Asks git about the folder; called only when the commit's file is needed (`checkout: clean`). */
  answer: () => Promise<RepoAnswer>;
  /** Parses a text as the pipeline file (the engine's memo: an unchanged text is not parsed again). */
  parse: (text: string, file: string) => Promise<LoadResult>;
  /** The working copy's text, to tell whether it differs from the commit's. */
  readWorkingCopy: () => Promise<string | undefined>;
}

export async function runSource(inputs: SourceInputs): Promise<RunSource> {
  const { loaded, forced } = inputs;
  if (forced !== 'clean' && loaded.ok && loaded.pipeline.checkout !== 'clean') { return { kind: 'source', pipeline: loaded.pipeline }; }
  const answer = await inputs.answer();
  const sha = answer.ok ? inputs.sha ?? answer.repo.sha : 'none';
  if (!answer.ok || !answer.repo.isRepo || !answer.repo.root || sha === 'none') {
    // No commit to read: a file that does not parse is the one to fix.
    if (!loaded.ok && forced !== 'clean') { return { kind: 'invalid', result: loaded }; }
    return { kind: 'refused', reason: answer.ok ? '`checkout: clean` needs a git repository with at least one commit' : answer.reason };
  }
  return fromCommit(inputs, answer.repo, sha);
}

/** Git's error, whose tail is the path it could not read. */
const MAX_GIT_MESSAGE_CHARS = 200;

async function fromCommit(inputs: SourceInputs, repo: RepoInfo, sha: string): Promise<RunSource> {
  const { loaded, forced, configFile } = inputs;
  const file = await readCommittedFile(repo.root as string, sha, configFile).catch((e: Error) => e);
  // The path may be --config's value, and git's message repeats it: both bounded, as any quote of the user's input.
  if (file instanceof Error) { return { kind: 'refused', reason: `could not read ${clip(displayName(repo, configFile))} of commit ${shortSha(sha)}: ${printable(file.message, { max: MAX_GIT_MESSAGE_CHARS })}` }; }
  const asWorkingCopy = (note?: ConfigNote): RunSource => loaded.ok ? { kind: 'source', pipeline: loaded.pipeline, ...(note ? { note } : {}) } : { kind: 'invalid', result: loaded };
  if (!file.found) {
    if (forced === 'clean') { return { kind: 'refused', reason: `commit ${shortSha(sha)} has no ${displayName(repo, configFile)}, and a clean run follows the commit's own file` }; }
    return asWorkingCopy('clean-not-committed');
  }
  const committed = await inputs.parse(file.text, configFile);
  if (!committed.ok) {
    // Its mode cannot be read. A working copy that does not parse either is the one being fixed;
    // one that asks for clean (or a promote) would follow the commit's, so that is the one to fix.
    if (!loaded.ok && forced !== 'clean') { return asWorkingCopy(); }
    return { kind: 'invalid', result: { ok: false, errors: committed.errors.map((e) => ({ ...e, file: `${e.file}@${shortSha(sha)}` })) } };
  }
  if (forced !== 'clean' && committed.pipeline.checkout !== 'clean') { return asWorkingCopy('clean-not-committed'); }
  const differs = normalized(await inputs.readWorkingCopy()) !== normalized(file.text);
  return {
    kind: 'source', pipeline: committed.pipeline, commit: sha,
    ...(loaded.ok ? { workingCopy: loaded.pipeline } : {}), ...(differs ? { note: 'commit-differs' as const } : {}),
  };
}

/** Line ends and a byte-order mark are no difference a person would call one. */
function normalized(text: string | undefined): string | undefined {
  return text?.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}

function displayName(repo: RepoInfo, configFile: string): string {
  const rel = path.relative(repo.root ?? '', configFile);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : configFile;
}
