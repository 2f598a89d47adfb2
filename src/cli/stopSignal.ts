/**
 * Ctrl+C / SIGTERM for a long-lived command (`gearshift watch`). The first signal says "stop":
 * the running run is cancelled at once (the engine TERMs, then KILLs, every stage's process
 * group) and `stopped` resolves so the command can dispose and exit 130. A second signal means
 * "now": the groups are KILLed and the process exits without waiting.
 */
import type { PipelineEngine } from '../core/engine';
import { killLiveGroups } from '../core/pipeline';
import { EXIT } from './command';
import type { CliIo } from './io';
import { keepSignalsHeard } from './interrupt';

export class StopSignal {
  /** The first signal, once one came. */
  signal: NodeJS.Signals | undefined;
  /** Resolves with the first signal. */
  readonly stopped: Promise<NodeJS.Signals>;
  private resolve: (s: NodeJS.Signals) => void = () => undefined;
  private readonly offs: Array<() => void>;

  constructor(private readonly engine: PipelineEngine, private readonly io: CliIo, private readonly name: string) {
    this.stopped = new Promise((resolve) => { this.resolve = resolve; });
    keepSignalsHeard(); // a long-lived command: runs may start at any time
    this.offs = [io.onInterrupt((s) => this.onSignal(s))];
  }

  dispose(): void { this.offs.splice(0).forEach((off) => off()); }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.signal) {
      this.io.stderr.write(`\ngearshift ${this.name}: ${signal} again: killing the stages and exiting now\n`);
      killLiveGroups();
      this.io.exitNow(EXIT.cancelled);
      return;
    }
    this.signal = signal;
    const running = this.engine.current !== undefined;
    this.io.stderr.write(`\ngearshift ${this.name}: ${signal}: stopping${running ? ', cancelling the run (press Ctrl+C again to exit at once)' : ''}\n`);
    this.engine.cancel(`interrupted by ${signal}`);
    this.resolve(signal);
  }
}
