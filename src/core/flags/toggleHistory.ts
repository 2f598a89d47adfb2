/**
 * Toggle changes in the run history file (history.jsonl) as lines of their own kind:
 * `{"v":1,"kind":"flag","at":…,"flag":{…}}`. Run readers pass over kinds they do not know
 * (history/entry.ts), so older readers and the run views are unaffected. One line, one write
 * on an O_APPEND descriptor, bounded in size — the same rules as run records.
 */
import type { OpenFile } from '../fileio';
import { readLines } from '../history';
import { randomUuid } from '../ids';
import { madeIn } from './checkout';
import type { JsonValue } from './types';

export const FLAG_ENTRY_KIND = 'flag';
/** Larger records (a removed flag with huge variants) are written without the definition: not undoable. */
export const MAX_FLAG_RECORD_BYTES = 64 * 1024;

export type FlagChangeField = 'defaultVariant' | 'state' | 'added' | 'removed';

export interface FlagChange {
  readonly id: string;
  readonly key: string;
  readonly environment: string;
  /** Relative to the repository root. */
  readonly file: string;
  /**
   * The checkout the change was made in (checkout.ts: `.` the main working tree, `worktrees/<name>`
   * a linked one): linked worktrees share this history, each with its own files. Absent in
   * records written before it was (and outside git): weighed by every checkout.
   */
  readonly worktree?: string;
  readonly field: FlagChangeField;
  /** Before → after: a variant name, a state, or (added/removed) the definition. */
  readonly from: JsonValue;
  readonly to: JsonValue;
  /** Who: the same rule as deploy approvals (git user.name, else the login). */
  readonly who: string;
  readonly at: string;
  /** This change undid the change with that id. */
  readonly undoOf?: string;
  /**
   * Not a change: a mark that the change with that id never reached the file (its writer wrote
   * the record first, then failed or was killed before the rename). Both are left out of undo.
   */
  readonly notApplied?: string;
  /**
   * Records of one write (a set that changes two fields, such as turning on a disabled flag)
   * share this id: one rename made them all or none, so a record the file never got is marked
   * together with the others of its write (one refusal, not one per record).
   */
  readonly batch?: string;
}

export type NewFlagChange = Omit<FlagChange, 'id' | 'at'>;

/**
 * The change's line written on `history`, a history.jsonl descriptor the caller opened for
 * appending before it changed the flags file: a change that cannot be recorded is never made.
 */
export async function appendFlagChange(history: OpenFile, change: NewFlagChange, now = new Date()): Promise<FlagChange> {
  const full: FlagChange = { id: randomUuid(), at: now.toISOString(), ...change };
  let line = `${JSON.stringify({ v: 1, kind: FLAG_ENTRY_KIND, at: full.at, flag: full })}\n`;
  if (Buffer.byteLength(line) > MAX_FLAG_RECORD_BYTES) {
    line = `${JSON.stringify({ v: 1, kind: FLAG_ENTRY_KIND, at: full.at, flag: { ...full, from: null, to: null, tooLarge: true } })}\n`;
  }
  await history.writeFile(line, 'utf8');
  return full;
}

/**
 * Every toggle change, oldest first. Lines that are not flag records are skipped. Read a line at
 * a time: the history may be hundreds of megabytes (one string of it could exceed V8's limit,
 * and the changes read back as none).
 */
export async function readFlagChanges(historyFile: string): Promise<FlagChange[]> {
  const out: FlagChange[] = [];
  try {
    for await (const line of readLines(historyFile)) {
      if (line.tooLong || !line.text.includes('"kind":"flag"')) { continue; }
      const flag = flagOf(line.text);
      if (flag) { out.push(flag); }
    }
  } catch { return out; } // unreadable (missing, a folder or FIFO in its place): what was read
  return out;
}

/**
 * The change a line holds. A writer that stopped mid-line (a full disk) leaves a fragment the
 * next append lands after, on the same line: the record is then the suffix starting at a `{"v":`.
 */
function flagOf(text: string): FlagChange | undefined {
  for (let at = 0; at !== -1; at = text.indexOf('{"v":', at + 1)) {
    try {
      const v = JSON.parse(text.slice(at)) as { kind?: string; flag?: FlagChange & { tooLarge?: boolean } };
      return v.kind === FLAG_ENTRY_KIND && v.flag && typeof v.flag.key === 'string' && typeof v.flag.id === 'string' && !v.flag.tooLarge ? v.flag : undefined;
    } catch { /* a torn or foreign start: try the next record start */ }
  }
  return undefined;
}

/** The mark that `change` never reached its file: the file still holds `from`. */
export function notAppliedMark(change: FlagChange): NewFlagChange {
  const { key, environment, file, field, from, who, worktree } = change;
  return { key, environment, file, field, from, to: from, who, notApplied: change.id, ...(worktree !== undefined ? { worktree } : {}) };
}

/** The records that stand for changes made: marks, and the records they mark as never applied, left out. */
export function inForce(changes: readonly FlagChange[]): FlagChange[] {
  const never = new Set(changes.flatMap((c) => (c.notApplied !== undefined ? [c.notApplied] : [])));
  return changes.filter((c) => c.notApplied === undefined && !never.has(c.id));
}

/**
 * The newest change that is not an undo and was not undone yet; with `mine`, the newest made in
 * that checkout (checkout.ts madeIn). Undos and marks count whichever checkout wrote them.
 */
export function lastUndoable(changes: readonly FlagChange[], mine?: string): FlagChange | undefined {
  const made = inForce(changes);
  const undone = new Set(made.filter((c) => c.undoOf).map((c) => c.undoOf));
  for (let i = made.length - 1; i >= 0; i--) {
    const c = made[i];
    if (!c.undoOf && !undone.has(c.id) && madeIn(c, mine)) { return c; }
  }
  return undefined;
}

/**
 * Of changes read from several histories (a window's folders each have their own), those made
 * last: one, or several when their times are equal (they cannot be ordered: the caller asks).
 * `at` is an ISO time; an unreadable one is never the newest.
 */
export function newestOf<T extends { readonly change: FlagChange }>(candidates: readonly T[]): T[] {
  const time = (c: T): number => { const t = Date.parse(c.change.at); return Number.isNaN(t) ? -Infinity : t; };
  const newest = Math.max(...candidates.map(time));
  return candidates.filter((c) => time(c) === newest);
}
