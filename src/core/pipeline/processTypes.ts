/** What a stage's process is given (ProcessSpec) and what it reports (ProcessResult): see process.ts. */
import type { Readable } from 'node:stream';
import type { OutputFlow } from './flow';

export type OutputStream = 'stdout' | 'stderr';

export interface ProcessSpec {
  /** The user's command, passed to the shell untouched. */
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL to the group. */
  killGraceMs: number;
  onOutput: (stream: OutputStream, chunk: string) => void;
  onOutputEnd?: (stream: OutputStream) => void; // a stream's last output was given to onOutput (before `done` resolves)
  /** Gets the raw bytes instead of onOutput, for a consumer that decodes them itself (the secret masker scans bytes). */
  onOutputBytes?: (stream: OutputStream, chunk: Buffer) => void;
  /** While paused, the pipes are not read (backpressure from whoever shows the output). */
  flow?: OutputFlow;
  /**
   * `NAME=value` this stage's processes carry in their environment (spec.env must hold it):
   * processes that left the group (setsid, double fork) are found by it and killed too.
   */
  cookie?: { name: string; value: string };
  /** `keep: true`: what the stage leaves running after a normal end is left alone and listed. */
  keep?: boolean;
}

/** What supervise() learns about the shell while its pipes may still be open. */
export interface ExitState { exitCode: number | null; signal: NodeJS.Signals | null; spawnError?: string; open: Set<Readable> }

export interface ProcessResult {
  /** null when killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** terminate() was called (cancel) before the process ended on its own. */
  terminated: boolean;
  /** Set when the process could not be started at all. */
  spawnError?: string;
  /** Monotonic, spawn to fully gone. */
  durationMs: number;
  /** `keep: true` only: pids still running when the stage ended, deliberately left alone. */
  kept?: number[];
}
