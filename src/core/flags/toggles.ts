/** The use cases: set, add, remove and undo, on a repository's flags files (by environment). */
import * as path from 'node:path';
import { historyFileFor } from '../history';
import { changeFlagsFile, type ChangeOutcome, FlagChangeError, type TextChange } from './change';
import { type FlagsContext, type LoadedFlagsFile, loadFlagsFiles } from './load';
import { addFlag, markIfNotApplied, removeFlag, revertOrMarkBatch, setFlag, switchOff } from './operations';
import { checkoutOf, checkoutWhere, madeIn } from './checkout';
import { type FlagChange, inForce, lastUndoable, readFlagChanges } from './toggleHistory';
import type { FlagState } from './types';

/** The one file serving `env`; with several files and no env, the caller must say which. */
export function pickFile(files: readonly LoadedFlagsFile[], env: string | undefined): LoadedFlagsFile {
  if (files.length === 0) { throw new FlagChangeError('no flags file: create flags.json (flagd format), or name one under `flags:` in .gearshift.yml', 'usage'); }
  const envs = files.map((f) => f.ref.environment);
  if (env === undefined) {
    if (files.length === 1) { return checked(files[0]); }
    throw new FlagChangeError(`there are several flags files (${envs.join(', ')}); say which with --env`, 'usage');
  }
  const found = files.find((f) => f.ref.environment === env);
  if (!found) { throw new FlagChangeError(`no flags file for environment "${env}"; there are: ${envs.join(', ')}`, 'usage'); }
  return checked(found);
}

function checked(f: LoadedFlagsFile): LoadedFlagsFile {
  // A file the rules refuse is the same config error `list` reports (exit 2), not a failed write.
  if (f.error) { throw new FlagChangeError(f.error, f.refused ? 'invalid' : 'io'); }
  return f;
}

async function onFile(ctx: FlagsContext, env: string | undefined, who: string, change: TextChange): Promise<ChangeOutcome> {
  return changeFlagsFile(ctx, pickFile(await loadFlagsFiles(ctx), env), who, change);
}

export async function setFlagValue(ctx: FlagsContext, key: string, word: string | undefined, options: { env?: string; state?: FlagState; who: string }): Promise<ChangeOutcome> {
  if (word === undefined && options.state === undefined) { throw new FlagChangeError('say what to set: on, off, a variant name, or --state', 'usage'); }
  const target = pickFile(await loadFlagsFiles(ctx), options.env);
  // A refusal names the file to change instead (`on` that targeting would never serve).
  const file = { shown: path.relative(ctx.root, target.ref.path).split(path.sep).join('/'), path: target.ref.path };
  return changeFlagsFile(ctx, target, options.who, setFlag(key, word, options.state, file));
}

/** The kill switch: the flag off for every request (operations.ts switchOff). */
export function killSwitch(ctx: FlagsContext, key: string, options: { env?: string; who: string }): Promise<ChangeOutcome> {
  return onFile(ctx, options.env, options.who, switchOff(key));
}

export function addToggle(ctx: FlagsContext, key: string, options: { env?: string; who: string; now?: Date }): Promise<ChangeOutcome> {
  return onFile(ctx, options.env, options.who, addFlag(key, options.now ?? new Date()));
}

export function removeToggle(ctx: FlagsContext, key: string, options: { env?: string; who: string }): Promise<ChangeOutcome> {
  return onFile(ctx, options.env, options.who, removeFlag(key));
}

/**
 * Undoes the newest toggle change made in this checkout (checkout.ts) that was not undone yet, in
 * the file it was made in. With `expectId` (the change a question named) it undoes that change
 * only while it is still the newest; either way, history is read again holding the flags lock,
 * so a change another window or the CLI made meanwhile is never undone in place of the one
 * decided on. Another worktree's changes are never weighed here: its files are not these.
 */
export async function undoLastToggle(ctx: FlagsContext, who: string, options: { expectId?: string } = {}): Promise<ChangeOutcome> {
  const historyFile = ctx.historyFile ?? await historyFileFor(ctx.root);
  const mine = await checkoutOf(ctx.root);
  const changes = await readFlagChanges(historyFile);
  const newest = inForce(changes).filter((c) => madeIn(c, mine)).at(-1);
  // A killed undo leaves its record without the file: the change it names is then still made, and no older one may be undone in its place.
  if (newest?.undoOf !== undefined) { await refuseIfNotApplied(ctx, historyFile, who, { recorded: newest, change: markIfNotApplied(newest), history: changes }); }
  const last = await newestOrRefuse(ctx, changes, mine, options.expectId);
  const stillValid = async (): Promise<void> => { await newestOrRefuse(ctx, await readFlagChanges(historyFile), mine, last.id); };
  return refuseIfNotApplied(ctx, historyFile, who, { recorded: last, change: revertOrMarkBatch(last, writtenWith(changes, last)), history: changes, stillValid });
}

