/**
 * The copies of a damaged deploy.json's text, beside it: `deploy.json.corrupt`, then
 * `deploy.json.corrupt.1`, `.2`, … The first copy is often the only useful one (the file as it
 * was when it broke; later copies may hold a half-repair), so a copy is never written over:
 * a text some copy already holds is not copied again (every read of the broken file would
 * otherwise write one), and another text goes to the next free name. At most MAX_COPIES are
 * kept; past that the text is not copied, and the message says so.
 *
 * Several processes may find the same broken file at once (the CLI, editor windows). A copy is
 * written whole to a temporary file first and only then given its name with link(), which fails
 * when the name is taken: so a name never shows half a copy (a 4 MB text read mid-write looked
 * like another text, and a second copy was made), and a racing process finds the other's copy
 * whole, sees it holds the same text, and makes none of its own. A process killed between the
 * write and the link leaves its temporary file: the temp's name carries the writer's pid and
 * start time, and the next copy removes those whose writer is gone (staleTemps.ts).
 */
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { sweepDeployTemps, writerTemporary } from './staleTemps';

export const MAX_COPIES = 10;

export type KeptCopy = { kept: true; copy: string } | { kept: false; why: string };

/** The name of copy `n` (0: `deploy.json.corrupt`). */
export function copyName(file: string, n: number): string {
  return n === 0 ? `${file}.corrupt` : `${file}.corrupt.${n}`;
}

/** Where `text` is kept: the copy already holding it, or a new one. Never rejects. */
export async function keepCorruptCopy(file: string, text: string): Promise<KeptCopy> {
  const whole = new WholeCopy(copyName(file, 0), text);
  try {
    return await keepIn(file, text, whole);
  } finally {
    await whole.discard();
    await sweepDeployTemps(path.dirname(file));
  }
}

async function keepIn(file: string, text: string, whole: WholeCopy): Promise<KeptCopy> {
  let lookedAgain = -1;
  for (let n = 0; n < MAX_COPIES; n++) {
    const copy = copyName(file, n);
    const held = await fileIo.readFile(copy, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : e));
    if (held === text) { return { kept: true, copy }; }
    if (held !== undefined) { continue; } // another text, or unreadable: left as it is
    const made = await whole.linkAs(copy);
    if (made === 'made') { return { kept: true, copy }; }
    // Another process named its copy so meanwhile: look once at what it holds (a dangling link there reads as missing: on to the next).
    if (made === 'taken') { if (lookedAgain !== n) { lookedAgain = n; n--; } continue; }
    return { kept: false, why: made };
  }
  return { kept: false, why: `${MAX_COPIES} copies (${copyName(file, 0)} to .${MAX_COPIES - 1}) are kept already; not copied again: delete the ones you no longer need` };
}

/** A file system without hard links (FAT, some network mounts) says so with one of these. */
const NO_HARD_LINKS: ReadonlySet<string | undefined> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * The text written once to a hidden temporary file beside the copies, then linked to a copy's
 * name. Where the file system has no hard links, the copy is created under its name and written
 * there instead: never over another copy, but a racing process may then read it half-written.
 */
class WholeCopy {
  private written: Promise<'made' | 'taken' | string> | undefined;
  private readonly tmp: string;

  constructor(beside: string, private readonly text: string) {
    this.tmp = writerTemporary(beside);
  }

  /** 'made', 'taken' (the name exists), or why not. */
  async linkAs(copy: string): Promise<'made' | 'taken' | string> {
    this.written ??= this.writeAt(this.tmp);
    const written = await this.written;
    if (written !== 'made') { return written === 'taken' ? `${this.tmp} exists` : written; }
    try {
      await fileIo.link(this.tmp, copy);
      return 'made';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'EEXIST' ? 'taken' : NO_HARD_LINKS.has(code) ? this.writeAt(copy) : (e as Error).message;
    }
  }

  /** Removes the temporary name (the copy, if linked, stays). */
  async discard(): Promise<void> {
    if (this.written) { await fileIo.unlink(this.tmp).catch(() => undefined); }
  }

  /** `file` created exclusively ('wx': never over a file, or through a link, already there) holding the text: 'made', 'taken', or why not. */
  private async writeAt(file: string): Promise<'made' | 'taken' | string> {
    let handle;
    try {
      handle = await fileIo.open(file, 'wx');
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EEXIST' ? 'taken' : (e as Error).message;
    }
    try {
      await handle.writeFile(this.text, 'utf8');
      return 'made';
    } catch (e) {
      await fileIo.unlink(file).catch(() => undefined); // half a copy would pass for a damaged text of its own
      return (e as Error).message;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}
