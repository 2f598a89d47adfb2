/**
 * What `git log --format=%H%x09%ct%x09%P` says of one commit — its parents and committer time —
 * read from its loose object file, no git process (looseCommit.ts: packed or missing objects,
 * replace refs, grafts, a shallow repository and alternates give undefined). Only the plain
 * layout git writes is answered, header by header in git's own order (parse_commit_buffer):
 * `tree`, the `parent`s, `author`, then `committer`, whose date git walks and bounds by.
 * Anything else — another header where those stand, a second `parent` or `committer` further
 * down, an `encoding` (git would re-encode the message), a date with a leading zero or one too
 * large to be a plain number, bytes that are not UTF-8, a NUL — gives undefined.
 */
import { looseObject } from './looseCommit';

export interface CommitLink {
  parents: string[];
  /** Committer time, seconds since the epoch (git's %ct). */
  time: number;
  /** The message as stored (git's %B before any re-encoding; there is none without `encoding`). */
  message: string;
}

const TREE = /^tree [0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const PARENT = /^parent ([0-9a-f]{40}(?:[0-9a-f]{24})?)$/;
/** `committer Name <email> 1700000000 +0100`: the date after the line's last `>`, as git reads it. */
const COMMITTER = /^committer .* <[^<>]*> (0|[1-9]\d{0,11}) [+-]\d{4}$/;
/** Headers git gives a meaning that could change the answer when they appear again further down. */
const LATER = /^(?:tree|parent|author|committer|encoding) /;

/** undefined: ask git (see the file comment). */
export async function readLooseCommitLink(commonDir: string, sha: string): Promise<CommitLink | undefined> {
  const raw = await looseObject(commonDir, sha);
  return raw && parseCommitLink(raw);
}

/** `commit <size>\0` + headers + blank line + message, as git stores it. */
export function parseCommitLink(raw: Buffer): CommitLink | undefined {
  const nul = raw.indexOf(0);
  if (nul < 0 || raw.subarray(0, nul).toString('latin1') !== `commit ${raw.length - nul - 1}`) { return undefined; }
  const body = raw.subarray(nul + 1);
  if (body.includes(0)) { return undefined; }
  const text = body.toString('utf8');
  const split = text.indexOf('\n\n');
  if (text.includes('\uFFFD') || split < 0) { return undefined; }
  const lines = text.slice(0, split).split('\n');
  if (!TREE.test(lines[0])) { return undefined; }
  const parents: string[] = [];
  let i = 1;
  for (let m = PARENT.exec(lines[i]); m; m = PARENT.exec(lines[++i] ?? '')) { parents.push(m[1]); }
  const committer = lines[i]?.startsWith('author ') ? COMMITTER.exec(lines[i + 1] ?? '') : null;
  if (!committer || lines.slice(i + 2).some((l) => LATER.test(l))) { return undefined; }
  return { parents, time: Number(committer[1]), message: text.slice(split + 2) };
}
