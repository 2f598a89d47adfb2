/** One folder's pipeline: config, git, stages and history; the editor and the CLI drive this same class, so a run behaves the same everywhere. */
import { randomUuid } from '../ids';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type LoadResult, ParseMemo, type Pipeline, loadPipeline } from '../config';
import { prepareCheckout } from './checkout';
import { MadeCommits, type RepoInfo, type Worktree } from '../git';
import type { HistoryStore } from '../history';
import { hookIndexEnv, OutputFlow, SafeEmitter, PipelineRun, type RunEvent, type RunRecord } from '../pipeline';
import type { EngineEvent, ExtensionEvent, RunRequest, WhenBusy } from './events';
import { RefusedOnRed, closedWhenUnanswered, holdRunOpen, hooksFor, type RunContext, type RunHooks, type StagesHold } from './hooks';
import { PendingRequest, RecentIds } from './queue';
import { RepoFacts, type RepoAnswer } from './repoFacts';
import { checkRun, type CheckRefusal, type Source } from './runCheck';
import { repoAnswerFor } from './knownFacts';
import { RepoFiles } from './repoFiles';
import { describeRun, filesNotes } from './runFacts';
import { takeRunLock } from './runExclusion';
import { triggeredRunRefusal } from './alreadyRun';
import type { LeftoverReport } from './leftovers';
import type { StartOutcome } from './startOutcome';
import { RunSecrets } from './runSecrets';
import { EngineOperations } from './operations';
import type { EngineOptions } from './options';
import { newestStageRun } from './stageRun';
import { doneWithin } from './doneWithin';

export class PipelineEngine {
  private readonly ownRuns = new RecentIds();
  readonly folder: string;
  readonly configFile: string;
  private readonly emitter = new SafeEmitter<EngineEvent>();
  /** Backpressure for every run of this engine: a listener that cannot keep up holds it. */
  readonly flow = new OutputFlow();
  private readonly pending = new PendingRequest();
  /** `ended`: its stages and hold are over; only bookkeeping is left (worktree, production record, history's writes, then the lock). */
  private active: { run: PipelineRun; done: Promise<RunRecord>; hold?: StagesHold; ended?: boolean } | undefined;
  /** The launch in flight from its first step: two quick starts never both launch, dispose waits for it. */
  private launching: Promise<StartOutcome> | undefined;
  private last: RunRecord | undefined;
  private readonly files: RepoFiles;
  private readonly parsed = new ParseMemo();
  /** The commit's file, parsed apart: the working copy's parse stays memoized when the two differ. */
  private readonly committedParse = new ParseMemo();
  private readonly repoFacts: RepoFacts;
  private disposed = false;
  private lockWait: AbortController | undefined;
  private releaseLock: (() => Promise<void>) | undefined;
  /** The latest run's secrets: resolved before it starts, masking what is written about it. */
  readonly secrets: RunSecrets;
  /** Monitoring, switches and rollbacks started outside a run (core/release): they stop with dispose(), which waits for them. */
  readonly operations = new EngineOperations();
  /** Commits Gearshift made in this folder (Revert Last Commit…): the fix attempt, never asked "is this the fix?" (core/automation). */
  readonly madeCommits = new MadeCommits();

  constructor(private readonly opts: EngineOptions) {
    this.folder = path.resolve(opts.folder);
    this.configFile = opts.configFile ? path.resolve(this.folder, opts.configFile) : path.join(this.folder, CONFIG_FILE_NAME);
    this.secrets = new RunSecrets(opts.secrets, opts.baseEnv ?? process.env);
    this.repoFacts = new RepoFacts(this.folder);
    this.files = new RepoFiles(this.folder, opts.historyFile, (message) => this.emitter.emit({ type: 'historyProblem', message }), (run) => this.secrets.mask(run), opts.hooks?.interruptedRun);
  }

  onEvent(listener: (e: EngineEvent) => void): () => void { return this.emitter.on(listener); }
  get current(): PipelineRun | undefined { return this.active?.run; }
  get lastRun(): RunRecord | undefined { return this.active?.run.record ?? this.last; }
  get queued(): RunRequest | undefined { return this.pending.peek(); }
  /** A run is in progress (or starting): start() would refuse, queue or cancel. */
  get busy(): boolean { return this.active !== undefined || this.launching !== undefined; }
  /** The last run ended (views say green/red) and only writes its record: not "in progress" to a user, so a start waits for it (settle) rather than ask. */
  get ending(): boolean { return this.active?.ended === true && !this.launching; }

