/**
 * What a folder is in git terms: the commit and branch a run is for, and where the repository's
 * private directories live (history is stored in the common dir, see ../history/historyPath.ts).
 *
 * Every git call is one process with an argument array, never a shell (gitProcess.ts), so branch
 * names, subjects and paths are only ever data. Ambient GIT_* variables (GIT_DIR from a hook,
 * say) are dropped, so the answer is about `folder` and nothing else.
 */
import { fileIo as fs } from '../fileio';
import * as path from 'path';
import { NO_REPOSITORY, lookUpGitLayout, readHeadFacts, type GitLayout, type HeadFacts } from './gitFiles';
import { runGit } from './gitProcess';
import { WORK_TREE_STATUS } from './workTreeDirty';
import { uncommittedIn, type Uncommitted } from './uncommitted';
import { readLooseCommit } from './tracker/looseCommit';
import { END_OF_OPTIONS } from './sha';

export interface RepoInfo {
  isRepo: boolean;
  /** Top of the work tree; undefined for a bare repository or a folder inside `.git`. */
  root?: string;
  /** Absolute, symlinks resolved. For a linked worktree: `<main>/.git/worktrees/<name>`. */
  gitDir?: string;
  /** Absolute, symlinks resolved: the `.git` shared by the clone and all its worktrees. */
  commonDir?: string;
  /** Full commit id of HEAD; 'none' outside a repository or before the first commit. */
  sha: string;
  /**
   * Branch name without `refs/heads/`. '' when HEAD is detached (not 'HEAD': that is not a
   * branch, and it would wrongly match `branches:` globs such as `*` and read as a real name in
   * GEARSHIFT_BRANCH). On an unborn branch (no commits yet) it is the branch HEAD points at.
   */
  branch: string;
  /** Subject line of HEAD's commit message. */
  subject?: string;
  /** Author name of HEAD's commit. */
  author?: string;
  /** Uncommitted changes, staged or not, or untracked (not ignored) files. Undefined when bare. */
  dirty?: boolean;
  /** When dirty and asked for (`nameUncommitted`): the paths, from the same `git status`. */
  uncommitted?: Uncommitted;
}

const HEADS = 'refs/heads/';

/**
 * Resolves to `{ isRepo: false, sha: 'none', branch: '' }` for a folder that is not in a git
 * repository or does not exist, and when git is not installed (then nothing can be a repo to us,
 * and pipelines still run with sha 'none'). Rejects when git refuses in another way (e.g.
 * "detected dubious ownership"): that needs the user's action, so the caller shows git's message
 * instead of quietly treating a real repository as a plain folder. `nameUncommitted`: `git status`
 * is read whole (not stopped at its first byte) and the paths it names are kept (Deploy to Non-Prod's message).
 */
export async function getRepoInfo(folder: string, opts: { onAsking?: () => void; nameUncommitted?: boolean } = {}): Promise<RepoInfo> {
  const dir = path.resolve(folder);
  if (!(await isDirectory(dir))) {
    return notARepo();
  }
  const git: Git = dir;
  // Where the repository is comes from a few files (synchronous calls in the CLI, microseconds).
  // No `.git` at or above the folder, every level readable: git (run without GIT_DIR) finds none
  // either, so no process is started only to say so.
  const layout = await lookUpGitLayout(dir);
  if (layout === NO_REPOSITORY) { return notARepo(); }
  // `git status` is the longest wait and every layout asks it: it starts before HEAD's files are
  // read. onAsking: a caller may start other work now that git runs.
  const status = runGit(git, WORK_TREE_STATUS, opts.nameUncommitted === true ? {} : { firstByte: true });
  status.catch(() => undefined); // looked at below
  opts.onAsking?.();
  const headFacts = layout && await readHeadFacts(layout);
  if (layout && headFacts) { return infoFromFiles(git, layout, headFacts, status, opts.nameUncommitted === true); }
  const dirs = await locations(git);
  if (!dirs) { return notARepo(); }
  const [gitDirOut, commonOut, rootOut] = dirs;
  const [gitDir, commonDir, root, head, branch, dirty] = await Promise.all([
    realpathOr(gitDirOut),
    // Relative (".git") in the main worktree, absolute in a linked one: resolve against `dir`.
    realpathOr(path.resolve(dir, commonOut)),
    rootOut ? realpathOr(rootOut) : Promise.resolve(undefined),
    // sha, subject and author in one call; it fails only on an unborn branch (no commit yet).
    optional(run(git, [...HEAD_LOG, 'HEAD', '--'])),
    // Full ref rather than --short, which may print "heads/x" when a tag has the same name.
    run(git, ['symbolic-ref', '--quiet', 'HEAD']).catch(() => ''),
    optional(status.then((out) => out.length > 0)),
  ]);
  const [sha, subject, author] = head ? head.split('\0') : [];
  return {
    isRepo: true, root, gitDir, commonDir, sha: sha || 'none',
    branch: branch.startsWith(HEADS) ? branch.slice(HEADS.length) : '',
    dirty,
    ...(sha ? { subject, author } : {}),
    ...(await named(status, opts.nameUncommitted === true)),
  };
}

/** The paths a dirty tree's `status` named, when the caller asked for them. */
async function named(status: Promise<string>, wanted: boolean): Promise<{ uncommitted?: Uncommitted }> {
  const out = wanted ? await status.catch(() => '') : '';
  return out.length > 0 ? { uncommitted: uncommittedIn(out) } : {};
}

// %x00 separates the fields: a subject may contain anything except NUL and newline.
const HEAD_LOG = ['log', '-1', '--no-show-signature', '--format=%H%x00%s%x00%an', END_OF_OPTIONS];

