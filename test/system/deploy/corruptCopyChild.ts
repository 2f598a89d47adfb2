/**
 * One process keeping a copy of a corrupt deploy.json's text (corruptCopyRace.test.ts):
 * `node corruptCopyChild.js <deploy.json> <bytes> <sync|async>`. Says `ready`, waits for `go`
 * on stdin (so every process starts at once), keeps the copy, prints the result as JSON.
 */
import { keepCorruptCopy } from '../../../src/core/deploy/corruptCopy';
import { useSyncFileIo } from '../../../src/core/fileio';

/** The same text in every process: a damaged file of `bytes` bytes. */
export function corruptText(bytes: number): string {
  return `{"version": 1, "live": "blue", "records": [${'{"id": "x"}, '.repeat(Math.ceil(bytes / 13))}`.slice(0, bytes);
}

if (require.main === module) {
  const [file, bytes, mode] = process.argv.slice(2);
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