  validate(): Promise<LoadResult> { return loadPipeline(this.configFile, this.parsed); }
  /** The pipeline a run of `request` would follow (the commit's under `checkout: clean`), its `only`/`from` checked: what start() checks first. Starts nothing. */
  async check(request: RunRequest): Promise<Source | CheckRefusal> {
    const answer = (): Promise<RepoAnswer> => repoAnswerFor(this.folder, request, () => this.repoFacts.peek()); // asked only under checkout: clean
    return checkRun({ request, loaded: await this.validate(), configFile: this.configFile, answer, memo: this.committedParse });
  }
  /** Asks git about the folder now, for the next start() (`gearshift run` does, before it validates). */
  prefetchRepoInfo(): Promise<void> { return this.repoFacts.prefetch(); }
  history(): Promise<HistoryStore> { return this.files.history(); }
  /** Why history cannot take a line now (repoFiles.ts), or undefined: a run, switch or rollback refuses on it (it could not be cleaned up after a kill -9). */
  historyUnwritable(): Promise<string | undefined> { return this.files.unwritable(); }
  /** This pipeline's state folder: history, deploy state and locks (history/pipelineState.ts), shared by every process. */
  dataDir(): Promise<string> { return this.files.dataDir(); }
  /** Env for deploy scripts and probes run outside stages (switch, command probes). */
  get env(): NodeJS.ProcessEnv { return this.opts.baseEnv ?? process.env; }
  get killGraceMs(): number | undefined { return this.opts.killGraceMs; }
  /** Deploy commands that run no pipeline (switch, rollback, monitor) report here, so every view shows them like a run's deploy steps. */
  report(event: ExtensionEvent): void { this.emitter.emit(event); }

  /** Records what did not go through the runner (a switch, a rollback, a decision), in order with every run's: its start line as it begins (kill -9 then reads
   * `interrupted`), its end line, or both; masked with every secret set. Never `lastRun` (no stage ran); `runRecorded` feeds red/green. A line not written
   * is reported (`historyProblem`), and rejects only with `mustWrite` (Keep clears its pause only once its record is written). */
  async recordRun(record: RunRecord, lines: 'start' | 'end' | 'both' = 'both', mustWrite = false): Promise<RunRecord> {
    const masked = await this.secrets.maskWithEverySet(record, await this.validate().catch(() => undefined));
    this.ownRuns.add(masked.id);
    const failure = await this.files.appendRecord(masked, lines);
    if (failure !== undefined && mustWrite) { throw new Error(failure); }
    if (lines !== 'start') { this.emitter.emit({ type: 'runRecorded', run: masked }); } // a window's history watch skips its own lines
    return masked;
  }
  /** Kills what dead runs (kill -9, a crashed editor) left running and records them `interrupted`; once per engine. */
  cleanUpLeftovers(): Promise<LeftoverReport | undefined> { return this.files.cleanUpOnce(); }
  /** For a deploy's red decision: a run killed after the first clean-up reads `interrupted`, not red, until cleaned (redkill41). */ async historyCleaned(): Promise<HistoryStore> { await this.files.cleanUpOnce(); await this.files.cleanUp(); return this.history(); }
  /** Reads the last run that ran stages (stageRun.ts) from history, e.g. after a window reload, first cleaning up after dead runs unless `cleanUp` is false
   * (an untrusted folder: its history names the processes and worktree to clean, and cleaning runs git there). Never throws. */
  async loadLastRun({ cleanUp = true }: { cleanUp?: boolean } = {}): Promise<RunRecord | undefined> {
    if (cleanUp) { await this.files.cleanUpOnce(); }
    try {
      const last = await newestStageRun(await this.history());
      if (!this.active && last) {
        this.last = last;
        this.emitter.emit({ type: 'lastRunChanged', run: last });
      }
    } catch (e) {
      this.emitter.emit({ type: 'historyProblem', message: `could not read history: ${(e as Error).message}` });
    }
    return this.lastRun;
  }

