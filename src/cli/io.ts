/**
 * Everything the CLI touches outside itself, behind one interface: unit tests call `main()`
 * in-process with fakes, `src/cli.ts` passes the real process.
 */
import type * as readlineModule from 'node:readline';
import { fdOut } from './fdOut';

export interface OutStream {
  /** false: the stream's buffer is full, wait for onceDrain before writing much more. */
  write(text: string): boolean | void;
  /** Calls `listener` once the buffer has room again (or the stream is gone: nothing waits on a dead pipe). */
  onceDrain?(listener: () => void): void;
  /** Decides colour: ANSI only goes to a terminal. */
  readonly isTTY: boolean;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** A person could answer a prompt (manual gates). */
  readonly stdinIsTTY: boolean;
  /** Shows `question` on stderr and reads one line; null at EOF or once `signal` aborts. */
  prompt(question: string, signal: AbortSignal): Promise<string | null>;
  /** Calls `handler` on SIGINT/SIGTERM/SIGHUP until the returned function is called. */
  onInterrupt(handler: (signal: NodeJS.Signals) => void): () => void;
  /** Ends the process at once (a second Ctrl+C). */
  exitNow(code: number): void;
}

const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function processIo(): CliIo {
  // Getters: a pipe's stream loads node:net (≈ 10 ms); `--version` writes to stdout only. A file or
  // /dev/null is written to directly (fdOut.ts): no stream modules at all.
  let stdout: OutStream | undefined;
  let stderr: OutStream | undefined;
  return {
    get stdout() { return (stdout ??= fdOut(1) ?? stream(streamedStdout = process.stdout)); },
    get stderr() { return (stderr ??= fdOut(2) ?? stream(process.stderr)); },
    env: process.env,
    cwd: process.cwd(),
    // A getter: creating process.stdin costs more than the rest of `gearshift --version`, and
    // only a manual gate asks (docs/benchmarks-journal.md, "CLI fixed cost", 14c).
    get stdinIsTTY() { return process.stdin.isTTY === true; },
    prompt: promptOnStdin,
    onInterrupt(handler) {
      for (const s of INTERRUPTS) { process.on(s, handler); }
      return () => { for (const s of INTERRUPTS) { process.removeListener(s, handler); } };
    },
    exitNow: (code) => process.exit(code),
  };
}

/**
 * The reader is gone: `gearshift run | head` closed the pipe (EPIPE), or the terminal was closed
 * (EIO on every write after the hang-up). The run goes on, or finishes its cancel, and records it.
 */
const READER_GONE = new Set(['EPIPE', 'EIO']);

/** process.stdout once a run wrote to it as a stream (a pipe or a terminal; a file is written directly): only that can hold output back. */
let streamedStdout: NodeJS.WriteStream | undefined;
/** After a cancel, stdout that went out by nothing for this long is given up. */
const STALLED_MS = 2000;

/**
 * After a cancel, output a reader does not take (`| less` left open; not a terminal paused with Ctrl+S, written synchronously)
 * must not keep the process, and the shell's prompt, waiting (faults38 F1). While it goes out the
 * process waits; once none went out for STALLED_MS it says so on stderr (if that can be written)
 * and exits with the exit code already set.
 */
export function leaveUnreadOutput(): void {
  const out = streamedStdout;
  if (!out || out.writableLength === 0) { return; }
  let left = out.writableLength;
  const timer = setInterval(() => {
    const now = out.writableLength;
    if (now === 0 || now < left) { left = now; if (now === 0) { clearInterval(timer); } return; }
    clearInterval(timer);
    process.stderr.write(`gearshift: ${now} bytes of output were dropped: nothing read them after the run was cancelled\n`);
    process.exit();
  }, STALLED_MS);
  timer.unref(); // the unwritten output keeps the process alive by itself
}

function stream(s: NodeJS.WriteStream): OutStream {
  s.on('error', (e: NodeJS.ErrnoException) => { if (!READER_GONE.has(e.code ?? '')) { throw e; } });
  return {
    write: (text) => s.write(text),
    onceDrain(listener) {
      if (s.destroyed || !s.writableNeedDrain) { listener(); return; }
      const done = (): void => { s.removeListener('drain', done); s.removeListener('close', done); listener(); };
      s.once('drain', done);
      s.once('close', done);
    },
    isTTY: s.isTTY === true,
  };
}

function promptOnStdin(question: string, signal: AbortSignal): Promise<string | null> {
  // terminal: false keeps the TTY in cooked mode, so Ctrl+C stays a SIGINT that cancels the run.
  // Loaded here: only a manual gate at a terminal reads a line.
  const readline = require('node:readline') as typeof readlineModule; // eslint-disable-line @typescript-eslint/no-require-imports
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: string | null): void => {
      if (settled) { return; }
      settled = true;
      signal.removeEventListener('abort', onAbort);
      rl.close(); // pauses stdin again so the process can exit
      resolve(answer);
    };
    const onAbort = (): void => { process.stderr.write('\n'); finish(null); };
    if (signal.aborted) { finish(null); return; }
    signal.addEventListener('abort', onAbort);
    rl.once('line', (line) => finish(line));
    rl.once('close', () => finish(null));
    process.stderr.write(question);
  });
}
