/**
 * `trigger: commit`: the tracker's new commits become pipeline runs on the engine, one sha at
 * a time. Shared by the CLI's `watch` and the editor, so both run the same commits the same way.
 *
 * - Each burst of commits re-reads the config: an invalid file is told once and nothing runs;
 *   `trigger: manual` lists commits without running them; `branches:`/`queue:` shape the queue.
 * - At most one run is in progress (the engine's) and, with `queue: latest`, one waits per line of
 *   history; a sha is never run twice, including one someone ran by hand (the CLI, the Run
 *   button). A reset takes waiting commits it left behind away, in order with the commits around it.
 * - Every commit stays in `tracked()`; a green run through the production stages marks what it
 *   deployed, so `undeployed()` is what production is missing.
 */
import type { PipelineEngine, StartOutcome, EngineEvent } from '../engine';
import { CommitTracker, type PlannedRun, type TrackedCommit, type TrackerEvent } from '../git';
import { SafeEmitter, type RunRecord } from '../pipeline';
import { decide } from './decide';
import { knownFacts } from './knownFacts';
import { commitsDeployedBy, undeployedOf } from './deployedCommits';
import { TriggerQueue } from './triggerQueue';
import { CommitRuns } from './commitRuns';
import { TriggerConfig } from './triggerConfig';
import { engineBusy } from './engineBusy';
import type { CommitRun, CommitTriggerOptions, TriggerEvent, TriggerMode, Undeployed } from './types';
import { shortSha } from '../format';
import { ResumeMark } from './resumeMark';
import { CoverNews } from './coverNews';
import { coversOf, pastRunsOf } from './pastRuns';

type QueueNews = Extract<TrackerEvent, { type: 'newCommits' | 'headMoved' }>; // commits and HEAD moves, in order

/** A plan turned away because another run was just starting is retried this soon at the latest. */
const RETRY_MS = 250;