  async start(request: RunRequest, whenBusy: WhenBusy = 'refuse'): Promise<StartOutcome> {
    if (this.disposed) { return { kind: 'refused', reason: 'Gearshift is shutting down' }; }
    if (this.active || this.launching) {
      if (whenBusy === 'refuse') { return { kind: 'refused', reason: 'a pipeline run is already in progress' }; }
      this.pending.put({ ...request, waitForLock: true }); // one that queues also waits for other processes' runs
      this.emitter.emit({ type: 'queued', request });
      // Stages are superseded; a deploy's switch and monitoring, once under way, are not.
      if (whenBusy === 'cancel') { this.active?.run.cancel('superseded by a newer run'); }
      return { kind: 'queued' };
    }
    return this.launch(request);
  }

  cancel(reason = 'stopped by the user'): boolean {
    this.pending.clear();
    this.lockWait?.abort(); // a run waiting for another process's run to end stops waiting
    if (!this.active) { return false; }
    const { record } = this.active.run; // its first reason stands, as in the runner: on the end record, and in history at once (repoFiles.ts)
    if (record.cancelReason === undefined) { record.cancelReason = reason; this.files.appendCancel(record, reason); }
    this.active.run.cancel(reason);
    this.active.hold?.cancel(reason);
    return true;
  }

  /** Resolves when the active run (if any), its bookkeeping and every history write have finished: to true, or to false once `withinMs` passed first. */
  async settle(withinMs?: number): Promise<boolean> {
    const all = (async (): Promise<true> => { while (this.active) { await this.active.done; } await this.files.idle(); return true; })();
    return withinMs === undefined ? all : doneWithin(all, withinMs);
  }

  private launch(request: RunRequest): Promise<StartOutcome> {
    // From the first step: a cancel or dispose while config, git or cleanup are read stops the launch too.
    const signal = (this.lockWait = new AbortController()).signal;
    // Never rejects (a queued launch has nobody awaiting it); cleared only while still ours.
    const launching: Promise<StartOutcome> = this.loadAndLaunch(request, signal)
      .catch((e: Error) => ({ kind: 'refused' as const, reason: e.message }))
      .finally(() => { if (this.launching === launching) { this.launching = undefined; } });
    this.launching = launching;
    return launching;
  }

  private async loadAndLaunch(request: RunRequest, signal: AbortSignal): Promise<StartOutcome> {
    // git works while history (dead runs) and the config are read; all three before any stage.
    const firstCleanup = !this.files.cleanUpStarted;
    const asked = repoAnswerFor(this.folder, request, () => this.repoFacts.take(request.nameUncommitted));
    const [cleaned, loaded] = await Promise.all([this.files.cleanUpOnce(), loadPipeline(this.configFile, this.parsed)]);
    const answer = this.repoFacts.settle(asked, firstCleanup ? cleaned : undefined, request.nameUncommitted);
    const ready = await this.ready(request, loaded, answer);
    if (ready.kind !== 'source') { return ready; }
    return this.launchLocked({ ...request, runId: request.runId ?? randomUuid() }, ready, answer, signal);
  }

  /** The file the run follows, its selection and its secrets, before the lock and before any stage: a refusal here starts nothing. */
  private async ready(request: RunRequest, loaded: LoadResult, answer: Promise<RepoAnswer>): Promise<Source | StartOutcome> {
    const checked = await checkRun({ request, loaded, configFile: this.configFile, answer: () => answer, memo: this.committedParse });
    if (checked.kind === 'invalid') { this.emitter.emit({ type: 'configInvalid', errors: checked.result.errors }); }
    if (checked.kind !== 'source') { return checked; }
    return (await this.secrets.prepare(checked.pipeline, request)) ?? checked;
  }

