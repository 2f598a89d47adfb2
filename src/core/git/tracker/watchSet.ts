/**
 * A set of non-recursive directory watchers kept in line with a wanted list.
 *
 * Directories rather than files: git replaces HEAD and refs by renaming a `.lock` file over
 * them, and `reflog expire` rewrites logs/HEAD the same way; a watch on the old file would go
 * quiet forever, while the directory's watch sees every new file. Only names that matter wake
 * the tracker (VS Code's own `git status` rewrites `index` constantly).
 */
import * as fs from 'fs';

export interface WatchSpec {
  dir: string;
  /** File names in `dir` that matter; undefined: any change. */
  names?: readonly string[];
}

type OnChange = (dir: string) => void;

export class WatchSet {
  private readonly open = new Map<string, { watcher: fs.FSWatcher; ino: number }>();
  /** A watch could not be set up for a directory that exists: only polling will notice. */
  failed = false;

  constructor(private readonly onChange: OnChange) {}

  /**
   * Watch exactly these (missing directories are skipped; the next update retries them). A
   * directory deleted and made again is watched anew: on Linux the old watch just goes silent.
   */
  async update(specs: readonly WatchSpec[]): Promise<void> {
    const wanted = new Map(specs.map((s) => [key(s), s]));
    const inodes = new Map(await Promise.all([...wanted].map(async ([k, s]) => [k, await inode(s.dir)] as const)));
    for (const [k, w] of this.open) {
      if (!wanted.has(k) || inodes.get(k) !== w.ino) {
        w.watcher.close();
        this.open.delete(k);
      }
    }
    for (const [k, spec] of wanted) {
      const ino = inodes.get(k);
      if (!this.open.has(k) && ino !== undefined) {
        this.start(k, spec, ino);
      }
    }
  }

  close(): void {
    for (const w of this.open.values()) {
      w.watcher.close();
    }
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }

  private start(k: string, spec: WatchSpec, ino: number): void {
    const names = spec.names ? new Set(spec.names) : undefined;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(spec.dir, { persistent: true }, (_event, name) => {
        // No name (some platforms): cannot filter, so it may matter.
        if (!names || !name || names.has(name.toString())) {
          this.onChange(spec.dir);
        }
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        this.failed = true; // ENOSPC (inotify limit), EPERM, unsupported file system
      }
      return;
    }
    watcher.on('error', () => {
      // The directory went away (Windows reports it this way) or the watch broke: drop it and
      // let the owner look; its next update re-creates what still exists.
      watcher.close();
      if (this.open.get(k)?.watcher === watcher) {
        this.open.delete(k);
      }
      this.onChange(spec.dir);
    });
    this.open.set(k, { watcher, ino });
  }
}

async function inode(dir: string): Promise<number | undefined> {
  try {
    const s = await fs.promises.stat(dir);
    return s.isDirectory() ? s.ino : undefined;
  } catch {
    return undefined;
  }
}

function key(s: WatchSpec): string {
  return `${s.dir}\0${s.names?.join('\0') ?? '*'}`;
}
