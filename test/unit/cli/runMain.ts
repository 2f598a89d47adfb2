/**
 * The CLI in-process: `main(argv, io)` with a FakeIo, as the unit tier runs it. Stages still run
 * as real shell processes; only the node process around the CLI is not spawned. The real binary
 * (exit codes, signals, stdin) is exercised by test/system/cli.
 */
import { main } from '../../../src/cli/main';
import { useSyncFileIo } from '../../../src/core/fileio';
import { cleanEnv } from '../../support/git';
import { FakeIo } from './fakeIo';

export interface MainOptions {
  cwd: string;
  /** Added to a clean environment (no CI, colour, GEARSHIFT_* or GIT_* of the test runner). */
  env?: Record<string, string | undefined>;
  /** Answers to prompts, in order (null: EOF). */
  answers?: Array<string | null>;
  /** stdin is a terminal (prompts may be asked). Default: false, like a pipe. */
  tty?: boolean;
}

export interface MainResult { code: number; stdout: string; stderr: string; io: FakeIo }

/** A CLI invocation in flight: its FakeIo (output so far, interrupt()) and its result. */
export interface Started { io: FakeIo; done: Promise<MainResult> }

export function startMain(args: string[], opts: MainOptions): Started {
  const io = new FakeIo(opts.cwd, cleanEnv(opts.env), opts.answers ?? []);
  io.stdinIsTTY = opts.tty === true;
  // As src/cli.ts does: the CLI's file calls are synchronous until stages run (core/fileio).
  useSyncFileIo(true);
  const done = main(args, io).then((code) => ({ code, stdout: io.out, stderr: io.err, io })).finally(() => useSyncFileIo(false));
  return { io, done };
}

/** Runs `gearshift args…` to the end. */
export function runMain(args: string[], opts: MainOptions): Promise<MainResult> {
  return startMain(args, opts).done;
}
