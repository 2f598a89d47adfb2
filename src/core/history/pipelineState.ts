/**
 * Where one pipeline's state lives in a repository with several (a monorepo: `a/.gearshift.yml`
 * and `b/.gearshift.yml`). The pipeline at the top of the work tree keeps `<git common dir>/gearshift/`
 * (where every pipeline's state lived before, so an existing history stays where it is); a pipeline
 * in a subfolder gets `<git common dir>/gearshift/pipelines/<name>/`, name from its folder's path
 * below the top. Its history, run logs, run and deploy locks, deploy state and caches follow.
 *
 * The name is the path percent-encoded: letters, digits, `-`, `_` and `.` stay, every other byte of
 * its UTF-8 (`/` too) becomes `%XX`. So it is readable (`packages%2Fapi`), one flat folder (never a
 * path: no `..`, no folder inside another pipeline's), and unambiguous: `%` itself is encoded, so
 * `a-b`, `a/b` (`a%2Fb`) and a folder literally named `a%2fb` (`a%252fb`) get three names, and
 * decoding gives the path back. A name too long for a file system (NAME_MAX is 255 bytes) keeps a
 * readable start and ends in `~` and a hash of the whole path: `~` is always encoded in a plain name.
 *
 * `.git` may sit on a file system that folds case (macOS, Windows) or has Windows' rules (NTFS,
 * also under WSL), so a name must stay apart from every other when case is folded, and be a valid
 * Windows file name. A name with an upper-case letter also ends in `~` and the hash (`apps%2FAPI~…`:
 * `apps/API` and `apps/api` are two folders on Linux, and folded, two names); a device name
 * (`con`, `aux.d`, `lpt1`) gets its first letter encoded (`%63on`), and a trailing dot is encoded
 * (`a%2E`). Names that were portable already (lower case, no device name) are as they were; a
 * pipeline whose name changed takes its old folder over (legacyState.ts). The prefix comes from
 * the real path (git/repoInfo.ts), which has the folder's case as stored, so one folder typed in
 * another case is still one pipeline.
 */
/** Below the top pipeline's state folder: one folder per subfolder pipeline. */
export const PIPELINES_DIR = 'pipelines';

/** Longest plain name; longer ones are cut and hashed (room to spare below 255 bytes). */
const MAX_NAME = 160;
const KEPT_ON_CUT = 120;
const SAFE = /^[A-Za-z0-9._-]$/;
/** Windows' device names: refused as a file's name before its first dot, in any case. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;

/**
 * The state folder name for the pipeline in `prefix` ('/'-separated, relative to the work tree's
 * top, not ''). Throws on a path that is not a plain relative one: state is never placed by a
 * path that climbs out (`..`) or names the same folder two ways (`a//b`, `./a`).
 */
export async function pipelineStateName(prefix: string): Promise<string> {
  const encoded = portable(plainName(prefix));
  if (encoded.length <= MAX_NAME && !/[A-Z]/.test(prefix)) { return encoded; }
  return `${cut(encoded)}~${await hashOf(prefix)}`;
}

/** The name this version's predecessors gave (plain, or cut and hashed): a folder to take over. */
export async function previousPipelineStateName(prefix: string): Promise<string> {
  const encoded = plainName(prefix);
  return encoded.length <= MAX_NAME ? encoded : `${cut(encoded)}~${await hashOf(prefix)}`;
}

function plainName(prefix: string): string {
  const segments = prefix.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || prefix.includes('\0')) {
    throw new Error(`not a folder below the repository's top: ${JSON.stringify(prefix)}`);
  }
  return [...Buffer.from(prefix, 'utf8')].map((byte) => encodeByte(byte)).join('');
}

/** A device name's first letter and a trailing dot encoded: what Windows refuses, still decodable. */
function portable(encoded: string): string {
  const named = DEVICE.test(encoded) ? `${encodeByte(encoded.charCodeAt(0), true)}${encoded.slice(1)}` : encoded;
  return named.endsWith('.') ? `${named.slice(0, -1)}%2E` : named;
}

function cut(encoded: string): string {
  return encoded.length <= MAX_NAME ? encoded : encoded.slice(0, KEPT_ON_CUT).replace(/%[0-9A-F]?$/, ''); // never half an escape
}

async function hashOf(prefix: string): Promise<string> {
  const { createHash } = await import('node:crypto'); // only for such names: not loaded on every command
  return createHash('sha256').update(prefix).digest('hex').slice(0, 16);
}

/** The folder path a state name stands for; undefined for a cut name or one Gearshift did not make. */
export async function pipelineOfStateName(name: string): Promise<string | undefined> {
  const readable = name.replace(/~[0-9a-f]{16}$/, '');
  if (!/^(?:[A-Za-z0-9._-]|%[0-9A-F]{2})+$/.test(readable)) { return undefined; }
  try {
    const prefix = decodeURIComponent(readable);
    return await pipelineStateName(prefix) === name ? prefix : undefined;
  } catch {
    return undefined; // not UTF-8, or not a folder path
  }
}

function encodeByte(byte: number, always = false): string {
  const c = String.fromCharCode(byte);
  return byte < 0x80 && SAFE.test(c) && !always ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
