/**
 * Which flags files a repository has: the `flags:` section's, else the defaults —
 * `flags.json` (or `.gearshift/flags.json`) for every environment, and `flags.non-prod.json`
 * / `flags.production.json` when present. A file must be inside the repository, also after
 * symlinks are followed: a flags file from a cloned repository must not make us read or
 * write elsewhere on the machine.
 *
 * Here in config, not in flags/, so the gauge's checklist and the walkthrough ask the same rule
 * as `gearshift flags` without loading flagd (walk29 M4).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FLAGS_FILES, ENVIRONMENT_FLAGS_FILES, type FlagsConfig, type FlagsFileRef } from './types';
export const ALL_ENVIRONMENTS = 'default';

export interface FlagsFiles {
  readonly files: readonly FlagsFileRef[];
  /** Files named but refused (outside the repository), with why; the environment they were named for. */
  readonly refused: readonly { readonly path: string; readonly environment: string; readonly message: string }[];
}

export function flagsFilesOf(root: string, config?: FlagsConfig): FlagsFiles {
  const named = config && config.files.length > 0 ? config.files : defaults(root);
  const files: FlagsFileRef[] = [];
  const refused: { path: string; environment: string; message: string }[] = [];
  for (const ref of named) {
    const problem = outsideProblem(root, ref.path);
    if (problem) { refused.push({ path: ref.path, environment: ref.environment, message: problem }); } else { files.push(ref); }
  }
  return { files, refused };
}

function defaults(root: string): FlagsFileRef[] {
  const out: FlagsFileRef[] = [];
  const shared = DEFAULT_FLAGS_FILES.map((f) => path.join(root, f)).find((f) => existsSync(f));
  if (shared) { out.push({ environment: ALL_ENVIRONMENTS, path: shared }); }
  for (const [environment, name] of ENVIRONMENT_FLAGS_FILES) {
    const f = path.join(root, name);
    if (existsSync(f)) { out.push({ environment, path: f }); }
  }
  return out;
}

/** Undefined when the file (after symlinks) is inside the root; a missing file is judged by its text. */
export function outsideProblem(root: string, file: string): string | undefined {
  const realRoot = safeRealpath(root);
  const real = safeRealpath(file);
  const rel = path.relative(realRoot, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    return `${file}: the flags file is outside the repository (${realRoot}); flags files must be inside it`;
  }
  return undefined;
}

function safeRealpath(p: string): string {
  try { return realpathSync(p); } catch { return path.resolve(p); }
}

/** The flags files `gearshift flags` reads that exist as files, relative to `root` with `/`. */
export function presentFlagsFiles(root: string, config?: FlagsConfig): string[] {
  return flagsFilesOf(root, config).files.filter((f) => isFile(f.path)).map((f) => path.relative(root, f.path).split(path.sep).join('/'));
}

function isFile(file: string): boolean {
  try { return statSync(file).isFile(); } catch { return false; }
}
