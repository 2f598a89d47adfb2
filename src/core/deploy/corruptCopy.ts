/**
 * The copies of a damaged deploy.json's text, beside it: `deploy.json.corrupt`, then
 * `deploy.json.corrupt.1`, `.2`, … The first copy is often the only useful one (the file as it
 * was when it broke; later copies may hold a half-repair), so a copy is never written over:
 * a text some copy already holds is not copied again (every read of the broken file would
 * otherwise write one), and another text goes to the next free name. At most MAX_COPIES are
 * kept; past that the text is not copied, and the message says so.
 */
import { fileIo } from '../fileio';

export const MAX_COPIES = 10;

export type KeptCopy = { kept: true; copy: string } | { kept: false; why: string };

/** The name of copy `n` (0: `deploy.json.corrupt`). */
export function copyName(file: string, n: number): string {
  return n === 0 ? `${file}.corrupt` : `${file}.corrupt.${n}`;
}

/** Where `text` is kept: the copy already holding it, or a new one. Never rejects. */
export async function keepCorruptCopy(file: string, text: string): Promise<KeptCopy> {
  let failure: string | undefined;
  let lookedAgain = -1;
  for (let n = 0; n < MAX_COPIES; n++) {
    const copy = copyName(file, n);
    const held = await fileIo.readFile(copy, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : e));
    if (held === text) { return { kept: true, copy }; }
    if (held !== undefined) { continue; } // another text, or unreadable: left as it is
    const made = await createWith(copy, text);
    if (made === 'made') { return { kept: true, copy }; }
    // Another process made it meanwhile: look once more at what it holds (a dangling link there reads as missing: on to the next).
    if (made === 'taken') { if (lookedAgain !== n) { lookedAgain = n; n--; } continue; }
    failure = made;
    break;
  }
  return { kept: false, why: failure ?? `${MAX_COPIES} copies (${copyName(file, 0)} to .${MAX_COPIES - 1}) are kept already; not copied again: delete the ones you no longer need` };
}

/** Creates `copy` exclusively (never over a copy made meanwhile) holding `text`: 'made', 'taken', or why not. */
async function createWith(copy: string, text: string): Promise<'made' | 'taken' | string> {
  let handle;
  try {
    handle = await fileIo.open(copy, 'wx');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EEXIST' ? 'taken' : (e as Error).message;
  }
  try {
    await handle.writeFile(text, 'utf8');
    return 'made';
  } catch (e) {
    await fileIo.unlink(copy).catch(() => undefined); // half a copy would pass for a damaged text of its own
    return (e as Error).message;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
