/**
 * Red/green state of one or more repositories, fed with run records as runs start and end.
 *
 * Views are functions of it: `status()` is what the status bar shows (the worst repository
 * wins, see engine/status.ts) and `red()` is the red timer ("red for 14m") of the repository
 * that has been red the longest. A red period stays open through running, cancelled and
 * interrupted runs; only a green run closes it (see transition.ts).
 */
import { statusOfRun, worstStatus, type PipelineStatus } from '../engine';
import { SafeEmitter } from '../pipeline';
import type { RunRecord } from '../pipeline';
import { elapsedSince, formatRedFor } from './duration';
import { foldHistory } from './fromHistory';
import { type RedPeriod, snapshot } from './period';
import { leftRedBy, type RedGreenChange, step } from './transition';
import { standingRun, standsAsVerdict } from './verdict';

export interface RedSummary {
  period: RedPeriod;
  /** now − redSince, clamped to 0 when the wall clock went backwards. */
  redForMs: number;
  /** "red for 14m" */
  text: string;
}

interface RepoState {
  last?: RunRecord;
  period?: RedPeriod;
  /** The newest run that was not cancelled: the verdict a later cancelled run leaves standing (verdict.ts). */
  standing?: RunRecord;
}

export class RedGreenTracker {
  private readonly repos = new Map<string, RepoState>();
  private readonly changes = new SafeEmitter<RedGreenChange>();

  constructor(private readonly now: () => number = Date.now) {}

  /** wentRed / stillRed / recovered (with the time-to-restore sample). Returns an unsubscribe. */
  onChange(listener: (change: RedGreenChange) => void): () => void {
    return this.changes.on(listener);
  }

  /** Feed every run record you see (runStarted, runEnded …); `repo` names the folder. */
  onRun(run: RunRecord, repo = ''): RedGreenChange | undefined {
    const state = this.stateOf(repo);
    state.last = snapshot(run);
    if (standsAsVerdict(run)) { state.standing = state.last; }
    const next = step(state.period, run, repo, this.now());
    state.period = next.period;
    if (next.change) { this.changes.emit(next.change); }
    return next.change;
  }

  /** On reload: take a repository's state from its history (newest first). Emits nothing. */
  restore(runsNewestFirst: readonly RunRecord[], repo = ''): RedPeriod | undefined {
    const state = this.stateOf(repo);
    state.last = runsNewestFirst[0] && snapshot(runsNewestFirst[0]);
    const standing = standingRun(runsNewestFirst);
    state.standing = standing && snapshot(standing);
    state.period = foldHistory(runsNewestFirst, repo, this.now()).current;
    return state.period;
  }

  /**
   * The red period a green run left open (leftRedBy), whether onRun has seen the run's end yet or
   * not (views hear of it in any order): stepping the same green run again changes nothing
   * (tested). Undefined when the run ended it, or was not green.
   */
  stillRedAfter(run: RunRecord, repo = ''): RedPeriod | undefined {
    return leftRedBy(this.repos.get(repo)?.period, run, this.now());
  }

  /** A folder left the workspace. */
  remove(repo: string): void {
    this.repos.delete(repo);
  }

  /** The newest run seen that was not cancelled (from history or live); undefined before any. */
  standingOf(repo = ''): RunRecord | undefined {
    return this.repos.get(repo)?.standing;
  }

  /** The newest record seen (a switch's, a rollback's, a decision's too): what the verdict comes from (verdictRun). */
  lastOf(repo = ''): RunRecord | undefined {
    return this.repos.get(repo)?.last;
  }

  periodOf(repo = ''): RedPeriod | undefined {
    return this.repos.get(repo)?.period;
  }

  /** The worst repository's status; `noPipeline` when no repository is tracked. */
  status(): PipelineStatus {
    return worstStatus([...this.repos.values()].map((s) => statusOfRun(s.last)));
  }

  /** The repository red the longest, with its timer; undefined when everything is green. */
  red(): RedSummary | undefined {
    let oldest: RedPeriod | undefined;
    for (const { period } of this.repos.values()) {
      if (period && (!oldest || period.redSince < oldest.redSince)) { oldest = period; }
    }
    if (!oldest) { return undefined; }
    const redForMs = elapsedSince(oldest.redSince, this.now());
    return { period: oldest, redForMs, text: formatRedFor(redForMs) };
  }

  dispose(): void {
    this.changes.clear();
  }

  private stateOf(repo: string): RepoState {
    let state = this.repos.get(repo);
    if (!state) {
      state = {};
      this.repos.set(repo, state);
    }
    return state;
  }
}
