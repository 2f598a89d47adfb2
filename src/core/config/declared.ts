/**
 * Whether a file says it is in flagd's format. `flags.json` is a common name: where no pipeline
 * names its flags files (no `.gearshift.yml`), another tool's file of that name is not Gearshift's
 * to check (review37a F2), unless it declares flagd's `$schema`.
 */
import { parse } from 'jsonc-parser';
import { fileIo as fs } from '../fileio';

/** 4 MiB: a flags file larger than that is not a flags file (and would stall the editor). One limit for the CLI, the editor and the gauge (rereview37b F9). */
export const MAX_FLAGS_FILE_BYTES = 4 * 1024 * 1024;

/** flagd's published schema (flagd.dev) or its source repository (open-feature/flagd-schemas). */
const FLAGD_SCHEMA = /^https?:\/\/(flagd\.dev\/schema\/|raw\.githubusercontent\.com\/open-feature\/flagd-schemas\/)/;

/**
 * Why a folder without `.gearshift.yml` leaves such a file alone, in the words the Feature Toggles
 * view's welcome uses too (package.json; the manifest test holds them equal), so the CLI and the view agree.
 */
export const UNDECLARED_RULE = 'In a folder without .gearshift.yml, a flags file is read only when it declares flagd\'s "$schema": "https://flagd.dev/schema/v0/flags.json".';

/**
 * Whether a folder without `.gearshift.yml` reads `text` as a flags file: it declares flagd's
 * `$schema`, or it cannot be parsed far enough to tell (jsonc-parser's recursion throws on
 * nesting some thousands deep). Such a file is read, so its parse says what is wrong; taking the
 * throw for "no" told the CLI "No flags file" with exit 0 (rereview37b F6).
 */
export function mayDeclareFlagdSchema(text: string): boolean {
  let value: unknown;
  try { value = parse(text, [], { allowTrailingComma: true }); } catch { return true; }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) { return false; }
  const schema = (value as Record<string, unknown>).$schema;
  return typeof schema === 'string' && FLAGD_SCHEMA.test(schema);
}

/**
 * The same question for a file on disk, read whole up to the limit as `gearshift flags` and the
 * editor read it: the gauge's checklist read only its first MiB, so a `$schema` written after it
 * counted in the view and the CLI but not on the checklist (rereview37b F9). Larger than the limit,
 * or unreadable, it is no flags file anywhere. The answer is kept while the file's size, mtime,
 * ctime and inode stay as they were: the gauge asks on every refresh, on the editor's thread, and
 * parsing a 2.5 MiB file took 87 ms each time (rereview38 F5). The ctime, as git's racy rule has it:
 * `cp -p` or `touch -r` put an in-place rewrite's old mtime back, never its ctime (faults40 F4).
 */
export async function fileMayDeclareFlagdSchema(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_FLAGS_FILE_BYTES) { return false; }
    const seen = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
    const kept = keptAnswer(file, seen);
    if (kept !== undefined) { return kept; }
    const answer = mayDeclareFlagdSchema((await fs.readFile(file)).toString('utf8'));
    // Written just now: a second write within the clock's tick keeps size and mtime, so such an answer is not kept (git's "racy" rule).
    if (stat.mtimeMs < Date.now() - RACY_MS) { keepAnswer(file, seen, answer); }
    return answer;
  } catch { return false; }
}

interface FileSeen { size: number; mtimeMs: number; ctimeMs: number; ino: number }

/** A folder has a few flags-file candidates (flags.json and a couple of others): a few answers cover it, and any more files a window has. */
const KEPT_ANSWERS = 8;
/** Coarse file times (a few ms locally, seconds on some network file systems). */
const RACY_MS = 3000;
const answers = new Map<string, FileSeen & { answer: boolean }>();

function keptAnswer(file: string, seen: FileSeen): boolean | undefined {
  const kept = answers.get(file);
  if (!kept || kept.size !== seen.size || kept.mtimeMs !== seen.mtimeMs || kept.ctimeMs !== seen.ctimeMs || kept.ino !== seen.ino) { return undefined; }
  answers.delete(file); // newest last: the oldest goes first when the map is full
  answers.set(file, kept);
  return kept.answer;
}

function keepAnswer(file: string, seen: FileSeen, answer: boolean): void {
  answers.delete(file);
  answers.set(file, { ...seen, answer });
  for (const oldest of answers.keys()) {
    if (answers.size <= KEPT_ANSWERS) { break; }
    answers.delete(oldest);
  }
}
