/**
 * Where a folder's repository is and what HEAD names, read from files instead of asking git:
 * each git process costs a few milliseconds of start-up, and a run starts on every commit.
 *
 * Only the plain layouts are answered: a `.git` directory, or a `.git` file (`gitdir: …`, as in
 * a linked worktree or a submodule) with an optional `commondir`. Anything else — a bare
 * repository, a folder inside `.git`, a repository owned by another user (git's safe.directory
 * check must get its say), `core.worktree`, `core.bare`, reftable — returns undefined, and the
 * caller asks git as before.
 */
import { fileIo as fs } from '../fileio';
import * as path from 'path';

export interface GitLayout {
  /** Top of the work tree, symlinks resolved. */
  root: string;
  /** Per-worktree git dir (HEAD, logs/HEAD), symlinks resolved. */
  gitDir: string;
  /** Shared by every worktree (refs/, packed-refs, config), symlinks resolved. */
  commonDir: string;
}

const GITDIR_PREFIX = 'gitdir:';
/** Config keys that change where the work tree or refs are: git must answer. */
const UNUSUAL_CONFIG = /^\s*(worktree|bare\s*=\s*true|refstorage)\b/im;

/** What the files say: a plain layout; NO_REPOSITORY; undefined when git must judge. */
export type LayoutLookup = GitLayout | typeof NO_REPOSITORY | undefined;
/** No `.git` and no git directory at or above the folder, and every level could be looked at: git would find none either. */
export const NO_REPOSITORY = 'no repository';

/** Lookups made while some caller remembers them (rememberGitLayouts), by folder. */
let remembered: Map<string, Promise<LayoutLookup>> | undefined;
let rememberers = 0;

/**
 * For one short command (`gearshift status`; `gearshift run` until its run starts or waits, since
 * stages may change the tree): each folder's layout is looked up once, not by every reader that
 * needs it (config lookup, history path, origin URL), until the returned function is called. The
 * memo is the process's: it lasts while any caller still remembers. The editor never uses this:
 * a repository can appear or move under it.
 */
export function rememberGitLayouts(): () => void {
  rememberers++;
  remembered ??= new Map();
  let done = false;
  return () => {
    if (done) { return; }
    done = true;
    if (--rememberers === 0) { remembered = undefined; }
  };
}

/** The nearest repository at or above `folder`; undefined when git should be asked instead. */
export async function findGitLayout(folder: string): Promise<GitLayout | undefined> {
  const found = await lookUpGitLayout(folder);
  return found === NO_REPOSITORY ? undefined : found;
}

/** As findGitLayout, and NO_REPOSITORY when the files show there is none (no git process needed to say so). */
export function lookUpGitLayout(folder: string): Promise<LayoutLookup> {
  if (!remembered) { return walkUp(folder); }
  let found = remembered.get(folder);
  if (!found) { found = walkUp(folder); remembered.set(folder, found); }
  return found;
}

async function walkUp(folder: string): Promise<LayoutLookup> {
  let dir: string;
  try {
    dir = await fs.realpath(folder);
  } catch {
    return undefined;
  }
  let unsure = false;
  for (;;) {
    const found = await layoutAt(dir);
    if (found !== 'none' && found !== 'unreadable') { return found; }
    unsure ||= found === 'unreadable';
    const up = path.dirname(dir);
    if (up === dir) { return unsure ? undefined : NO_REPOSITORY; }
    dir = up;
  }
}

/** 'none': no `.git` here (keep walking up); 'unreadable': `.git` could not be looked at (walk on, unsure); undefined: something git must judge. */
async function layoutAt(dir: string): Promise<GitLayout | undefined | 'none' | 'unreadable'> {
  if (path.basename(dir) === '.git' || await isFile(path.join(dir, 'HEAD'))) { return undefined; } // inside a git dir, or bare
  const dotGit = path.join(dir, '.git');
  const stat = await fs.stat(dotGit).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 'none' as const : 'unreadable' as const));
  if (typeof stat === 'string') { return stat; }
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) { return undefined; }
  let gitDir = dotGit;
  if (stat.isFile()) {
    const text = (await readText(dotGit))?.trim() ?? '';
    if (!text.startsWith(GITDIR_PREFIX)) { return undefined; }
    gitDir = path.resolve(dir, text.slice(GITDIR_PREFIX.length).trim());
  } else if (!stat.isDirectory()) {
    return undefined;
  }
  const commondir = (await readText(path.join(gitDir, 'commondir')))?.trim();
  const commonDir = commondir ? path.resolve(gitDir, commondir) : gitDir;
  const config = await readText(path.join(commonDir, 'config'));
  if (config === undefined || UNUSUAL_CONFIG.test(config) || !(await isFile(path.join(gitDir, 'HEAD')))) { return undefined; }
  const [realGit, realCommon] = await Promise.all([realpathOr(gitDir), realpathOr(commonDir)]);
  return { root: dir, gitDir: realGit, commonDir: realCommon };
}

export interface HeadFacts {
  /** Full commit id, 'none' on an unborn branch. */
  sha: string;
  /** Branch without refs/heads/; '' when detached. */
  branch: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const HEADS = 'refs/heads/';

/** HEAD's commit and branch from HEAD, the loose ref, then packed-refs; undefined: ask git. */
export async function readHeadFacts(layout: GitLayout): Promise<HeadFacts | undefined> {
  const head = (await readText(path.join(layout.gitDir, 'HEAD')))?.trim();
  if (head === undefined) { return undefined; }
  if (SHA.test(head)) { return { sha: head, branch: '' }; }
  if (!head.startsWith('ref: ')) { return undefined; }
  const ref = head.slice(5).trim();
  const branch = ref.startsWith(HEADS) ? ref.slice(HEADS.length) : '';
  if (!ref.startsWith(HEADS)) { return undefined; } // a symbolic ref elsewhere: rare, let git resolve it
  // A branch named in bytes that are not UTF-8 (git takes `caf\xe9`) read back as U+FFFD: no file has that name, and it is no unborn branch.
  if (ref.includes('\uFFFD')) { return undefined; }
  const loose = (await readText(path.join(layout.commonDir, ref)))?.trim();
  if (loose !== undefined) { return SHA.test(loose) ? { sha: loose, branch } : undefined; }
  const packed = await packedRef(layout.commonDir, ref);
  if (packed === 'unreadable') { return undefined; }
  return { sha: packed ?? 'none', branch };
}

/** The sha packed-refs holds for `ref`; undefined: not there (an unborn branch). */
async function packedRef(commonDir: string, ref: string): Promise<string | undefined | 'unreadable'> {
  let text: string;
  try {
    text = await fs.readFile(path.join(commonDir, 'packed-refs'), 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) { continue; }
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1).trimEnd() === ref) {
      const sha = line.slice(0, space);
      return SHA.test(sha) ? sha : 'unreadable';
    }
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.isFile(), () => false);
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function realpathOr(p: string): Promise<string> {
  return fs.realpath(p).catch(() => p);
}

/**
 * The branch a starter `.gearshift.yml` limits `trigger: commit` to (`branches:`). HEAD's branch is a
 * feature branch when a team adds the file on one, and then the mainline never runs (readdiff40 R4):
 * the remote's default branch (`refs/remotes/origin/HEAD`, set by `git clone` and `git remote
 * set-head`) is the release branch when there is one. From files only: Create Pipeline is offered in
 * untrusted windows, and a git process would run a repository's `core.fsmonitor` (readdiff40 R3).
 */
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