  /** Holding the repository's run lock (runExclusion.ts), released as the run finishes. git's answer comes in while it is taken, and is asked again if the lock made us wait
   * (that run may have changed the tree): a clean run of a commit that is no longer HEAD is then decided again. */
  private async launchLocked(request: RunRequest & { runId: string }, source: Source, asked: Promise<RepoAnswer>, signal: AbortSignal): Promise<StartOutcome> {
    let waited = false;
    const lock = await takeRunLock(await this.dataDir(), request.runId, request.waitForLock === true, signal,
      (message) => { waited = true; this.emitter.emit({ type: 'waitingForRun', message }); }, async () => { await this.files.cleanUp(); }, this.opts.holderKind);
    if (!lock.ok) { return { kind: 'refused', reason: lock.message }; }
    this.releaseLock = lock.release;
    const [answer, ran, unwritable] = await Promise.all([waited ? repoAnswerFor(this.folder, request, () => this.repoFacts.take(request.nameUncommitted)) : asked,
      triggeredRunRefusal(request, () => this.history(), new Set(source.pipeline.stages.map((s) => s.name))), this.files.unwritable()]); // after the lock: it names a folder not ours
    const moved = !ran && answer.ok && source.commit !== undefined && request.sha === undefined && answer.repo.sha !== source.commit;
    const current = moved ? await this.ready(request, await this.validate(), Promise.resolve(answer)) : source;
    const outcome: StartOutcome = ran ? ran : unwritable !== undefined ? { kind: 'refused', reason: `cannot start a run: ${unwritable}` }
      : !answer.ok ? { kind: 'refused', reason: answer.reason } // never reject: a queued launch has nobody awaiting it
      : current.kind !== 'source' ? current
        : signal.aborted ? { kind: 'refused', reason: this.disposed ? 'Gearshift is shutting down' : 'cancelled before it started' }
          : await this.launchRun(request, current, answer.repo, signal);
    if (outcome.kind !== 'started') { await this.releaseRunLock(); }
    return outcome;
  }

  private async releaseRunLock(): Promise<void> {
    const release = this.releaseLock;
    this.releaseLock = undefined;
    await release?.().catch((e: Error) => this.emitter.emit({ type: 'historyProblem', message: `could not release the run lock: ${e.message}` }));
  }

  private async launchRun(request: RunRequest, source: Source, repo: RepoInfo, signal: AbortSignal): Promise<StartOutcome> {
    let run: PipelineRun;
    let worktree: Worktree | undefined;
    let context: RunContext;
    let hooks: RunHooks | undefined;
    const sha = request.sha ?? repo.sha;
    const runId = request.runId ?? randomUuid();
    try {
      const prepared = await prepareCheckout(source, repo, request, { id: runId, dataDir: await this.dataDir() });
      if (!prepared.ok) {
        if (prepared.invalid) {
          this.emitter.emit({ type: 'configInvalid', errors: prepared.invalid.errors });
          return { kind: 'invalid', result: prepared.invalid };
        }
        return { kind: 'refused', reason: prepared.reason ?? 'could not prepare the checkout', ...(prepared.notHead !== undefined ? { notHead: prepared.notHead } : {}) };
      }
      worktree = prepared.worktree;
      context = await this.runContext(runId, prepared.pipeline, source.pipeline.root, sha, request, worktree?.path);
      hooks = await hooksFor(this.opts.hooks, context);
      run = new PipelineRun({
        pipeline: context.pipeline, sha, branch: request.branch ?? (repo.branch || (request.detachedBranch ?? '')), trigger: request.trigger, runId, gate: closedWhenUnanswered(hooks?.gate, { pipeline: context.pipeline, request, why: this.opts.nobodyCanApprove, approve: this.opts.approve, record: () => run.record }),
        only: request.only, from: request.from, target: request.target, environment: request.environment,
        approve: this.opts.approve, baseEnv: this.opts.baseEnv, extraEnv: worktree ? request.extraEnv : { ...hookIndexEnv(this.opts.baseEnv ?? process.env, process.cwd()), ...request.extraEnv }, color: this.opts.color, killGraceMs: this.opts.killGraceMs, flow: this.flow, secrets: this.secrets.current,
      });
      Object.assign(run.record, filesNotes(source.note, prepared.flagsDiffer, worktree?.submodulesLeft)); // the banner says which files this run follows
    } catch (e) {
      hooks?.hold?.cancel('the run did not start'); await worktree?.remove(); // the hold lets go of what it took (a listener)
      // --stage/--from naming no stage, a worktree git refused, production without hooks: report it, never reject.
      return { kind: 'refused', reason: e instanceof Error ? e.message : String(e), ...(e instanceof RefusedOnRed ? { red: e.red } : {}) };
    }
    // No await from here to `this.active`: a cancel or dispose while it was prepared (a worktree, the hooks) stops it here, or finds it active.
    if (signal.aborted) { hooks?.hold?.cancel('the run did not start'); await worktree?.remove(); return { kind: 'refused', reason: this.disposed ? 'Gearshift is shutting down' : 'cancelled before it started' }; }
    return this.startRun(run, worktree, context, hooks?.hold, repo);
  }