/** Where the repository is and what HEAD names came from files: git is asked only for the commit's text and the work tree. */
async function infoFromFiles(git: Git, layout: GitLayout, head: HeadFacts, status: Promise<string>, nameUncommitted: boolean): Promise<RepoInfo> {
  const born = head.sha !== 'none'; // `status`: the one process left, the work tree's state is only git's to say
  const [log, dirty] = await Promise.all([
    born ? headSubjectAndAuthor(git, layout, head.sha) : Promise.resolve(undefined),
    status.then((out) => out.length > 0, (e: unknown) => (isGitMissingError(e) ? 'no git' as const : undefined)),
  ]);
  if (dirty === 'no git') { return notARepo(); } // as when git is asked first: without git nothing is a repository to us
  const [, subject, author] = log ? log.split('\0') : [];
  return {
    isRepo: true, root: layout.root, gitDir: layout.gitDir, commonDir: layout.commonDir, sha: head.sha, branch: head.branch, dirty,
    ...(born && log ? { subject, author } : {}),
    ...(await named(status, nameUncommitted)),
  };
}

/**
 * `sha\0subject\0author` as `git log -1` prints it: from the loose object when it is one (a
 * fresh commit always is; looseCommit.ts follows git's rules and leaves anything unusual to
 * git), else from git. undefined when neither can say.
 */
async function headSubjectAndAuthor(git: Git, layout: GitLayout, sha: string): Promise<string | undefined> {
  const facts = await readLooseCommit(layout.commonDir, sha);
  if (facts) { return `${sha}\0${facts.subject}\0${facts.author}`; }
  return optional(run(git, [...HEAD_LOG, sha, '--']));
}

/**
 * The git dir, common dir and work tree in one git process (a run starts on every commit: each
 * process counts); undefined when the folder is in no repository or git is missing.
 */
async function locations(git: Git): Promise<string[] | undefined> {
  try {
    return (await run(git, ['rev-parse', '--absolute-git-dir', '--git-common-dir', '--show-toplevel'])).split('\n');
  } catch (err) {
    if (isNotARepoError(err) || isGitMissingError(err)) {
      return undefined;
    }
    // A bare repository has no work tree, so --show-toplevel fails: ask without it.
    return (await run(git, ['rev-parse', '--absolute-git-dir', '--git-common-dir'])).split('\n');
  }
}

/** Where a folder's state lives in git terms: the common dir, and the folder's path from the work tree's top. */
export interface GitPlace {
  /** Absolute, symlinks resolved: shared by the clone and all its worktrees. */
  commonDir: string;
  /** The folder relative to the top of its work tree, '/'-separated; '' at the top (and inside `.git` or a bare repository). */
  prefix: string;
}

/**
 * The common git dir and the folder's place in the work tree (where its history lives): from
 * the `.git` files where they answer (a repository, or none at any level), else one `git
 * rev-parse`, which reads no work tree. Unlike `git status` it runs nothing the repository
 * configures (core.fsmonitor), so it is safe before the workspace is trusted. undefined outside
 * a repository; rejects as getRepoInfo does.
 */
export async function gitPlace(folder: string): Promise<GitPlace | undefined> {
  const dir = path.resolve(folder);
  if (!(await isDirectory(dir))) { return undefined; }
  const layout = await lookUpGitLayout(dir);
  if (layout === NO_REPOSITORY) { return undefined; } // as in getRepoInfo: the files already say so
  if (layout) { return { commonDir: layout.commonDir, prefix: relativePrefix(layout.root, await realpathOr(dir)) }; }
  try {
    // --show-prefix: git's own answer (symlinks resolved as git sees them), '' inside .git or a bare repository.
    const [common, ...prefix] = (await run(dir, ['rev-parse', '--git-common-dir', '--show-prefix'])).split('\n'); // a folder name may hold a newline
    return { commonDir: await realpathOr(path.resolve(dir, common)), prefix: prefix.join('\n').replace(/\/$/, '') };
  } catch (err) {
    if (isNotARepoError(err) || isGitMissingError(err)) { return undefined; }
    throw err;
  }
}

/** `dir` below `root` as a '/'-separated path ('' at the top); both are real paths, `root` an ancestor (gitFiles walks up from the real path). */
function relativePrefix(root: string, dir: string): string {
  return path.relative(root, dir).split(path.sep).join('/');
}

function notARepo(): RepoInfo {
  return { isRepo: false, sha: 'none', branch: '' };
}

/** The folder git runs in. */
type Git = string;

/** Runs git and returns stdout without its final newline (other whitespace is data). */
async function run(git: Git, args: string[]): Promise<string> {
  const out = await runGit(git, args);
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}

/** For facts that do not exist in some layouts (no work tree in a bare repository). */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch {
    return undefined;
  }
}

function isNotARepoError(err: unknown): boolean {
  return /not a git repository/i.test(err instanceof Error ? err.message : String(err));
}

function isGitMissingError(err: unknown): boolean {
  return /spawn git ENOENT/.test(err instanceof Error ? err.message : String(err));
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Symlinks resolved (e.g. macOS /var → /private/var) so paths from different calls compare equal. */
async function realpathOr(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return p;
  }
}

/** The top of the work tree holding `folder`, from its place (`gitPlace`): the folder's real path, up one level per prefix segment. */
export async function workTreeTopOf(folder: string, place: GitPlace): Promise<string> {
  const real = await realpathOr(path.resolve(folder));
  return path.resolve(real, ...place.prefix.split('/').filter(Boolean).map(() => '..'));
}
