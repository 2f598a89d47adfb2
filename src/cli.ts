/** Entry point of dist/cli.js (the `gearshift` bin): real process I/O, exit code from main. */
import { main } from './cli/main';
import { processIo } from './cli/io';
import { EXIT } from './cli/command';

main(process.argv.slice(2), processIo()).then(
  // exitCode rather than exit(): let stdout drain (large --json output through a pipe).
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`gearshift: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
