/**
 * One stage's process: `/bin/sh -c` (or the command itself, when it needs no shell) in its own process
 * group, output streamed, a timeout, TERM→KILL termination of the whole group, and nothing of the group left when it ends.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { monotonicMs } from './monotonic';
import type { Readable } from 'node:stream';
import { groupMembers, processStartTime, processesWithEnv, signalEach, untilDead } from './procfs';
import { directCommand } from './directExec';
import { describeSpawnError, detach, messageOf } from './processEdges';
import { readPipe } from './outputPipe';
import { trackGroup } from './liveGroups';

export type { OutputStream, ProcessSpec, ProcessResult } from './processTypes';
import { killGroup } from './killGroup';
export { killGroup };
import type { ExitState, ProcessResult, ProcessSpec } from './processTypes';

/**
 * If the group is dead but an escaped process (one that called setsid) still holds our pipes,
 * stop waiting for them after this long rather than hang the run.
 */
const STREAM_CLOSE_GRACE_MS = 2000;
/** A stopped stage's unread output waits this long for a reader that takes none of it, then is dropped. */
const UNREAD_TAIL_MS = 2000;
/** Pipes still open this long after the shell exited and its group was killed: look for escaped holders. */
const PIPE_HOLDER_SCAN_MS = 10;
/** How long a stage's outcome waits for escaped processes it killed to be dead (one stuck in the kernel may never be). */
const KILL_SETTLE_MS = 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A plain `cmd arg…` is exec'd as make does; anything else goes through the shell (directExec.ts). */
function spawnChild(spec: ProcessSpec): ChildProcess {
  const direct = directCommand(spec.command, spec.cwd, spec.env);
  return spawn(direct?.file ?? '/bin/sh', direct?.args ?? ['-c', spec.command], {
    ...(direct ? { argv0: direct.argv0 } : {}),
    cwd: spec.cwd,
    env: direct?.env ?? spec.env,
    // Own process group, so TERM/KILL reach grandchildren; no stdin, so `cat` sees EOF.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export class StageProcess {
  /** Also the process group id (detached → setsid). Undefined when spawning failed. */
  readonly pid: number | undefined;
  /** /proc start time of the shell (= group leader), so a later cleanup never hits a reused pid. */
  readonly startTime: string | undefined;
  /** Resolves once the shell has exited, both pipes closed and the group has been swept. Never rejects. */
  readonly done: Promise<ProcessResult>;
  /**
   * The stage's outcome, as soon as it is known: the shell has exited, both pipes closed and the group
   * is killed. The /proc scan for escaped processes may still be under way (`done` waits for it), so
   * a scheduler can start the next stages first. Never rejects.
   */
  get ended(): Promise<ProcessResult> { return this.outcome ?? this.done; }

  private outcome?: Promise<ProcessResult>;
  private resolveOutcome?: (result: ProcessResult) => void;

  private terminateRequested = false;
  private terminating = false;
  private timedOut = false;
  private shellExited = false;
  private finished = false;
  /** A sweep after the shell's exit found no process outside the group (sweepAfterEnd). */
  private sweptClean = false;
  private kept: number[] | undefined;
  /** While the last output waits for a stalled reader (closeLeftoverPipes): gives it up. */
  private dropTail: (() => void) | undefined;
  /** Stopped (cancel, timeout): a tail nobody reads is dropped after UNREAD_TAIL_MS (closeLeftoverPipes). */
  private tailBounded = false;
  /** Reads the pipes even while the output flow is held (outputPipe.ts): called once the stage is being stopped. */
  private readWhileStopped: Array<() => void> = [];
  /** The kernel said the group is empty: from then on its id is not ours to signal (killGroup). */
  private groupGone = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly startedAt = monotonicMs();

  /** `start` forks the process; a stage forked in advance (prelaunch.ts) passes one that releases it. */
  constructor(private readonly spec: ProcessSpec, start: (spec: ProcessSpec) => ChildProcess = spawnChild) {
    let child: ChildProcess;
    try {
      child = start(spec);
    } catch (err) {
      // Synchronous failures, e.g. a NUL byte in an env value, or a cwd that is a file (Node throws ENOTDIR).
      this.pid = undefined;
      this.startTime = undefined;
      this.done = Promise.resolve(this.result(null, null, err instanceof Error ? describeSpawnError(err, spec.cwd) : `could not start: ${messageOf(err)}`));
      return;
    }
    this.pid = child.pid;
    this.startTime = child.pid === undefined ? undefined : processStartTime(child.pid);
    this.done = this.supervise(child);
    if (child.pid !== undefined) { void this.done.then(trackGroup(child.pid)); } // for "exit now" (liveGroups.ts)
  }

  /** Cancel: SIGTERM to the group now, SIGKILL after the grace. Idempotent. */
  terminate(): void {
    // Once the shell has exited its outcome is decided and its group already killed: only an unread tail may be left.
    if (this.finished || this.shellExited) { this.boundTail(); return; }
    this.terminateRequested = true;
    this.beginTermination();
  }

  private beginTermination(): void {
    if (this.terminating || this.finished) { return; }
    this.terminating = true;
    for (const read of this.readWhileStopped) { read(); }
    this.killOwnGroup('SIGTERM');
    signalEach(this.escaped(), 'SIGTERM');
    this.later(this.spec.killGraceMs, () => this.killEverything());
  }

  /** Returns the escaped processes (outside the group) it found and killed. */
  private killEverything(): number[] {
    this.killOwnGroup('SIGKILL');
    const escaped = this.escaped();
    signalEach(escaped, 'SIGKILL');
    return escaped;
  }

  /** Our group, unless it was already found gone. */
  private killOwnGroup(signal: NodeJS.Signals): void {
    if (!this.groupGone) { this.groupGone = !killGroup(this.pid, signal); }
  }

  /** Processes carrying our cookie, wherever they went (their own session, reparented to init). */
  private escaped(): number[] {
    return this.spec.cookie ? processesWithEnv(this.spec.cookie.name, this.spec.cookie.value) : [];
  }

  /**
   * After a normal end: kill what is left, or with `keep: true` list it and leave it alone.
   * Runs as the shell exits while its pipes are still open, and once they close. The second time,
   * the /proc scan for the cookie is skipped when the first one found nothing outside the group:
   * the group was killed before /proc was listed, so no member could start a process after it,
   * and whatever carried the cookie at the listing was in the group. Only an escaped process
   * killed after the listing could have started one in between.
   */
  private sweepAfterEnd(): void {
    if (!this.spec.keep || this.terminating) {
      if (this.sweptClean && !this.terminating) { this.killOwnGroup('SIGKILL'); return; }
      this.sweptClean = this.killEverything().length === 0 && !this.terminating;
      return;
    }
    const left = new Set([...groupMembers(this.pid ?? 0, this.startTime), ...this.escaped()]);
    this.kept = [...left].sort((a, b) => a - b);
  }

  /**
   * Final sweep: anything of the group still alive (e.g. it closed its stdout) dies with the stage,
   * and so do its escaped processes, before the outcome goes out: a dependent stage must never meet
   * the last stage's daemon (its port, its writes into the tree). This /proc scan is on the path
   * between two stages on purpose (docs/benchmarks.md, DAG diamond).
   */
  private finishWithSweep(result: () => ProcessResult, resolve: (result: ProcessResult) => void): void {
    const killed = this.finalSweep();
    const r = result();
    const give = (): void => { this.resolveOutcome?.(r); resolve(r); };
    // Escaped processes were found and killed: the outcome waits until they are dead, not only signalled.
    if (killed.length === 0) { give(); } else { void untilDead(killed, KILL_SETTLE_MS).finally(give); }
  }

  /** The last sweep's kills; returns the escaped processes it killed. */
  private finalSweep(): number[] {
    if (this.spec.keep && !this.terminating) { this.sweepAfterEnd(); return []; } // listed, left running
    if (this.sweptClean && !this.terminating) { this.killOwnGroup('SIGKILL'); return []; }
    const killed = this.killEverything();
    // A process the scan killed may have started another meanwhile: once more.
    return killed.length > 0 && !this.terminating ? [...killed, ...this.killEverything()] : killed;
  }

  private supervise(child: ChildProcess): Promise<ProcessResult> {
    this.outcome = new Promise<ProcessResult>((resolve) => { this.resolveOutcome = resolve; });
    const stdout = child.stdout as Readable;
    const stderr = child.stderr as Readable;
    return new Promise<ProcessResult>((resolve) => {
      const state: ExitState = { exitCode: null, signal: null, open: new Set<Readable>([stdout, stderr]) };
      const maybeFinish = (): void => {
        if (this.finished || !this.shellExited || state.open.size > 0) { return; }
        this.finished = true;
        for (const timer of this.timers) { clearTimeout(timer); }
        this.timers.clear();
        child.removeListener('exit', onExit);
        child.removeListener('error', onError);
        this.finishWithSweep(() => this.result(state.exitCode, state.signal, state.spawnError), resolve);
      };
      const afterShellGone = (): void => {
        this.shellExited = true;
        // Grace for pipes still held by processes outside the group (they called setsid). None for
        // a stopped stage whose output nobody reads: its pipes cannot close while unread.
        const wait = this.terminating && this.spec.flow?.paused ? 0 : (this.terminating ? this.spec.killGraceMs : 0) + STREAM_CLOSE_GRACE_MS;
        this.later(wait, () => this.closeLeftoverPipes(state.open, release));
        maybeFinish();
      };
      const onExit = (code: number | null, sig: NodeJS.Signals | null): void => {
        state.exitCode = code;
        state.signal = sig;
        // Background grandchildren (`sleep 1000 &`) must not outlive the stage. While a
        // termination is under way they keep their grace; the KILL timer is already set.
        // Killing the group is enough here: the /proc scan waits for the outcome (finishWithSweep),
        // unless the pipes are still open a moment later, held by an escaped process only it finds.
        if (!this.terminating && this.spec.keep) { this.sweepAfterEnd(); } else if (!this.terminating) {
          this.killOwnGroup('SIGKILL');
          if (state.open.size > 0) { this.later(PIPE_HOLDER_SCAN_MS, () => { if (!this.terminating) { this.sweepAfterEnd(); } }); }
        }
        afterShellGone();
      };
      const onError = (err: Error): void => {
        // After a successful spawn, 'error' only reports failed kill() calls, which we do not use.
        if (this.pid !== undefined || this.shellExited) { return; }
        state.spawnError = describeSpawnError(err, this.spec.cwd);
        afterShellGone();
      };
      const release = (stream: Readable): void => { state.open.delete(stream); maybeFinish(); };
      this.readWhileStopped = [readPipe('stdout', stdout, this.spec, () => release(stdout)), readPipe('stderr', stderr, this.spec, () => release(stderr))];
      child.on('exit', onExit);
      child.on('error', onError);
      this.armTimeout();
    });
  }

  private armTimeout(): void {
    // setTimeout overflows above 2^31-1 ms (~24.8 days) and would fire at once: treat as no limit.
    if (this.pid === undefined || this.spec.timeoutMs <= 0 || this.spec.timeoutMs > MAX_TIMER_MS) { return; }
    this.later(this.spec.timeoutMs, () => {
      // Already exiting, or already being cancelled: a cancel is not a timeout.
      if (this.shellExited || this.terminating) { return; }
      this.timedOut = true;
      this.beginTermination();
    });
  }

  /**
   * Pipes still open a grace after the shell is gone are held by escaped processes: stop
   * waiting. Unless we ourselves stopped reading them (backpressure): then what is left is
   * the stage's last output, so wait until the output flows again and give it a new grace.
   * A stage being stopped (cancel, timeout, or a cancel once it ended) waits so only while the
   * reader takes some within UNREAD_TAIL_MS: a reader that does not read (`| less` left open)
   * no longer holds the run, its locks and its record (faults38 F1), a slow one keeps the tail
   * (a SIGTERM trap's last line: rereview38b F1).
   */
  private closeLeftoverPipes(open: Set<Readable>, release: (stream: Readable) => void): void {
    if (open.size === 0 || this.finished) { return; }
    const flow = this.spec.flow;
    if (!flow?.paused) { this.dropPipes(open, release); return; }
    const stop = flow.onChange((paused) => {
      if (paused) { return; }
      stop();
      this.dropTail = undefined;
      this.later(STREAM_CLOSE_GRACE_MS, () => this.closeLeftoverPipes(open, release));
    });
    this.dropTail = () => { stop(); this.dropTail = undefined; this.dropPipes(open, release); };
    if (this.terminating || this.tailBounded) { this.boundTail(); }
  }

  /** The tail waiting now (and any later one) is dropped if its reader takes none of it for UNREAD_TAIL_MS. */
  private boundTail(): void {
    this.tailBounded = true;
    const drop = this.dropTail;
    if (drop) { this.later(UNREAD_TAIL_MS, () => { if (this.dropTail === drop) { drop(); } }); }
  }

  private dropPipes(open: Set<Readable>, release: (stream: Readable) => void): void {
    for (const stream of [...open]) {
      if (this.spec.keep && !this.terminating) { detach(stream); release(stream); } else { stream.destroy(); }
    }
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
    this.timers.add(timer);
  }

  private result(exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string): ProcessResult {
    return {
      exitCode,
      signal,
      timedOut: this.timedOut,
      terminated: this.terminateRequested,
      ...(spawnError !== undefined ? { spawnError } : {}),
      ...(this.kept && this.kept.length > 0 ? { kept: this.kept } : {}),
      durationMs: monotonicMs() - this.startedAt,
    };
  }
}