export class CommitTrigger {
  readonly engine: PipelineEngine;
  readonly tracker: CommitTracker;
  private readonly ownsTracker: boolean;
  private readonly resume: ResumeMark;
  private readonly log: (line: string) => void;
  private readonly emitter = new SafeEmitter<TriggerEvent>();
  private readonly offs: Array<() => void> = [];
  private readonly plans = new TriggerQueue();
  private readonly runs = new CommitRuns();
  private readonly refusals = new Map<string, string>();
  private readonly cover = new CoverNews(); // which run each commit was told of: a newer one's run covering it is said when it starts
  private state: 'idle' | 'started' | 'disposed' = 'idle';
  private readonly config: TriggerConfig;
  /** The run in progress, ours or someone else's. */
  private current: { plan: PlannedRun; runId: string; byTrigger: boolean } | undefined;
  /** Our plan while `engine.start` is awaited (its runStarted arrives before start resolves). */
  private launching: PlannedRun | undefined;
  private launched: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly inbox: QueueNews[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(opts: CommitTriggerOptions) {
    this.engine = opts.engine;
    this.ownsTracker = opts.tracker === undefined;
    this.resume = new ResumeMark(opts.engine);
    this.tracker = opts.tracker ?? new CommitTracker({ folder: opts.engine.folder, resumeFrom: (gitDir) => this.resume.from(gitDir) });
    this.log = opts.log ?? (() => undefined);
    this.config = new TriggerConfig(opts.engine, (line, errors) => { this.log(line); this.emit({ type: 'configInvalid', errors }); });
  }

  /** Reads the config, then starts tracking (a given tracker is started if it was not). */
  async start(): Promise<void> {
    if (this.state !== 'idle') { return; }
    this.state = 'started';
    this.offs.push(this.engine.onEvent((e) => this.onEngine(e)), this.tracker.onEvent((e) => this.onTracker(e)));
    await this.reload();
    const running = this.engine.current;
    if (running && !this.current) { this.adopt(running.record); }
    // Commits made while no tracker ran are news (race33); where start left the tracker is saved once they are dealt with.
    const { off, seen } = await this.resume.track(this.tracker);
    this.offs.push(off);
    this.resume.heard(seen, { unlessNewer: true });
    void this.chain.then(() => this.saveIfSettled());
    // Commits read again since the last trigger stopped may have run meanwhile (the CLI): their rows say so (review40 H2).
    for (const run of await pastRunsOf(this.engine, this.tracker.tracked(), (sha) => this.runs.get(sha) !== undefined)) { this.noteRun(run, true); }
  }

  /** Subscribe; returns the unsubscribe function. Listener errors never reach the trigger. */
  onEvent(listener: (e: TriggerEvent) => void): () => void { return this.emitter.on(listener); }

  /** Whether commits start runs, as of the last read of the config. */
  mode(): TriggerMode { return this.config.mode; }

  /** Every commit seen since start, with its state (new, ran, deployed, replaced), oldest first. */
  tracked(): TrackedCommit[] { return this.tracker.tracked(); }

  /** Commits not in production yet (not deployed, not rewritten away); with no production stage, not green yet. */
  undeployed(): Undeployed { return undeployedOf(this.tracker.tracked(), this.config.pipeline, (sha) => this.runs.get(sha)?.state); }

  /** The run in progress (ours, or one started by hand, counted as its sha's run). */
  active(): PlannedRun | undefined { return this.current && { ...this.current.plan, covers: [...this.current.plan.covers] }; }

  /** Plans waiting for the active run, next first. */
  queued(): PlannedRun[] { return this.plans.queued(); }
  /** Every plan not ended: the active run's, one starting, the queued ones; their commits are about to have a run. */
  pending(): PlannedRun[] { return [this.current?.plan, this.launching, ...this.plans.queued()].filter((p): p is PlannedRun => p !== undefined); }

  /** The run that covered `sha` (running or ended), once one started. */
  commitRun(sha: string): CommitRun | undefined { const r = this.runs.get(sha); return r && { ...r }; }

  /** Why the trigger did not run `sha` when its turn came (HEAD moved past it…), if it refused it. */
  notRun(sha: string): string | undefined { return this.refusals.get(sha); }

  /** A run another process ended (the CLI, a git hook, another window): its commits ran, and a green production one deployed them (`past`: read from history at start, told as no news). */
  noteRun(run: RunRecord, past = false): void {
    if (run.state === 'running' || this.disposed()) { return; }
    const covers = coversOf(run);
    for (const c of covers) { this.runs.set(c, { runId: run.id, runSha: run.sha, state: run.state }); }
    this.tracker.mark(covers, 'ran');
    if (run.state === 'green') { void this.markDeployed(run, past); }
  }

  /** Unsubscribes everything, clears its timer, waits for work in progress; disposes its own tracker. */
  async dispose(): Promise<void> {
    if (this.state === 'disposed') { return; }
    this.state = 'disposed';
    clearTimeout(this.retryTimer);
    this.offs.splice(0).forEach((off) => off());
    this.emitter.clear();
    await this.chain;
    await this.launched;
    this.resume.saveIfSettled(this.settled(true));
    await this.resume.close(); // a watch stopped at once still leaves where it got to
    if (this.ownsTracker) { await this.tracker.dispose(); }
  }

  private onTracker(e: TrackerEvent): void {
    if (e.type === 'error') { this.log(`gearshift: git: ${e.message}`); }
    // HEAD moves go through the drain with the commits, so they are told after the commits made before them.
    if (e.type === 'newCommits' || e.type === 'headMoved') { this.queueNews(e); } else { this.emit(e); }
  }

  private queueNews(e: QueueNews): void {
    this.inbox.push(e);
    this.resume.heard(ResumeMark.seen(this.tracker));
    this.chain = this.chain.then(() => this.drain()).catch((err: unknown) => this.problem(err));
  }

  /** Takes every commit (and reset) that arrived since the last look, in order, with one read of the config. */
  private async drain(): Promise<void> {
    if (this.inbox.length === 0 || this.disposed()) { return; }
    await this.reload();
    for (const e of this.inbox.splice(0)) {
      if (e.type === 'headMoved') { this.plans.headMoved(e); this.emit(e); continue; }
      this.plans.add(e.commits, e.replaces ?? [], this.config.mode.state === 'commit');
      const input = { mode: this.config.mode, matches: this.plans.matches, waiting: this.plans.queued(), busy: this.busy(), running: this.running() };
      for (const commit of e.commits) {
        const decision = decide(commit, input);
        if (decision.triggers) { this.cover.tell(commit.sha, input.waiting.find((p) => p.covers.includes(commit.sha))?.sha ?? commit.sha); }
        this.emit({ type: 'commitSeen', commit, operation: e.operation, decision });
      }
    }
    this.pump();
    for (const plan of this.plans.unannounced()) {
      this.emit({ type: 'runQueued', plan });
    }
  }

  /** Starts the next planned run when nothing runs or starts; with nothing left to run, saves where the tracker stood. */
  private pump(): void {
    if (!this.disposed() && !this.busy() && this.config.mode.state === 'commit') {
      this.launching = this.plans.take();
      if (this.launching) { this.launched = this.launch(this.launching); }
    }
    this.saveIfSettled();
  }

  /** Where the tracker stood is saved once every commit read is dealt with (ResumeMark.saveIfSettled says why). */
  private saveIfSettled(): void { if (!this.disposed()) { this.resume.saveIfSettled(this.settled()); } }

  /** No commit read waits, runs or starts; `stopping`: the engine may still hold a run that ended (Ctrl+C at "Pipeline GREEN"). */
  private settled(stopping = false): boolean {
    return this.pending().length === 0 && this.inbox.length === 0 && (stopping || !engineBusy(this.engine));
  }

  private async launch(plan: PlannedRun): Promise<void> {
    let outcome: StartOutcome;
    const endless = this.plans.endless(plan); // a stage that commits must not start runs without end (review22 M4)
    try {
      outcome = endless !== undefined ? { kind: 'refused', reason: endless } : await this.engine.start({
        trigger: 'commit', sha: plan.sha, branch: plan.branch, covers: [...plan.covers], ...knownFacts(this.plans.info(plan.sha), this.tracker),
        // A run of another process (a `gearshift run` next to `watch`) is waited for, never overlapped;
        // one that ran this sha (a second watch) makes ours refused with `alreadyRan`.
        waitForLock: true, onceForSha: true, chainRule: (runs) => this.plans.learnRunsThenEndless(plan, runs), // whoever ran the links (faults40 F1)
      }, 'refuse');
    } catch (err) {
      outcome = { kind: 'refused', reason: err instanceof Error ? err.message : String(err) };
    } finally {
      this.launching = undefined;
    }
    // began() already ran: the engine emits runStarted before start() resolves. A quick run may have ended meanwhile.
    if (outcome.kind === 'started') { this.saveIfSettled(); return; }
    if (outcome.kind === 'refused' && outcome.alreadyRan) { return this.ranElsewhere(plan, outcome.alreadyRan); }
    const past = outcome.kind === 'refused' && outcome.notHead !== undefined ? this.plans.pastHead(plan, outcome.notHead) : undefined;
    if (past) { if (past === 'joined') { this.pump(); } return; } // a newer commit's run on its line will cover it
    const retry = outcome.kind === 'refused' && engineBusy(this.engine, outcome.reason) && !this.disposed();
    const chained = endless !== undefined || (outcome.kind === 'refused' && outcome.chained === true);
    if (chained) { this.plans.refusedByChain(plan); } else { this.plans.refused(plan, retry); }
    if (retry) {
      // Someone else's run got in first: its end pumps; the timer covers a launch of theirs that fails.
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => { this.retryTimer = undefined; this.pump(); }, RETRY_MS);
      return;
    }
    if (outcome.kind === 'invalid') {
      this.config.broke(outcome.result.errors);
    } else {
      const reason = outcome.kind === 'refused' ? outcome.reason : 'the engine queued it';
      this.log(`gearshift: the run for ${shortSha(plan.sha)} could not start: ${reason}`);
      for (const c of plan.covers) { this.refusals.set(c, reason); }
      this.emit({ type: 'runNotStarted', plan, reason, ...(outcome.kind === 'refused' && outcome.missingSecrets ? { missingSecrets: outcome.missingSecrets } : {}) });
    }
    this.pump();
  }

