/**
 * One process keeping a copy of a corrupt deploy.json's text (corruptCopyRace.test.ts):
 * `node corruptCopyChild.js <deploy.json> <bytes> <sync|async> [no-links]`. Says `ready`, waits
 * for `go` on stdin (so every process starts at once), keeps the copy, prints the result as JSON.
 * `no-links`: link() fails with EPERM, as on a file system without hard links (FAT).
 */
import { keepCorruptCopy } from '../../../src/core/deploy/corruptCopy';
import { useSyncFileIo } from '../../../src/core/fileio';

/** The same text in every process: a damaged file of `bytes` bytes. */
export function corruptText(bytes: number): string {
  return `{"version": 1, "live": "blue", "records": [${'{"id": "x"}, '.repeat(Math.ceil(bytes / 13))}`.slice(0, bytes);
}

if (require.main === module) {
  const [file, bytes, mode, links] = process.argv.slice(2);
  if (links === 'no-links') { withoutHardLinks(); }
  useSyncFileIo(mode === 'sync'); // the CLI's way; async is the editor's
  const text = corruptText(Number(bytes));
  process.stdin.setEncoding('utf8');
  process.stdin.once('data', () => {
    void keepCorruptCopy(file, text).then((kept) => {
      process.stdout.write(`${JSON.stringify(kept)}\n`);
      process.exit(0);
    });
  });
  process.stdout.write('ready\n');
}

/** fs.link and fs.linkSync fail as a FAT file system's do (the module object itself: an import namespace is read-only). */
function withoutHardLinks(): void {
  const fs = require('node:fs') as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports -- patched, see above
  const refused = (p: unknown): NodeJS.ErrnoException => Object.assign(new Error(`EPERM: operation not permitted, link '${String(p)}'`), { code: 'EPERM', syscall: 'link' });
  fs.linkSync = (from: unknown) => { throw refused(from); };
  fs.link = (from: unknown, _to: unknown, done: (e: Error) => void) => { process.nextTick(done, refused(from)); };
}
