/**
 * Ctrl+C / SIGTERM during a run. The first signal cancels: the engine TERMs (then KILLs) every
 * stage's process group and we exit 130 once history is written. A second signal means "now":
 * the groups are KILLed and the process exits without waiting for its end line (a write could hang
 * on a hung disk). The first signal's cancel already went into history (engine.cancel queues a
 * `cancel` line), so the run reads `cancelled`, as the user meant it. After the run, while we wait for the webhook alert,
 * the first signal just stops that wait (`aborted`), and the run exits 130.
 */
import { killLiveGroups } from '../core/pipeline';
import type { PipelineEngine } from '../core/engine';
import { useSyncFileIo } from '../core/fileio';
import type { CliIo } from './io';
import { EXIT } from './command';

/**
 * From here on the CLI's file calls go through the thread pool again (core/fileio): once
 * stages (or a switch script, or monitoring) run, a call stuck on a hung disk must block a pool
 * thread, not the main one, or Ctrl+C could not cancel them. Before that a stuck call leaves
 * nothing running to cancel, and synchronous calls spare the start-up the pool's round trips.
 */
export function keepSignalsHeard(): void {
  useSyncFileIo(false);
}

export class InterruptGuard {
  /** The first signal, once one came. */
  signal: NodeJS.Signals | undefined;
  private readonly dispose: () => void;
  private readonly abort = new AbortController();
  private afterRun = false;
  /** An automatic rollback's switch is under way: a signal does not stop it (core/deploy releaseWatch). */
  private rollingBack = false;

  /** Aborted by a signal that comes after runFinished(): the wait for the webhook alert listens to it. */
  get aborted(): AbortSignal { return this.abort.signal; }

  constructor(private readonly engine: PipelineEngine, private readonly io: CliIo) {
    this.dispose = io.onInterrupt((s) => this.onSignal(s));
    engine.onEvent((e) => {
      if (e.type === 'stageStarted') { keepSignalsHeard(); }
      // The run is over as soon as the engine says so: the webhook may already be on its way
      // before the command gets to runFinished(), and a Ctrl+C then must stop that wait.
      if (e.type === 'runEnded') { this.afterRun = true; }
      if (e.type === 'deploy' && e.event.type === 'alert' && e.event.autoRollback) { this.rollingBack = true; }
      if (e.type === 'deploy' && e.event.type === 'rolledBack') { this.rollingBack = false; }
    });
  }

  /** Cancels the run right away if a signal came before it started. */
  started(): void {
    if (this.signal) { this.engine.cancel(reasonFor(this.signal)); }
  }

  /** The run is over: a signal from now on only stops the wait for alerts. */
  runFinished(): void { this.afterRun = true; }

  stop(): void { this.dispose(); }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.signal) {
      this.io.stderr.write(`\ngearshift: ${signal} again: killing the stages and exiting now\n`);
      killLiveGroups(); // the stages, and a switch script or probe, which no later clean-up would find
      this.io.exitNow(EXIT.cancelled);
      return;
    }
    this.signal = signal;
    if (this.afterRun) {
      this.abort.abort();
      this.io.stderr.write(`\ngearshift: ${signal}: stopped waiting for the webhook alert\n`);
      return;
    }
    this.io.stderr.write(`\ngearshift: ${signal}: ${this.rollingBack ? ROLLBACK_GOES_ON : 'cancelling the run (press Ctrl+C again to exit at once)'}\n`);
    this.engine.cancel(reasonFor(signal));
  }
}

/** faults41 L2: "cancelling the run", then a wait for the switch, up to its timeout: the words say what happens. */
const ROLLBACK_GOES_ON = 'the automatic rollback is finishing (it is not stopped: a bad release is live); press Ctrl+C again to exit at once '
  + '(its switch script is stopped then, and which slot is live is unknown until you check)';

function reasonFor(signal: NodeJS.Signals): string {
  return `interrupted by ${signal}`;
}