  private startRun(run: PipelineRun, worktree: Worktree | undefined, context: RunContext, hold: StagesHold | undefined, repo: RepoInfo): StartOutcome {
    describeRun(run.record, context.pipeline, context.request, repo, worktree?.path);
    // Active before start(), which emits runStarted and the first stageStarted synchronously: views read `current` then.
    // `done` resolves once the end is in history too, so callers can read it back at once.
    let settleDone: (done: Promise<RunRecord>) => void = () => undefined;
    const active: NonNullable<typeof this.active> = { run, done: new Promise<RunRecord>((resolve) => { settleDone = resolve; }), ...(hold ? { hold } : {}) };
    this.active = active;
    const ended = (e: EngineEvent | RunEvent): void => { if (e.type === 'runEnded') { active.ended = true; } }; // as the views hear it
    run.onEvent((e) => { if (!hold) { ended(e); } this.onRunEvent(e, hold !== undefined); });
    const done = run.start()
      .then(async (record) => { await worktree?.remove(); return record; })
      .then((record) => (hold ? holdRunOpen(record, hold, (e) => { ended(e); this.emitter.emit(e); }, (r) => this.files.append('end', r)) : record))
      .then(async (record) => { await this.opts.hooks?.afterRun?.(record, context); return record; })
      // Its record whole in history before the lock lets a waiting run (another process) start; the lock free before a queued one launches.
      .then(async (record) => { await this.files.idleWithin(); await this.releaseRunLock(); return this.finished(record); });
    settleDone(done);
    return { kind: 'started', run, done, ...(run.record.dirty === true && repo.uncommitted ? { uncommitted: repo.uncommitted } : {}) };
  }

  private async runContext(runId: string, pipeline: Pipeline, root: string, sha: string, request: RunRequest, worktree: string | undefined): Promise<RunContext> {
    return {
      runId, pipeline: this.secrets.forHooks(pipeline), root, sha, request, ...(worktree !== undefined ? { worktree } : {}), dataDir: await this.dataDir(), history: () => this.history(), historyCleaned: () => this.historyCleaned(), env: this.env, secrets: this.secrets.current, emit: (e) => this.emitter.emit(e),
      onStageStarted: (fn) => this.emitter.on((e) => { if (e.type === 'stageStarted' && e.run.id === runId && e.pid) { fn(e.pid, e.startTime); } }),
      ...(this.opts.killGraceMs !== undefined ? { killGraceMs: this.opts.killGraceMs } : {}),
    };
  }

  /** The run is over (its hold too): remember it, tell the views, start what waits. */
  private finished(record: RunRecord): RunRecord {
    this.active = undefined;
    this.last = record;
    this.emitter.emit({ type: 'lastRunChanged', run: record });
    const next = this.pending.take();
    if (next && !this.disposed) { void this.launch(next); }
    return record;
  }

  /** Whether this engine wrote the run (views tell their own history lines from another process's). */
  wrote(runId: string): boolean { return this.ownRuns.has(runId); }

  private onRunEvent(e: RunEvent, holdEnd: boolean): void {
    if (e.type === 'runStarted') { this.ownRuns.add(e.run.id); }
    this.files.appendRunEvent(e, holdEnd);
    if (e.type === 'runEnded' && holdEnd) { return; } // afterStages ends it
    this.emitter.emit(e);
    if (e.type === 'runStarted') { this.emitter.emit({ type: 'lastRunChanged', run: e.run }); }
  }

  /** Cancels what runs and every operation, stops a launch in flight, drops what waits; resolves when processes and history are done. */
  async dispose(reason = 'Gearshift is shutting down'): Promise<void> {
    this.disposed = true;
    this.cancel(reason);
    await Promise.all([this.launching, this.operations.stop()]);
    await this.settle();
    this.emitter.clear();
  }
}
