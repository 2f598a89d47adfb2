/** Entry point of dist/cli.js (the `gearshift` bin): real process I/O, exit code from main. */
import * as nodeModule from 'node:module';
import { main } from './cli/main';
import { processIo } from './cli/io';
import { EXIT } from './cli/command';

// Node ≥ 22.1 keeps compiled code on disk, so the command chunks loaded next start warm; Node 20
// has no such function and compiles each time.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

main(process.argv.slice(2), processIo()).then(
  // exitCode rather than exit(): let stdout drain (large --json output through a pipe).
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`gearshift: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
