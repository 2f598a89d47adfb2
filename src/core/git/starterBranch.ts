/**
 * The branch a starter `.gearshift.yml` limits `trigger: commit` to (`branches:`). HEAD's branch
 * is a feature branch when a team adds the file on one, and then the mainline never runs
 * (readdiff40 R4): the remote's default branch (`refs/remotes/origin/HEAD`, set by `git clone`
 * and `git remote set-head`) is the release branch when there is one. From `.git`'s files only,
 * as headBranch: Create Pipeline is offered in untrusted windows, and a git process would run a
 * repository's `core.fsmonitor`.
 */
import * as path from 'path';
import { fileIo as fs } from '../fileio';
import { NO_REPOSITORY, lookUpGitLayout, readHeadFacts, type GitLayout } from './gitFiles';

export interface StarterBranch {
  /** The branch to write in `branches:`; undefined when neither the remote nor HEAD names one. */
  name?: string;
  /** The remote whose default branch `name` is (`origin`); undefined when it is HEAD's. */
  remote?: string;
  /** HEAD's branch ('' when detached); undefined outside a repository. */
  head?: string;
}

/** The remote tried first; any other is used only when it is the one remote that names a default. */
const FIRST_REMOTE = 'origin';
const SYMREF = /^ref: refs\/remotes\/([^/\n]+)\/([^\n]+)$/;
/** Characters and sequences git's check-ref-format refuses (control characters and spaces are checked by code). */
const REFUSED_IN_REF = /[~^:?*[\\]|\.\.|@\{|^-/;

/** A name git would take as a branch: a hand-made file may hold anything, and the name is written into YAML. */
function plausibleRefName(name: string): boolean {
  return !REFUSED_IN_REF.test(name) && [...name].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f);
}

/** `branches:`'s branch for the repository at or above `folder`: its remote's default branch, else HEAD's. */
export async function starterBranch(folder: string): Promise<StarterBranch> {
  const layout = await lookUpGitLayout(folder).catch(() => undefined);
  if (layout === undefined || layout === NO_REPOSITORY) { return {}; }
  const [head, remote] = await Promise.all([readHeadFacts(layout).catch(() => undefined), remoteDefault(layout)]);
  const known = head === undefined ? {} : { head: head.branch };
  if (remote) { return { name: remote.branch, remote: remote.name, ...known }; }
  return head?.branch ? { name: head.branch, ...known } : known;
}

/** `<remote>/HEAD`'s branch: origin's, else the only remote's that has one. */
async function remoteDefault(layout: GitLayout): Promise<{ name: string; branch: string } | undefined> {
  const first = await remoteHead(layout, FIRST_REMOTE);
  if (first) { return first; }
  const entries = await fs.readdirEntries(path.join(layout.commonDir, 'refs', 'remotes')).catch(() => []);
  const others = entries.filter((e) => e.isDirectory() && e.name !== FIRST_REMOTE).map((e) => remoteHead(layout, e.name));
  const found = (await Promise.all(others)).filter((r) => r !== undefined);
  return found.length === 1 ? found[0] : undefined;
}

/** The branch `refs/remotes/<remote>/HEAD` points at (a symbolic ref, always a loose file). */
async function remoteHead(layout: GitLayout, remote: string): Promise<{ name: string; branch: string } | undefined> {
  const text = await fs.readFile(path.join(layout.commonDir, 'refs', 'remotes', remote, 'HEAD'), 'utf8').catch(() => undefined);
  const match = SYMREF.exec(text?.trim() ?? '');
  if (!match || match[1] !== remote || !plausibleRefName(match[2]) || match[2].includes('\uFFFD') || match[2] === 'HEAD') { return undefined; }
  return { name: remote, branch: match[2] };
}