  private onEngine(e: EngineEvent): void {
    if (e.type === 'runStarted') {
      const ours = this.launching;
      if (ours && e.run.trigger === 'commit' && e.run.sha === ours.sha) { this.began(ours, e.run, true); } else { this.adopt(e.run); }
    } else if (e.type === 'runEnded') {
      this.ended(e.run);
    } else if (e.type === 'lastRunChanged' && e.run?.state !== 'running') {
      // Only once the engine let go of the run (and launched its own pending request, if any):
      // starting from inside its event would race that launch.
      queueMicrotask(() => this.pump());
    }
  }

  /** A run started by hand counts as its sha's run: that sha is not planned again. */
  private adopt(run: RunRecord): void {
    const known = run.sha !== 'none' && run.sha !== '';
    const covers = known ? this.plans.started(run.sha, run.branch, undefined, run.id) : [];
    this.began({ sha: run.sha, branch: run.branch, covers }, run, false);
  }

  /** Another trigger in this clone ran (or covered) the plan's sha while ours waited: that run is its run. */
  private ranElsewhere(plan: PlannedRun, run: RunRecord): void {
    this.plans.refused(plan, false);
    for (const c of plan.covers) { this.runs.set(c, { runId: run.id, runSha: run.sha, state: run.state }); }
    this.tracker.mark(plan.covers, 'ran');
    this.emit({ type: 'ranElsewhere', plan, run });
    this.pump();
  }

