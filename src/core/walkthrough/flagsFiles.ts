/**
 * Where a feature-flags file is looked for by default: `flags.json`, `flags.<env>.json` and
 * `flagd.json` at the root, and `.gearshift/flags.json`. A `flags:` section in the pipeline
 * file may name another path (the toggles issue adds it); that path is checked too.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

/** Root file names that are a flags file (`flags.json`, `flags.staging.json`, `flagd.json`). */
const ROOT_FLAGS_FILE = /^(flags(\.[A-Za-z0-9_-]+)?|\.?flagd)\.json$/;

export const DEFAULT_FLAGS_PATHS: readonly string[] = ['flags.json', '.gearshift/flags.json'];

/** The root entries (file names) that are flags files. */
export function flagsFilesAmong(rootFileNames: readonly string[]): string[] {
  return rootFileNames.filter((name) => ROOT_FLAGS_FILE.test(name));
}

/**
 * The path a `flags:` section names, if the pipeline has one. Read structurally: the typed
 * section comes with the toggles issue, and a pipeline without it simply has none.
 */
export function configuredFlagsPath(pipeline: unknown): string | undefined {
  if (typeof pipeline !== 'object' || pipeline === null) { return undefined; }
  const flags = (pipeline as { flags?: unknown }).flags;
  if (typeof flags !== 'object' || flags === null) { return undefined; }
  const file = (flags as { file?: unknown }).file;
  return typeof file === 'string' && file !== '' ? file : undefined;
}

/**
 * The flags files present in a folder: the default paths plus the configured one (relative
 * to the folder, kept inside it). A few stats and one readdir of the root, nothing deeper.
 */
export async function findFlagsFiles(root: string, pipeline?: unknown): Promise<string[]> {
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const candidates = [...DEFAULT_FLAGS_PATHS.slice(1), configuredFlagsPath(pipeline)].filter((p): p is string => p !== undefined && inside(root, p));
  const found = await Promise.all(candidates.map(async (rel) => ((await isFile(path.join(root, rel))) ? rel : undefined)));
  return [...new Set([...flagsFilesAmong(names), ...found.filter((f): f is string => f !== undefined)])];
}

function inside(root: string, rel: string): boolean {
  const full = path.resolve(root, rel);
  return full.startsWith(path.resolve(root) + path.sep);
}

async function isFile(file: string): Promise<boolean> {
  try { return (await fs.stat(file)).isFile(); } catch { return false; }
}
