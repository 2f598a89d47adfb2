/**
 * Every change to a flags file: compute the new text from the text read, check that the result
 * is still a valid flags file, then write only if the file still holds the text read. When
 * someone else wrote it meanwhile, the change is computed again from the new text (once);
 * if that races too, it is refused — never a lost update. Each change is appended to history
 * before the file is written (writeAhead).
 *
 * "Still holds the text read" and the rename are two steps: two Gearshift writers (two
 * `flags set`, the editor and the CLI, two pipelines naming one file) could both pass the check
 * and the second rename drop the first's change. So the check, the write and the history line
 * happen under short cross-process locks (flagsLock.ts: the pipeline's and the file's own), and
 * history lists changes in the order the file took them.
 */
import * as path from 'node:path';
import type { OpenFile } from '../fileio';
import { historyFileFor, openHistoryForAppend } from '../history';
import { randomUuid } from '../ids';
import { isFileSystemError, whyNotWritten } from '../lock';
import { FlagChangeError } from './changeError';
import { checkoutOf } from './checkout';
import { FlagsFileError, readFlagsFile, replaceFlagsText, sweepFlagsTemps, writableTarget } from './fileIo';
import { underFlagsLocks } from './flagsLock';
import type { FlagsContext, LoadedFlagsFile } from './load';
import { parseFlagsSnapshot, parseFlagsText } from './parse';
import { appendFlagChange, type FlagChange, type NewFlagChange, notAppliedMark } from './toggleHistory';
import type { FlagDefinition, FlagsFileSnapshot, ParsedFlags } from './types';
import { formatConfigError, quote } from '../config';

export { FlagChangeError };

export type ChangeDraft = Omit<NewFlagChange, 'who' | 'environment' | 'file' | 'worktree'>;
/** Given the current text and its flags, the new text and what changed (no change: `undefined`). */
export type TextChange = (text: string, parsed: ParsedFlags) => { text: string; changes: ChangeDraft[] } | undefined;

export interface ChangeOutcome {
  readonly file: string;
  /** The file's environment (`default` for a single flags file): what "already" names when nothing changed. */
  readonly environment: string;
  readonly changes: readonly FlagChange[];
}

const ATTEMPTS = 2;

/**
 * `stillValid`, when given, runs holding the lock before anything is read: a change decided on
 * history (undo) checks there that history is still what it was decided on, and throws if not.
 */
export async function changeFlagsFile(ctx: FlagsContext, target: LoadedFlagsFile, who: string, change: TextChange, stillValid?: () => Promise<void>): Promise<ChangeOutcome> {
  const historyFile = ctx.historyFile ?? await historyFileFor(ctx.root);
  // The whole loop under the lock: a retry then races only with writers other than Gearshift (an editor saving the file).
  return underFlagsLocks(historyFile, target.ref.path, async () => {
    await stillValid?.();
    await sweepFlagsTemps(target.ref.path);
    let snapshot = target.snapshot ?? await readOrFail(target);
    for (let attempt = 1; ; attempt++) {
      const next = nextText(snapshot, change);
      if (!next) { return { file: snapshot.path, environment: target.ref.environment, changes: [] }; }
      try {
        return { file: snapshot.path, environment: target.ref.environment, changes: await writeAhead(ctx.root, historyFile, snapshot, who, next) };
      } catch (e) {
        if (e instanceof FlagsFileError && e.code === 'changed' && attempt < ATTEMPTS) { snapshot = await readOrFail(target); continue; }
        if (e instanceof FlagsFileError) { throw new FlagChangeError(e.code === 'changed' ? `${e.message} (twice in a row; try again)` : e.message, e.code === 'changed' ? 'conflict' : 'io'); }
        throw e;
      }
    }
  });
}

/**
 * The records first, then the file (write-ahead): a kill at any point leaves either nothing, a
 * record the file does not show yet (undo finds it, says so and marks it: toggles.ts), or both;
 * never a changed file with no record, which undo would walk past to an older change. A write
 * that fails after its records marks them as never applied.
 */
