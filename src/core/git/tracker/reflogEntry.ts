/**
 * One line of `<git dir>/logs/HEAD` and what kind of HEAD move it records.
 *
 * Line format (git's refs/files-backend.c): `<old> <new> <name> <<email>> <unix secs> <tz>`,
 * then, only when there is a message, a TAB and the message. The message is the command's own
 * description (`commit (amend): subject`, `pull -q --rebase (pick): subject`,
 * `checkout: moving from a to b`); its wording is stable across git versions and is also what
 * VS Code, JGit and libgit2 based tools write, so it is the cheapest way to tell an amend from
 * a new commit or a reset from a pull.
 */
import { ZERO_SHA } from './types';

export interface ReflogEntry {
  old: string;
  new: string;
  /** Identity that moved HEAD (not necessarily the commit's author). */
  name: string;
  email: string;
  /** Seconds since the epoch. */
  time: number;
  message: string;
}

/**
 * A SHA-1 id is exactly 40 hex digits and a SHA-256 id exactly 64, and one repository uses one.
 * A line cut mid-way and then appended to by git glues the fragment's digits to a whole id (49,
 * say): that is no entry, and the caller compares HEAD instead.
 *
 * git strips '<', '>' and newlines from a name and an email (ident.c), so the name ends at the
 * first '<' and the email at the first '>'; the zone is followed by the message's TAB or by the
 * end of the line. git turns every whitespace in a message (TAB, newline) into one space
 * (refs.c copy_reflog_msg), so a message never holds a TAB of its own.
 */
const ID = '([0-9a-f]{40}|[0-9a-f]{64})';
const HEADER = `^${ID} ${ID} ([^<>\\n]*) <([^<>\\n]*)> (\\d+) [+-]\\d{4}`;
const LINE = new RegExp(`${HEADER}(?:\\t([^]*))?$`);
/** A header glued onto a cut line: its own TAB always follows it, since git wrote it whole. */
const GLUED_HEADER = new RegExp(`${HEADER}\\t`);

/** A "name" that starts with a third id: a fragment cut right after its first field, glued to a line. */
const GLUED_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64}) /;

/** undefined for a line that is not a reflog entry (never fatal: the file is not ours). */
export function parseReflogLine(line: string): ReflogEntry | undefined {
  const m = LINE.exec(line);
  if (!m || m[1].length !== m[2].length || GLUED_ID.test(m[3])) {
    return undefined;
  }
  return { old: m[1], new: m[2], name: m[3], email: m[4], time: Number(m[5]), message: m[6] ?? '' };
}

/** Where another line's header may start inside a message: two ids of one kind and a space. */
const HEADER_START = /(?=(?:[0-9a-f]{40}|[0-9a-f]{64}) (?:[0-9a-f]{40}|[0-9a-f]{64}) )/g;

/**
 * The entries one line of the file holds. git never writes a newline inside a message, so a
 * line cut inside its message and then appended to by git holds two records: the fragment,
 * and after it a whole header (ids, name, email, time, zone, TAB) that starts the next one.
 * A message with no TAB is one git wrote whole: whatever it says (a subject can spell out a
 * header, ids and all), it is never split.
 */
export function parseReflogLines(line: string): ReflogEntry[] {
  const entry = parseReflogLine(line);
  if (!entry) {
    return [];
  }
  const glued = nextHeaderIn(entry.message);
  if (glued === undefined) {
    return [entry];
  }
  return [{ ...entry, message: entry.message.slice(0, glued) }, ...parseReflogLines(entry.message.slice(glued))];
}

function nextHeaderIn(message: string): number | undefined {
  if (!message.includes('\t')) {
    return undefined;
  }
  for (const m of message.matchAll(HEADER_START)) {
    const rest = message.slice(m.index);
    if (GLUED_HEADER.test(rest) && parseReflogLine(rest) !== undefined) {
      return m.index;
    }
  }
  return undefined;
}

export type EntryKind =
  /** One new commit: the entry's `new`. */
  | { kind: 'single'; operation: 'commit' | 'amend' | 'cherry-pick' | 'initial' }
  /** Everything reachable from `new` but not from `old` is new here. */
  | { kind: 'range'; operation: 'merge' | 'pull' }
  /** A step of a rebase (also `pull --rebase`); `phase` is start, pick, finish, abort, … */
  | { kind: 'rebase'; operation: 'rebase' | 'pull'; phase: string; returningTo?: string }
  | { kind: 'checkout'; from: string; to: string }
  | { kind: 'reset' }
  | { kind: 'other' };

const PHASE = /\(([a-z -]+)\)$/;
const CHECKOUT = /^moving from (\S+) to (\S+)$/;
const RETURNING = /^returning to refs\/heads\/(.+)$/;

export function classify(entry: ReflogEntry): EntryKind {
  const colon = entry.message.indexOf(': ');
  const head = colon < 0 ? entry.message : entry.message.slice(0, colon);
  const rest = colon < 0 ? '' : entry.message.slice(colon + 2);
  const command = head.split(' ', 1)[0];
  const phase = PHASE.exec(head)?.[1];

  if ((command === 'rebase' || command === 'pull') && phase !== undefined && /rebase/.test(head)) {
    const returningTo = RETURNING.exec(rest)?.[1];
    return { kind: 'rebase', operation: command === 'pull' ? 'pull' : 'rebase', phase, returningTo };
  }
  switch (command) {
    case 'commit':
      if (ZERO_SHA.test(entry.old) || phase === 'initial') { return { kind: 'single', operation: 'initial' }; }
      if (phase === 'amend') { return { kind: 'single', operation: 'amend' }; }
      // A merge concluded by hand after conflicts: the merged-in commits are new here too.
      if (phase === 'merge') { return { kind: 'range', operation: 'merge' }; }
      if (phase === 'cherry-pick') { return { kind: 'single', operation: 'cherry-pick' }; }
      return { kind: 'single', operation: 'commit' };
    case 'cherry-pick':
      return { kind: 'single', operation: 'cherry-pick' };
    case 'revert':
    case 'am':
      return { kind: 'single', operation: 'commit' };
    case 'merge':
      return { kind: 'range', operation: 'merge' };
    case 'pull':
      return { kind: 'range', operation: 'pull' };
    case 'checkout':
    case 'switch': {
      const m = CHECKOUT.exec(rest);
      return m ? { kind: 'checkout', from: m[1], to: m[2] } : { kind: 'other' };
    }
    case 'reset':
      return { kind: 'reset' };
    default:
      // clone, branch renames, update-ref without -m, tools we do not know: not a commit to deploy.
      return { kind: 'other' };
  }
}
