import * as path from 'path';

/**
 * Resolve a stage's `cwd` against the repository root, refusing anything that would leave it:
 * a pipeline file from a cloned repo must not run commands in arbitrary folders of the machine.
 *
 * The check is on the path text only. A symlink inside the repo that points outside is not
 * followed here (the folder may not exist yet when the file is validated, e.g. a build output).
 */
export function resolveCwd(root: string, rel: string): { path: string } | { error: string } {
  const t = rel.trim();
  if (path.isAbsolute(t) || path.posix.isAbsolute(t) || path.win32.isAbsolute(t)) {
    return { error: `must be a folder relative to the repository root, not the absolute path "${rel}"; write e.g. \`packages/api\`` };
  }
  if (t.startsWith('~')) {
    return { error: `"${rel}" starts with \`~\`, which is not expanded here; write a folder relative to the repository root` };
  }
  const resolved = path.resolve(root, t);
  const inside = path.relative(root, resolved);
  if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return { error: `"${rel}" leads outside the repository root; stages may only run in folders inside it` };
  }
  return { path: resolved };
}
