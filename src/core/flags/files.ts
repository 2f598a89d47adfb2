/**
 * Which flags files a repository has: the `flags:` section's, else the defaults —
 * `flags.json` (or `.gearshift/flags.json`) for every environment, and `flags.non-prod.json`
 * / `flags.production.json` when present. A file must be inside the repository, also after
 * symlinks are followed: a flags file from a cloned repository must not make us read or
 * write elsewhere on the machine.
 */
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FLAGS_FILES, ENVIRONMENT_FLAGS_FILES, type FlagsConfig, type FlagsFileRef } from '../config';

// In config: a clean run compares them with its commit's (core/engine) without loading flagd.
export { DEFAULT_FLAGS_FILES, ENVIRONMENT_FLAGS_FILES };
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
