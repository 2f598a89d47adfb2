/** Read and check every flags file of a repository. Nothing here writes. */
import type { FlagsConfig, FlagsFileRef } from '../config';
import { mayDeclareFlagdSchema } from '../config';
import { flagsFilesOf } from './files';
import { FlagsFileError, readFlagsFile } from './fileIo';
import { parseFlagsSnapshot } from './parse';
import type { FlagFileError, FlagsFileSnapshot, FlagsParseResult } from './types';
import { formatConfigError } from '../config';
import { printable } from '../format';

export interface FlagsContext {
  /** The repository root (git top, else the folder). */
  readonly root: string;
  readonly config?: FlagsConfig;
  /** history.jsonl; by default the repository's. */
  readonly historyFile?: string;
  /**
   * No pipeline names the files (no `.gearshift.yml`): a file at a default name is a flags file
   * only when it declares flagd's `$schema`; another tool's `flags.json` is left alone (review37a F2).
   */
  readonly onlyDeclared?: boolean;
}

export interface LoadedFlagsFile {
  readonly ref: FlagsFileRef;
  readonly snapshot?: FlagsFileSnapshot;
  readonly result?: FlagsParseResult;
  /** Could not be read (missing, outside the repository, not a file). */
  readonly error?: string;
  /** Refused by the rules for flags files (outside the repository): a config error, not an I/O one. */
  readonly refused?: true;
}

export async function loadFlagsFiles(ctx: FlagsContext): Promise<LoadedFlagsFile[]> {
  const { files, refused } = flagsFilesOf(ctx.root, ctx.config);
  const loaded: LoadedFlagsFile[] = refused.map((r) => ({ ref: { environment: r.environment, path: r.path }, error: r.message, refused: true as const }));
  for (const ref of files) {
    let snapshot: FlagsFileSnapshot;
    try { snapshot = await readFlagsFile(ref.path, ref.environment); } catch (e) {
      // Unread, it declares nothing: not claimed either.
      if (!ctx.onlyDeclared) { loaded.push({ ref, error: e instanceof FlagsFileError ? e.message : `${ref.path}: ${(e as Error).message}` }); }
      continue;
    }
    if (ctx.onlyDeclared && !mayDeclareFlagdSchema(snapshot.text)) { continue; }
    loaded.push(parsed(ref, snapshot));
  }
  return loaded;
}

/** A claimed file whose check throws is that file's error, never left out as unclaimed (rereview37b F6). */
function parsed(ref: FlagsFileRef, snapshot: FlagsFileSnapshot): LoadedFlagsFile {
  try { return { ref, snapshot, result: parseFlagsSnapshot(snapshot) }; } catch (e) {
    return { ref, error: `${ref.path}: ${(e as Error).message}` };
  }
}

/**
 * The files at flags-file names that `onlyDeclared` leaves alone (no flagd `$schema`): what "no
 * flags file" should name, so a person sees why their flags.json is not read (rereview37 F5).
 */
export async function undeclaredFlagsFiles(ctx: FlagsContext): Promise<string[]> {
  if (!ctx.onlyDeclared) { return []; }
  const out: string[] = [];
  for (const ref of flagsFilesOf(ctx.root, ctx.config).files) {
    try {
      if (!mayDeclareFlagdSchema((await readFlagsFile(ref.path, ref.environment)).text)) { out.push(ref.path); }
    } catch { /* unreadable: not claimed, and no rule to explain */ }
  }
  return out;
}

/** Every error of every file, positioned where possible. */
export function fileErrors(files: readonly LoadedFlagsFile[]): FlagFileError[] {
  return files.flatMap((f) => {
    if (f.error) { return [{ file: f.ref.path, line: 1, col: 1, offset: 0, endOffset: 0, message: f.error }]; }
    return f.result && !f.result.ok ? [...f.result.errors] : [];
  });
}

/** The files serving `env` (all of them when undefined). */
export function filesFor(files: readonly LoadedFlagsFile[], env: string | undefined): LoadedFlagsFile[] {
  return env === undefined ? [...files] : files.filter((f) => f.ref.environment === env);
}

/** `file:line:col: message` lines, terminal-safe (keys and paths are data). */
export function formatFlagErrors(errors: readonly FlagFileError[]): string {
  return errors.map((e) => `${printable(formatConfigError(e))}\n`).join('');
}
