/** Entry point of dist/cli.js (the `gearshift` bin): real process I/O, exit code from main. */
import * as nodeModule from 'node:module';
import { main } from './cli/main';
import { leaveUnreadOutput, processIo } from './cli/io';
import { EXIT } from './cli/command';
import { cacheProfile, installCodeCache } from './cli/codeCache';
import { useSyncFileIo } from './core/fileio';

// Node ≥ 22.1 keeps compiled code on disk, so the command chunks loaded next start warm; on Node
// 20 our own V8 code cache for the chunks does the same (cli/codeCache.ts).
const nodeCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
if (nodeCache) { nodeCache(); } else { installCodeCache(__dirname, { profile: cacheProfile(process.argv.slice(2)) }); }
// A CLI process waits for each file call anyway: synchronous calls skip the thread pool's round
// trips and fs/promises' load (core/fileio says why the editor keeps fs.promises).
useSyncFileIo();
// Once the event loop is empty (stdout drained, history and our code cache written: nothing left to
// do), leave without node's own teardown, which frees the heap piece by piece: ≈ 5 ms of every
// command on a VM where page-table work traps (docs/benchmarks-journal.md, 14r5). Not on Node ≥ 22.1, whose
// compile cache may be written in that teardown.
if (!nodeCache) { process.once('beforeExit', () => process.exit()); }

main(process.argv.slice(2), processIo()).then(
  // exitCode rather than exit(): let stdout drain (large --json output through a pipe).
  (code) => {
    process.exitCode = code;
    if (code === EXIT.cancelled) { leaveUnreadOutput(); } // a cancel is not held by a reader that does not read
  },
  (e: unknown) => {
    process.stderr.write(`gearshift: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
