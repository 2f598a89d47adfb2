import * as path from 'path';
import { quote } from './quote';

/**
 * The folder every path of a pipeline file is relative to and may not leave: the one holding the
 * file. In a monorepo (apps/api/.gearshift.yml) that is not the repository root, so the messages
 * name the file's folder: "outside the repository root" for `../web` was wrong (review37c F2).
 */
const FOLDER = "the pipeline file's folder";

/**
 * Resolve a stage's `cwd` against the pipeline file's folder, refusing anything that would leave it:
 * a pipeline file from a cloned repo must not run commands in arbitrary folders of the machine.
 *
 * The check is on the path text only. A symlink inside the repo that points outside is not
 * followed here (the folder may not exist yet when the file is validated, e.g. a build output).
 */
export function resolveCwd(root: string, rel: string): { path: string } | { error: string } {
  return resolveInside(root, rel, { thing: 'folder', example: 'packages/api', who: 'stages may only run in folders inside it' });
}

/**
 * A monitored log file (`log:` probe), by the same rule: a pipeline file from a cloned repo must
 * not read arbitrary files of the machine. The repository root itself is refused (it is a folder).
 * A log kept elsewhere can be linked in: the check is on the text, so `logs/app.log` may be a
 * symlink to `/var/log/app.log`.
 */
export function resolveLogFile(root: string, rel: string): { path: string } | { error: string } {
  const res = resolveInside(root, rel, {
    thing: 'file', example: 'logs/app.log',
    who: 'log probes may only read files inside it (a symlink inside it may point elsewhere)',
  });
  if ('path' in res && res.path === root) {
    return { error: `${quote(rel)} is ${FOLDER} itself, not a file; name the log file, e.g. \`logs/app.log\`` };
  }
  return res;
}

/** A flags file (`flags:` section): a JSON file inside the pipeline file's folder, by the same rule. */
export function resolveFlagsFile(root: string, rel: string): { path: string } | { error: string } {
  const res = resolveInside(root, rel, { thing: 'file', example: 'flags.json', who: 'flags files must be inside it' });
  if ('path' in res && res.path === root) { return { error: `${quote(rel)} is ${FOLDER} itself; name the JSON file, e.g. \`flags.json\`` }; }
  return res;
}

interface Words {
  /** "folder" / "file". */
  readonly thing: string;
  readonly example: string;
  /** Why leaving the folder is refused, ending the message. */
  readonly who: string;
}

function resolveInside(root: string, rel: string, w: Words): { path: string } | { error: string } {
  const t = rel.trim();
  if (path.isAbsolute(t) || path.posix.isAbsolute(t) || path.win32.isAbsolute(t)) {
    return { error: `must be a ${w.thing} relative to ${FOLDER}, not the absolute path ${quote(rel)}; write e.g. \`${w.example}\`` };
  }
  if (t.startsWith('~')) {
    return { error: `${quote(rel)} starts with \`~\`, which is not expanded here; write a ${w.thing} relative to ${FOLDER}` };
  }
  const resolved = path.resolve(root, t);
  const inside = path.relative(root, resolved);
  if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return { error: `${quote(rel)} leads outside ${FOLDER}; ${w.who}` };
  }
  return { path: resolved };
}