  private began(plan: PlannedRun, run: RunRecord, byTrigger: boolean): void {
    if (byTrigger) { this.plans.started(plan.sha, plan.branch, plan, run.id); }
    this.current = { plan, runId: run.id, byTrigger };
    for (const c of plan.covers) { this.runs.set(c, { runId: run.id, runSha: plan.sha, state: 'running' }); }
    this.tracker.mark(plan.covers, 'ran');
    this.emit({ type: 'runStarted', plan: { ...plan, covers: [...plan.covers] }, runId: run.id, byTrigger });
    const covered = this.cover.started(plan, run.id); if (covered) { this.emit(covered); }
  }

  private ended(run: RunRecord): void {
    const cur = this.current;
    if (!cur || cur.runId !== run.id) { return; }
    this.current = undefined;
    this.resume.runEnded(run.state);
    this.plans.ended(cur.plan.sha, [run.headMoved, run.headMovedSameTree].find((h): h is string => typeof h === 'string'));
    for (const c of cur.plan.covers) {
      this.runs.set(c, { runId: run.id, runSha: cur.plan.sha, state: run.state, ...(typeof run.headMoved === 'string' && run.cancelReason ? { reason: run.cancelReason } : {}) });
    }
    this.emit({ type: 'runEnded', plan: cur.plan, run, byTrigger: cur.byTrigger });
    if (run.state === 'green') { void this.markDeployed(run); }
  }

  /** Judged against the config as it is now: it may have gained production stages since the last commit. */
  private async markDeployed(run: RunRecord, past = false): Promise<void> {
    const loaded = await this.engine.validate().catch(() => undefined);
    const shas = this.disposed() ? [] : commitsDeployedBy(run, loaded?.ok ? loaded.pipeline : this.config.pipeline, this.tracker.tracked());
    if (shas.length === 0) { return; }
    this.tracker.mark(shas, 'deployed');
    this.emit({ type: 'commitsDeployed', shas, runId: run.id, ...(past ? { past: true as const } : {}) });
  }

  /** Re-reads the config: the mode, and the queue's policy and branches (an invalid file leaves the queue as it is). */
  private async reload(): Promise<void> { const pipeline = await this.config.reload(); if (pipeline) { this.plans.configure(pipeline, this.current?.plan); } }

  /** A run is in progress or starting, ours or not. */
  private busy(): boolean { return this.running() || this.launching !== undefined; }
  /** A run is in progress, ours or not (one only starting may still be refused). */
  private running(): boolean { return this.current !== undefined || engineBusy(this.engine); }

  private problem(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.log(`gearshift: commit trigger: ${message}`);
    this.emit({ type: 'error', message });
  }

  private disposed(): boolean { return this.state === 'disposed'; }
  private emit(e: TriggerEvent): void { if (!this.disposed()) { this.emitter.emit(e); } }
}
