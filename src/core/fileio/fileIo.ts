/**
 * The small file calls of a short command (find the repository, read the history's tail, take
 * the lock, append a history line), each one either fs.promises' call or, once the CLI has
 * called `useSyncFileIo()`, the synchronous call behind the same promise-returning signature.
 *
 * Why (docs/benchmarks.md, "The CLI's fixed cost, 14f"): a plain `gearshift status` or a
 * one-stage `gearshift run` makes a few dozen calls of microseconds each. Through fs.promises
 * each is a round trip through libuv's thread pool (the first one starts the pool), and the
 * first use loads fs/promises with readline and the stream modules' helpers (≈ 1.5 ms). A CLI
 * process has nothing else to do meanwhile, so it waits for every one of them. The extension
 * host keeps fs.promises: a slow (network) disk must not stall every other extension.
 *
 * Same answers either way: `realpath` is the native one in both (as fs.promises'), errors are
 * rejections carrying the same code, syscall and path, and `mkdirp` never uses Node's recursive
 * mkdirSync (it never returned on a /proc path, see src/cli/codeCache.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What callers use of a FileHandle: a real one in the editor, a descriptor in the CLI. */
export interface OpenFile {
  stat(): Promise<fs.Stats>;
  read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  /** The rest of the file from the current position. */
  readFile(encoding: BufferEncoding): Promise<string>;
  /** All of `data`, however many writes it takes. */
  writeFile(data: string, encoding: BufferEncoding): Promise<void>;
  close(): Promise<void>;
}

let sync = false;

/** For the CLI only (src/cli.ts): every call below is synchronous from now on, in this process. */
export function useSyncFileIo(on = true): void {
  sync = on;
}

/** Whether this process answers with synchronous calls (tests and the bench ask). */
export function syncFileIo(): boolean {
  return sync;
}

class DescriptorFile implements OpenFile {
  constructor(private readonly fd: number) {}
  async stat(): Promise<fs.Stats> { return fs.fstatSync(this.fd); }
  async read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }> {
    return { bytesRead: fs.readSync(this.fd, buffer, offset, length, position) };
  }
  async write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }> {
    return { bytesWritten: fs.writeSync(this.fd, buffer, offset, length) };
  }
  async readFile(encoding: BufferEncoding): Promise<string> { return fs.readFileSync(this.fd, encoding); }
  async writeFile(data: string, encoding: BufferEncoding): Promise<void> { fs.writeFileSync(this.fd, data, encoding); }
  async close(): Promise<void> { fs.closeSync(this.fd); }
}

/** mkdir -p one level at a time (see the header); an existing folder is not an error. */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) { missing.unshift(d); }
  for (const d of missing) {
    try { fs.mkdirSync(d); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') { throw e; } }
  }
  if (!fs.statSync(dir).isDirectory()) { fs.mkdirSync(dir); } // a file in the way: mkdir's own EEXIST, as the recursive call gives
}

/** The subset of fs.promises the short commands' paths use, with the same signatures. */
export const fileIo = {
  async realpath(p: string): Promise<string> { return sync ? fs.realpathSync.native(p) : fs.promises.realpath(p); },
  async stat(p: string): Promise<fs.Stats> { return sync ? fs.statSync(p) : fs.promises.stat(p); },
  async lstat(p: string): Promise<fs.Stats> { return sync ? fs.lstatSync(p) : fs.promises.lstat(p); },
  async access(p: string, mode?: number): Promise<void> { return sync ? fs.accessSync(p, mode) : fs.promises.access(p, mode); },
  readFile: (async (p: string, encoding?: BufferEncoding): Promise<string | Buffer> =>
    (sync ? fs.readFileSync(p, encoding) : fs.promises.readFile(p, encoding))) as {
    (p: string): Promise<Buffer>;
    (p: string, encoding: BufferEncoding): Promise<string>;
  },
  async writeFile(p: string, data: string, encoding: BufferEncoding): Promise<void> { return sync ? fs.writeFileSync(p, data, encoding) : fs.promises.writeFile(p, data, encoding); },
  async rename(from: string, to: string): Promise<void> { return sync ? fs.renameSync(from, to) : fs.promises.rename(from, to); },
  async unlink(p: string): Promise<void> { return sync ? fs.unlinkSync(p) : fs.promises.unlink(p); },
  /** Always `recursive`: every caller wants mkdir -p. */
  async mkdirp(p: string): Promise<void> {
    if (sync) { makeDirectories(p); } else { await fs.promises.mkdir(p, { recursive: true }); }
  },
  async open(p: string, flags: string | number): Promise<OpenFile> { return sync ? new DescriptorFile(fs.openSync(p, flags)) : fs.promises.open(p, flags); },
};
