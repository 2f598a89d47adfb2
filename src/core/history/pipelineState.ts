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
 * `a-b`, `a/b` (`a%2Fb`) and a folder literally named `a%2Fb` (`a%252Fb`) get three names, and
 * decoding gives the path back. A name too long for a file system (NAME_MAX is 255 bytes) keeps a
 * readable start and ends in `~` and a hash of the whole path: `~` is always encoded in a plain name.
 */
/** Below the top pipeline's state folder: one folder per subfolder pipeline. */
export const PIPELINES_DIR = 'pipelines';

/** Longest plain name; longer ones are cut and hashed (room to spare below 255 bytes). */
const MAX_NAME = 160;
const KEPT_ON_CUT = 120;
const SAFE = /^[A-Za-z0-9._-]$/;

/**
 * The state folder name for the pipeline in `prefix` ('/'-separated, relative to the work tree's
 * top, not ''). Throws on a path that is not a plain relative one: state is never placed by a
 * path that climbs out (`..`) or names the same folder two ways (`a//b`, `./a`).
 */
export async function pipelineStateName(prefix: string): Promise<string> {
  const encoded = plainName(prefix);
  if (encoded.length <= MAX_NAME) { return encoded; }
  const kept = encoded.slice(0, KEPT_ON_CUT).replace(/%[0-9A-F]?$/, ''); // never half an escape
  const { createHash } = await import('node:crypto'); // only for a name this long: not loaded on every command
  return `${kept}~${createHash('sha256').update(prefix).digest('hex').slice(0, 16)}`;
}

function plainName(prefix: string): string {
  const segments = prefix.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || prefix.includes('\0')) {
    throw new Error(`not a folder below the repository's top: ${JSON.stringify(prefix)}`);
  }
  return [...Buffer.from(prefix, 'utf8')].map(encodeByte).join('');
}

/** The folder path a plain state name stands for; undefined for a cut (hashed) name or one Gearshift did not make. */
export function pipelineOfStateName(name: string): string | undefined {
  if (!/^(?:[A-Za-z0-9._-]|%[0-9A-F]{2})+$/.test(name)) { return undefined; }
  try {
    const prefix = decodeURIComponent(name);
    return name.length <= MAX_NAME && plainName(prefix) === name ? prefix : undefined;
  } catch {
    return undefined; // not UTF-8
  }
}

function encodeByte(byte: number): string {
  const c = String.fromCharCode(byte);
  return byte < 0x80 && SAFE.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
