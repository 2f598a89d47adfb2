import * as fs from 'node:fs';
import * as path from 'node:path';

/** A path as the user would type it from `cwd`: relative inside it, absolute elsewhere. */
export function displayPath(file: string, cwd: string): string {
  for (const base of new Set([cwd, realpath(cwd)])) {
    const rel = path.relative(base, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) { return rel; }
  }
  return file;
}

/** Git reports symlink-resolved paths (macOS /var → /private/var): compare like with like. */
export function realpath(p: string): string {
  try { return fs.realpathSync(p); } catch { return path.resolve(p); }
}
