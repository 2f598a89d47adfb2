/**
 * Cheap looks at the repository's files, no git process: which branch HEAD names, whether
 * anything that could move HEAD changed since last time, and whether `.git` is still the same
 * directory. These run on every wake-up and poll tick, so they must cost a few syscalls.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

export interface RepoDirs {
  /** Per-worktree: HEAD, logs/HEAD. */
  gitDir: string;
  /** Shared: refs/, packed-refs. */
  commonDir: string;
}

const HEADS = 'ref: refs/heads/';

/** Branch HEAD points at ('' when detached or not a branch), and the raw HEAD text. */
export async function readHead(dirs: RepoDirs): Promise<{ branch: string; text: string } | undefined> {
  const text = await readText(path.join(dirs.gitDir, 'HEAD'));
  if (text === undefined) {
    return undefined;
  }
  const line = text.trim();
  return { branch: line.startsWith(HEADS) ? line.slice(HEADS.length) : '', text: line };
}

/**
 * Changes whenever HEAD could point at another commit: HEAD's text, the loose ref it names,
 * and packed-refs (a packed branch has no loose file). Equal prints mean "nothing to ask git".
 */
export async function headFingerprint(dirs: RepoDirs): Promise<string> {
  const head = (await readText(path.join(dirs.gitDir, 'HEAD')))?.trim() ?? '';
  let ref = '';
  if (head.startsWith('ref: ')) {
    ref = (await readText(path.join(dirs.commonDir, head.slice(5)))) ?? '';
  }
  const packed = await fs.stat(path.join(dirs.commonDir, 'packed-refs')).then((s) => `${s.size}:${s.mtimeMs}`, () => '');
  return `${head}\n${ref.trim()}\n${packed}`;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * HEAD's commit read from files when that is unambiguous (detached HEAD, or a branch with a
 * loose ref file, which git prefers over packed-refs); undefined: ask git (packed, unborn).
 */
export async function headShaFromFiles(dirs: RepoDirs): Promise<string | undefined> {
  const head = (await readText(path.join(dirs.gitDir, 'HEAD')))?.trim() ?? '';
  if (SHA.test(head)) {
    return head;
  }
  if (!head.startsWith('ref: refs/')) {
    return undefined;
  }
  const ref = (await readText(path.join(dirs.commonDir, head.slice(5))))?.trim() ?? '';
  return SHA.test(ref) ? ref : undefined;
}

/**
 * Inode and birth time of the git dir: a `.git` deleted and created again gets a new birth
 * time (and usually a new inode), so a replaced repository is not taken for the old one.
 */
export async function dirIdentity(dir: string): Promise<string | undefined> {
  try {
    const s = await fs.stat(dir);
    return s.isDirectory() ? `${s.dev}:${s.ino}:${s.birthtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/** True when `dir` looks like a git dir (HEAD present), without running git. */
export async function hasHead(dir: string): Promise<boolean> {
  return fs.stat(path.join(dir, 'HEAD')).then(() => true, () => false);
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