async function writeAhead(root: string, historyFile: string, snapshot: FlagsFileSnapshot, who: string, next: { text: string; changes: ChangeDraft[] }): Promise<FlagChange[]> {
  const history = await openHistory(historyFile);
  try {
    const target = await writableTarget(snapshot, root);
    const made = await record(root, history, historyFile, snapshot, who, next.changes);
    // Only marks (an undo found its change never reached the file): there is nothing to write.
    if (next.changes.every((c) => c.notApplied !== undefined)) { return made; }
    try { await replaceFlagsText(snapshot, target, next.text); } catch (e) {
      await markNotApplied(history, made);
      throw e;
    }
    return made;
  } finally { await history.close(); }
}

async function openHistory(historyFile: string): Promise<OpenFile> {
  try { return await openHistoryForAppend(historyFile); } catch (e) {
    if (!isFileSystemError(e)) { throw e; }
    throw new FlagChangeError(`cannot record the change in ${historyFile} (${await whyNotWritten(e, historyFile)}); nothing was written`, 'io');
  }
}

/** The change applied to the snapshot's text, checked to leave a valid file; undefined: nothing to change. */
function nextText(snapshot: FlagsFileSnapshot, change: TextChange): ReturnType<TextChange> {
  const parsed = parseFlagsSnapshot(snapshot);
  if (!parsed.ok) { throw new FlagChangeError(`the flags file has errors; fix them first, nothing was written:\n${parsed.errors.map(formatConfigError).join('\n')}`, 'invalid'); }
  const next = change(snapshot.text, parsed);
  if (!next) { return undefined; }
  const check = parseFlagsText(next.text, snapshot.path);
  if (!check.ok) { throw new FlagChangeError(`the change would make the file invalid, nothing was written: ${check.errors.map((e) => e.message).join('; ')}`, 'invalid'); }
  return next;
}

async function readOrFail(target: LoadedFlagsFile): Promise<FlagsFileSnapshot> {
  try { return await readFlagsFile(target.ref.path, target.ref.environment); } catch (e) {
    throw new FlagChangeError((e as Error).message, 'io');
  }
}

/** The changes' lines, before the file is written; a line that cannot be written stops the change (earlier lines are marked). */
async function record(root: string, history: OpenFile, historyFile: string, snapshot: FlagsFileSnapshot, who: string, changes: ChangeDraft[]): Promise<FlagChange[]> {
  const file = path.relative(root, snapshot.path).split(path.sep).join('/');
  const worktree = await checkoutOf(root);
  const made = { who, environment: snapshot.environment, file, ...(worktree !== undefined ? { worktree } : {}) };
  const out: FlagChange[] = [];
  const batch = changes.filter((c) => c.notApplied === undefined).length > 1 ? { batch: randomUuid() } : {};
  try {
    for (const c of changes) { out.push(await appendFlagChange(history, { ...c, ...made, ...batch })); }
  } catch (e) {
    if (!isFileSystemError(e)) { throw e; }
    await markNotApplied(history, out);
    throw new FlagChangeError(`cannot record the change in ${historyFile} (${await whyNotWritten(e, historyFile)}); nothing was written`, 'io');
  }
  return out;
}

/** Best effort: a mark that cannot be written leaves a record undo will find not applied, and say so. */
async function markNotApplied(history: OpenFile, made: readonly FlagChange[]): Promise<void> {
  for (const c of made) {
    await appendFlagChange(history, notAppliedMark(c)).catch(() => undefined);
  }
}

export function flagIn(parsed: ParsedFlags, key: string): FlagDefinition {
  const flag = parsed.flags.find((f) => f.key === key);
  if (!flag) { throw new FlagChangeError(`no flag ${quote(key)} in this file; known: ${parsed.flags.map((f) => f.key).slice(0, 20).join(', ') || '(none)'}`, 'usage'); }
  return flag;
}