/** The other records in force of `change`'s write, not undone yet (toggleHistory.ts `batch`). */
function writtenWith(changes: readonly FlagChange[], change: FlagChange): FlagChange[] {
  if (change.batch === undefined) { return []; }
  const made = inForce(changes);
  const undone = new Set(made.map((c) => c.undoOf));
  return made.filter((c) => c.batch === change.batch && c.id !== change.id && !undone.has(c.id));
}

/** An undo to try: `change` (a TextChange from `recorded`), `history` as read (to name what it marks), `stillValid` as changeFlagsFile takes it. */
interface Attempt {
  readonly recorded: FlagChange;
  readonly change: TextChange;
  readonly history: readonly FlagChange[];
  readonly stillValid?: () => Promise<void>;
}

/**
 * `change` on the file `recorded` was made in. When it only marked `recorded` (and the records
 * written with it) as never applied (the records were written, their writer stopped before the
 * file), it is refused: nothing undone, and the marks let the next undo go on to the change before.
 */
async function refuseIfNotApplied(ctx: FlagsContext, historyFile: string, who: string, { recorded, change, history, stillValid }: Attempt): Promise<ChangeOutcome> {
  const files = await loadFlagsFiles({ ...ctx, historyFile });
  const target = files.find((f) => path.relative(ctx.root, f.ref.path).split(path.sep).join('/') === recorded.file);
  if (!target) { throw new FlagChangeError(`the last change was to ${recorded.file}, which is no longer a flags file here`, 'usage'); }
  const outcome = await changeFlagsFile({ ...ctx, historyFile }, checked(target), who, change, stillValid);
  const marked = outcome.changes.filter((c) => c.notApplied !== undefined);
  if (marked.length === 0) { return outcome; }
  const what = recorded.undoOf !== undefined ? `the undo of ${recorded.key} → ${JSON.stringify(recorded.from)}`
    : marked.map((m) => changeWords(history.find((c) => c.id === m.notApplied) ?? recorded)).join(' and ');
  throw new FlagChangeError(`the newest change, ${what}, is not in ${recorded.file} (its writer stopped before writing it, or it was set back since); nothing was undone, and the next undo goes on to the change before it`, 'conflict');
}

function changeWords(c: FlagChange): string {
  return c.field === 'added' ? `added ${c.key}` : c.field === 'removed' ? `removed ${c.key}` : `${c.key} → ${JSON.stringify(c.to)}`;
}

/** The newest undoable change of checkout `mine`; refused when there is none, or when it is not `expectId`. */
async function newestOrRefuse(ctx: FlagsContext, changes: readonly FlagChange[], mine: string | undefined, expectId: string | undefined): Promise<FlagChange> {
  const last = lastUndoable(changes, mine);
  if (!last) {
    const elsewhere = lastUndoable(changes);
    if (!elsewhere?.worktree) { throw new FlagChangeError('no toggle change to undo', 'usage'); }
    throw new FlagChangeError(`no toggle change made in this checkout to undo; the newest, ${changeWords(elsewhere)} by ${elsewhere.who}, was made in ${await checkoutWhere(ctx.root, elsewhere.worktree)}: undo it there`, 'usage');
  }
  if (expectId !== undefined && last.id !== expectId) {
    const asked = changes.find((c) => c.id === expectId);
    throw new FlagChangeError(`the newest toggle change is now ${last.key} (${JSON.stringify(last.from)} → ${JSON.stringify(last.to)}, by ${last.who}), not the one asked about${asked ? ` (${asked.key})` : ''}; nothing was undone`, 'conflict');
  }
  return last;
}

/** The change undoLastToggle would undo now (this checkout's newest), read without writing anything: to ask before undoing. */
export async function nextUndo(ctx: FlagsContext): Promise<FlagChange | undefined> {
  return lastUndoable(await readFlagChanges(ctx.historyFile ?? await historyFileFor(ctx.root)), await checkoutOf(ctx.root));
}
