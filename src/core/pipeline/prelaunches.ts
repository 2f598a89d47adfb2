/**
 * Which stage of a run is forked ahead (prelaunch.ts), and what becomes of it: only the stage
 * certain to start next, when the one running now passes; released at its turn, dropped when it
 * will not start (the run failed, stopped or was cancelled first).
 */
import type { Stage } from '../config';
import { PrelaunchedStage } from './prelaunch';
import { stageSecretNames } from './stageSecrets';
import { StageProcess, type ProcessSpec } from './process';
import type { StageState } from './types';

export interface SlotView {
  readonly stage: Stage;
  /** Selected needs only. */
  readonly needs: readonly string[];
  readonly record: { readonly state: StageState };
  readonly gating?: boolean;
}

/**
 * The stage that starts next once the single running stage passes: nothing else running, waiting
 * for an approval or a gate, and exactly one stage waiting only for it. Not one that asks for an
 * approval, nor one whose environment a gate has yet to give (`envKnown`), nor one given secrets: a
 * waiting launcher's environment is readable in /proc by the stage running now (same user), which
 * must not see a later stage's secrets.
 */
export function certainNext(slots: readonly SlotView[], envKnown: (stage: string) => boolean): Stage | undefined {
  const running = slots.filter((s) => s.record.state === 'running');
  if (running.length !== 1 || slots.some((s) => s.gating === true || s.record.state === 'waiting-approval')) { return undefined; }
  const current = running[0].stage.name;
  const passed = new Set(slots.filter((s) => s.record.state === 'passed').map((s) => s.stage.name));
  const ready = slots.filter((s) => s.record.state === 'pending' && s.needs.every((n) => n === current || passed.has(n)));
  const next = ready.length === 1 ? ready[0].stage : undefined;
  return next && next.approval !== 'manual' && envKnown(next.name) && stageSecretNames([next]).length === 0 ? next : undefined;
}

export class Prelaunches {
  private readonly waiting = new Map<string, PrelaunchedStage>();
  private readonly dropped: Promise<void>[] = [];

  /** Forks `stage`'s launcher with its final environment (built only then: the scheduler asks on every pass), unless it has one or cannot have one. */
  prepare(stage: Stage, envOf: () => Readonly<Record<string, string>>): void {
    if (this.waiting.has(stage.name)) { return; }
    const launcher = PrelaunchedStage.fork(stage.run, stage.cwd, envOf());
    if (launcher) { this.waiting.set(stage.name, launcher); }
  }

  /** The stage's process: its launcher released, or (none, or no longer exact) spawned now. */
  start(stage: string, spec: ProcessSpec): StageProcess {
    const launcher = this.waiting.get(stage);
    this.waiting.delete(stage);
    const released = launcher?.release(spec);
    if (launcher && !released) { this.dropped.push(launcher.gone); }
    return released ?? new StageProcess(spec);
  }

  /** The stage will not start: its launcher dies with its group. */
  drop(stage: string): void {
    const launcher = this.waiting.get(stage);
    if (!launcher) { return; }
    this.waiting.delete(stage);
    this.dropped.push(launcher.drop());
  }

  /** Drops every launcher left; resolves once all launchers ever dropped are gone. */
  dropAll(): Promise<unknown> {
    for (const stage of [...this.waiting.keys()]) { this.drop(stage); }
    return Promise.all(this.dropped);
  }
}
