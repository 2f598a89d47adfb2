/**
 * An open file behind one interface whichever way fileIo calls (fileIo.ts says why there are
 * two), and the opens that refuse anything but a regular file for reading and appending
 * (regularFile.ts says why).
 */
import * as fs from 'node:fs';
import { APPEND_FLAGS, checkRegular, linkRefused, NO_LINK_READ_FLAGS, notRegularFile, regularFlags } from './regularFile';

/** What callers use of an open file: a descriptor, with synchronous or thread-pool calls. */
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

export class DescriptorFile implements OpenFile {
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

/** A callback-style fs call as a promise (no util.promisify: util is not loaded on these paths). */
export function call<T = void>(start: (done: (e: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((e, value) => (e ? reject(e) : resolve(value as T))));
}

export class PoolFile implements OpenFile {
  constructor(private readonly fd: number) {}
  stat(): Promise<fs.Stats> { return call((done) => fs.fstat(this.fd, done)); }
  read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }> {
    return call<number>((done) => fs.read(this.fd, buffer, offset, length, position, done)).then((bytesRead) => ({ bytesRead }));
  }
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }> {
    return call<number>((done) => fs.write(this.fd, buffer, offset, length, null, done)).then((bytesWritten) => ({ bytesWritten }));
  }
  readFile(encoding: BufferEncoding): Promise<string> { return call((done) => fs.readFile(this.fd, encoding, done)); }
  writeFile(data: string, encoding: BufferEncoding): Promise<void> { return call((done) => fs.writeFile(this.fd, data, encoding, done)); }
  close(): Promise<void> { return call((done) => fs.close(this.fd, done)); }
}

/** ENXIO (appending to a FIFO nobody reads, a socket) said as what is there, when it is not a regular file; ELOOP on an append or a NO_LINK_READ as the symlink it is (O_NOFOLLOW). */
function explained(e: unknown, file: string, st: fs.Stats | undefined, flags: number): unknown {
  if ((e as NodeJS.ErrnoException).code === 'ELOOP' && (flags & APPEND_FLAGS) === APPEND_FLAGS) { return linkRefused(file); }
  if ((e as NodeJS.ErrnoException).code === 'ELOOP' && flags === NO_LINK_READ_FLAGS) { return linkRefused(file, 'open', true); }
  return (e as NodeJS.ErrnoException).code === 'ENXIO' && st !== undefined && !st.isFile() ? notRegularFile(file, st) : e;
}

/** open(), synchronously; for 'r', 'a' and 'ax' only a regular file is opened (regularFile.ts), anything else throws. */
export function openSyncChecked(file: string, flags: string | number): number {
  const checked = regularFlags(flags);
  if (checked === undefined) { return fs.openSync(file, flags); }
  let fd: number;
  try { fd = fs.openSync(file, checked); } catch (e) {
    throw explained(e, file, (e as NodeJS.ErrnoException).code === 'ENXIO' ? fs.statSync(file, { throwIfNoEntry: false }) : undefined, checked);
  }
  try { checkRegular(file, fs.fstatSync(fd)); } catch (e) { fs.closeSync(fd); throw e; }
  return fd;
}

/** openSyncChecked through the thread pool. */
export async function openInPool(file: string, flags: string | number): Promise<number> {
  const checked = regularFlags(flags);
  if (checked === undefined) { return call<number>((done) => fs.open(file, flags, done)); }
  let fd: number;
  try { fd = await call<number>((done) => fs.open(file, checked, done)); } catch (e) {
    const st = (e as NodeJS.ErrnoException).code === 'ENXIO' ? await call<fs.Stats>((done) => fs.stat(file, done)).catch(() => undefined) : undefined;
    throw explained(e, file, st, checked);
  }
  try { checkRegular(file, await call<fs.Stats>((done) => fs.fstat(fd, done))); } catch (e) {
    await call((done) => fs.close(fd, done)).catch(() => undefined);
    throw e;
  }
  return fd;
}

/** A regular file's content, synchronously (readFileSync(path) would wait on a FIFO). */
export function readRegularSync(file: string): Buffer;
export function readRegularSync(file: string, encoding: BufferEncoding): string;
export function readRegularSync(file: string, encoding?: BufferEncoding): string | Buffer;
export function readRegularSync(file: string, encoding?: BufferEncoding): string | Buffer {
  const fd = openSyncChecked(file, 'r');
  try { return fs.readFileSync(fd, encoding); } finally { fs.closeSync(fd); }
}

/** readRegularSync through the thread pool. */
export async function readRegularInPool(file: string, encoding?: BufferEncoding): Promise<string | Buffer> {
  const fd = await openInPool(file, 'r');
  try {
    return await call<string | Buffer>((done) => fs.readFile(fd, encoding === undefined ? null : encoding, done));
  } finally {
    await call((done) => fs.close(fd, done)).catch(() => undefined);
  }
}
