/**
 * Which stages of a run are forked ahead (prelaunch.ts), and what becomes of them: the stages
 * certain to start once the stages running now pass (a fan-out's dependents too), at most
 * MAX_WAITING at a time; each released at its turn, dropped when it will not start (the run
 * failed, stopped or was cancelled first).
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
 * Launchers waiting at once. Each is a fork on the event loop (4–5 ms quiet, up to 25 under load,
 * 14a2), taken while stages run, and a waiting `sh` wasted when the run stops; 4 covers a diamond's
 * fan-out and a join with room to spare, keeping one scheduler pass under ≈ 100 ms of forks under load.
 */
export const MAX_WAITING = 4;

/**
 * The stages that start once the running ones pass: waiting only for running (and passed) stages,
 * with nothing waiting for an approval or a gate. Not one that asks for an approval, nor one whose
 * environment a gate has yet to give (`envKnown`), nor one given secrets: a waiting launcher's
 * environment is readable in /proc by the stages running now (same user), which must not see a
 * later stage's secrets. In the pipeline's order.
 */
export function certainNext(slots: readonly SlotView[], envKnown: (stage: string) => boolean): Stage[] {
  if (slots.some((s) => s.gating === true || s.record.state === 'waiting-approval')) { return []; }
  const running = new Set(slots.filter((s) => s.record.state === 'running').map((s) => s.stage.name));
  const passed = new Set(slots.filter((s) => s.record.state === 'passed').map((s) => s.stage.name));
  return slots
    .filter((s) => s.record.state === 'pending' && s.needs.some((n) => running.has(n)) && s.needs.every((n) => running.has(n) || passed.has(n)))
    .map((s) => s.stage)
    .filter((next) => next.approval !== 'manual' && envKnown(next.name) && stageSecretNames([next]).length === 0);
}

export class Prelaunches {
  private readonly waiting = new Map<string, PrelaunchedStage>();
  private readonly dropped: Promise<void>[] = [];

  /** Forks `stage`'s launcher with its final environment (built only then: the scheduler asks on every pass), unless it has one, MAX_WAITING wait already, or it cannot have one. */
  prepare(stage: Stage, envOf: () => Readonly<Record<string, string>>): void {
    if (this.waiting.has(stage.name) || this.waiting.size >= MAX_WAITING) { return; }
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
