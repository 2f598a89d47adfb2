/**
 * A commit's facts read from its loose object file instead of a `git log` process: a commit git
 * has just written is always loose, and the commit trigger asks about it on every commit.
 *
 * Only the plain case is answered, with git's own rules for %H %P %an %ae %cI %s: anything
 * that could make git's answer differ — a packed or missing object, replace refs, grafts, a
 * shallow repository, alternates, an `encoding` header, bytes that are not UTF-8, a NUL —
 * gives undefined, and the caller asks git as before.
 */
import { fileIo as fs } from '../../fileio';
import * as path from 'path';
import { isoTime } from '../../format';
import type { CommitFacts } from './gitQueries';
import { inflateZlib } from './inflate';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Commit objects larger than this (a huge message or signature) are left to git. */
const MAX_OBJECT_BYTES = 256 * 1024;
/** Things in the common dir that change what git log says about a commit. */
const ALTERING = ['shallow', 'info/grafts', 'objects/info/alternates', 'refs/replace'];

/** undefined: ask git (see the file comment). */
export async function readLooseCommit(commonDir: string, sha: string): Promise<CommitFacts | undefined> {
  const raw = await looseObject(commonDir, sha);
  return raw && parseCommitObject(sha, raw);
}

/** A loose object's bytes in a repository nothing alters (the file comment); undefined: ask git. */
export async function looseObject(commonDir: string, sha: string): Promise<Buffer | undefined> {
  if (!SHA.test(sha)) { return undefined; }
  try {
    const file = path.join(commonDir, 'objects', sha.slice(0, 2), sha.slice(2));
    const [compressed, altered] = await Promise.all([fs.readFile(file), alteredRepo(commonDir)]);
    if (altered || compressed.length > MAX_OBJECT_BYTES) { return undefined; }
    // Our own inflate, in place: node's zlib module and its first stream cost ≈ 2 ms before a
    // run's first stage, some forty times inflating a commit (inflate.ts, docs/benchmarks-journal.md, 14r7).
    return inflateZlib(compressed, MAX_OBJECT_BYTES);
  } catch {
    return undefined;
  }
}

async function alteredRepo(commonDir: string): Promise<boolean> {
  const found = await Promise.all(ALTERING.map((p) => fs.access(path.join(commonDir, p)).then(() => true, () => false)));
  if (found.some(Boolean)) { return true; }
  const packed = await fs.readFile(path.join(commonDir, 'packed-refs'), 'utf8').catch(() => '');
  return packed.includes(' refs/replace/');
}

/** `commit <size>\0` + headers + blank line + message, as git stores it. */
export function parseCommitObject(sha: string, raw: Buffer): CommitFacts | undefined {
  const nul = raw.indexOf(0);
  if (nul < 0 || raw.subarray(0, nul).toString('latin1') !== `commit ${raw.length - nul - 1}`) { return undefined; }
  const body = raw.subarray(nul + 1);
  if (body.includes(0)) { return undefined; }
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) { return undefined; } // not UTF-8 (git would re-encode or pass bytes through)
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n').filter((l) => !l.startsWith(' ')); // continuation lines (gpgsig)
  const parents: string[] = [];
  let author: RegExpExecArray | null = null;
  let committer: RegExpExecArray | null = null;
  for (const line of headers) {
    if (line.startsWith('parent ')) { parents.push(line.slice(7)); }
    if (line.startsWith('author ')) { author = PERSON.exec(line.slice(7)); }
    if (line.startsWith('committer ')) { committer = PERSON.exec(line.slice(10)); }
    if (line.startsWith('encoding ')) { return undefined; }
  }
  if (!author || !committer || !parents.every((p) => SHA.test(p))) { return undefined; }
  const time = isoWithOffset(Number(committer[3]), committer[4]);
  if (time === undefined) { return undefined; }
  return { sha, parents, author: author[1], authorEmail: author[2], time, subject: subjectOf(split < 0 ? '' : text.slice(split + 2)) };
}

/** `Name <email> 1700000000 +0100`; git's %an/%ae are the name and email as written. */
const PERSON = /^(.*) <([^<>]*)> (\d+) ([+-]\d{4})$/;

/** git's %cI: strict ISO 8601 in the committer's own offset. */
function isoWithOffset(seconds: number, offset: string): string | undefined {
  if (!Number.isSafeInteger(seconds)) { return undefined; }
  const sign = offset[0] === '-' ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const local = new Date((seconds + minutes * 60) * 1000);
  if (Number.isNaN(local.getTime()) || local.getUTCFullYear() < 1970 || local.getUTCFullYear() > 9999) { return undefined; }
  // From the number, as git does: -0000 is printed +00:00.
  return `${isoTime(local).slice(0, 19)}${minutes < 0 ? '-' : '+'}${offset.slice(1, 3)}:${offset.slice(3)}`;
}

/** git's %s: blank lines skipped, then the first paragraph's lines, each trimmed at the end, joined by a space. */
function subjectOf(message: string): string {
  const lines = message.split('\n');
  let i = 0;
  while (i < lines.length && trimEnd(lines[i]) === '') { i++; }
  const subject: string[] = [];
  for (; i < lines.length; i++) {
    const line = trimEnd(lines[i]);
    if (line === '') { break; }
    subject.push(line);
  }
  return subject.join(' ');
}

/** git's isspace: space, tab, newline, carriage return (not Unicode spaces). */
function trimEnd(line: string): string {
  return line.replace(/[ \t\n\r]+$/, '');
}
