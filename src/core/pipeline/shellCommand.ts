/**
 * One short command outside a pipeline (the switch script, a command probe): `/bin/sh -c` in its
 * own process group via StageProcess, so a timeout or cancel kills everything it started.
 * Keeps only the tail of its output: enough for an error message, bounded however chatty it is.
 */
import { randomUUID } from 'node:crypto';
import { exitReason, type ProcessResult, STAGE_COOKIE_VAR, StageProcess } from '.';
import { formatLimit } from '../format';

export interface CommandSpec {
  /** Passed to the shell untouched: values reach it only through `env`. */
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  killGraceMs: number;
  signal?: AbortSignal;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /** The command's process group (its leader's pid and /proc start time), once it runs: for a record that outlives this process. */
  onStarted?: (pgid: number, start: string | undefined) => void;
  /**
   * Its STAGE_COOKIE_VAR value (default: one of its own). Every process carrying it is stopped when
   * the command ends, as a stage's are: a `setsid` child has left the group (fault31 MEDIUM-4).
   */
  cookie?: string;
}

export interface CommandResult {
  result: ProcessResult;
  /** The last STDOUT_KEEP characters of stdout. */
  stdout: string;
  /** The last lines of stdout and stderr together, for messages. */
  tail: string;
  /** True when `signal` stopped it (or it was aborted before it started). */
  cancelled: boolean;
}

const STDOUT_KEEP = 64 * 1024;
const TAIL_KEEP = 8 * 1024;
const TAIL_LINES = 15;

export async function runCommand(spec: CommandSpec): Promise<CommandResult> {
  if (spec.signal?.aborted) {
    return { result: { exitCode: null, signal: null, timedOut: false, terminated: true, durationMs: 0 }, stdout: '', tail: '', cancelled: true };
  }
  let stdout = '';
  let combined = '';
  const cookie = spec.cookie ?? `command/${randomUUID()}`;
  const proc = new StageProcess({
    command: spec.command,
    cwd: spec.cwd,
    env: { ...spec.env, [STAGE_COOKIE_VAR]: cookie },
    cookie: { name: STAGE_COOKIE_VAR, value: cookie },
    timeoutMs: spec.timeoutMs,
    killGraceMs: spec.killGraceMs,
    onOutput: (stream, chunk) => {
      if (stream === 'stdout') { stdout = keepTail(stdout + chunk, STDOUT_KEEP); }
      combined = keepTail(combined + chunk, TAIL_KEEP);
      spec.onOutput?.(stream, chunk);
    },
  });
  if (proc.pid !== undefined) { spec.onStarted?.(proc.pid, proc.startTime); }
  const onAbort = (): void => proc.terminate();
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await proc.done;
    return { result, stdout, tail: lastLines(combined, TAIL_LINES), cancelled: result.terminated };
  } finally {
    spec.signal?.removeEventListener('abort', onAbort);
  }
}

/** "exited with code 3", "timed out after 2m", … in the words the stage records use. */
export function describeFailure(r: CommandResult, timeoutMs: number): string {
  const { result } = r;
  if (result.spawnError !== undefined) { return result.spawnError; }
  if (result.timedOut) { return `timed out after ${formatLimit(timeoutMs)}`; }
  if (r.cancelled) { return 'cancelled'; }
  if (result.exitCode !== null) { return exitReason(result.exitCode); }
  return result.signal ? `killed by ${result.signal}` : 'ended without an exit code';
}

export function succeeded(r: CommandResult): boolean {
  return !r.cancelled && !r.result.timedOut && r.result.spawnError === undefined && r.result.exitCode === 0;
}

function keepTail(text: string, max: number): string {
  return text.length > max ? text.slice(text.length - max) : text;
}

function lastLines(text: string, n: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-n).join('\n');
}
