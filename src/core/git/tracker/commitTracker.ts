/**
 * Notices new local commits within milliseconds of `git commit` finishing, whatever made
 * them (VS Code's SCM view, a terminal, another tool), and tells commits to deploy apart from
 * HEAD moves that are not (checkout, reset).
 *
 * Signals: fs.watch on the few directories whose files git rewrites when HEAD moves, with a
 * short debounce to take a burst in one look, and a poll tick as a safety net (and the only
 * signal where watching is off or fails). Every look is the same cheap, serialised `check()`
 * (see RepoSession), so a missed or extra wake-up costs nothing but a few syscalls.
 *
 * Lifecycle: tracking a repository, or waiting for one (the folder is not a repository yet,
 * or its `.git` was deleted): then only `.git` appearing in the folder is watched for.
 */
import * as path from 'path';
import { SafeEmitter } from '../../pipeline';
import { gaveUpEvent, LookRetry, RETRY_DELAYS_MS } from './lookRetry';
import { RepoSession } from './repoSession';
import { presence } from './repoPresence';
import { TrackedList } from './trackedList';
import type { CommitState, ReflogPosition, TrackedCommit, TrackerEvent, TrackerOptions, TrackerStatus } from './types';
import { WatchSet } from './watchSet';

/** After `.git` shows up, look this often for a while: `git init` fills it in after creating it. */
const APPEAR_RETRY_MS = 50;
const APPEAR_RETRY_FOR_MS = 3000;
/**
 * getRepoInfo's simple-git (shared code, default options) arms a 50 ms timer per git call
 * that outlives the call; dispose waits that long after the last attach so none survives it.
 */
const REPO_INFO_TIMER_MS = 60;

export class CommitTracker {
  private readonly emitter = new SafeEmitter<TrackerEvent>();
  private readonly list = new TrackedList();
  private readonly repoWatch = new WatchSet(() => this.wake());
  private readonly rootWatch = new WatchSet(() => this.wake(true));
  private readonly folder: string;
  private readonly debounceMs: number;
  private readonly pollMs: number;
  private readonly clock: () => number;
  private readonly retry: LookRetry;
  private state: TrackerStatus['state'] = 'idle';
  private session: RepoSession | undefined;
  /** How far the reflog was read when the last news was told (see readTo). */
  private told: ReflogPosition | undefined;
  private lastRoot: string | undefined;
  private waitingSince = 0;
  private lastPresence: string | undefined;
  private retryUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastAttach = 0;
  private lastWake = -Infinity;

  constructor(private readonly opts: TrackerOptions) {
    this.folder = path.resolve(opts.folder);
    this.debounceMs = opts.debounceMs ?? 20;
    this.pollMs = opts.pollMs ?? 1000;
    this.clock = opts.clock ?? Date.now;
    this.retry = new LookRetry(opts.retryDelaysMs ?? RETRY_DELAYS_MS, () => this.look());
  }

  /** Resolves once the tracker knows where it stands (tracking or waiting); never rejects. */
  async start(): Promise<void> {
    if (this.state !== 'idle') { return; }
    this.state = 'waiting';
    this.waitingSince = this.clock();
    await this.exclusive(() => this.attach('existing'));
    if (!this.disposed()) { this.poll = setInterval(() => this.wake(), this.pollMs); }
  }

  /** Subscribe; returns the unsubscribe function. Listener errors never reach the tracker. */
  onEvent(listener: (e: TrackerEvent) => void): () => void {
    return this.emitter.on(listener);
  }

  /** Every commit seen since start, once each, oldest first. */
  tracked(): TrackedCommit[] {
    return this.list.list();
  }

  /** For the trigger: a pipeline ran for these commits, or they reached production. */
  mark(shas: readonly string[], state: Exclude<CommitState, 'new' | 'replaced'>): void {
    this.list.mark(shas, state);
  }

  /**
   * How far into the reflog every line was turned into the events already told (a listener asking
   * while it is told one gets the position after it), for the next tracker to resume from:
   * TrackerOptions.resumeFrom. undefined while not tracking, or with no reflog to stand in.
   */
  readTo(): ReflogPosition | undefined { return this.session && this.told; }

  status(): TrackerStatus {
    const status: TrackerStatus = {
      state: this.state,
      watching: this.opts.watch !== false && !this.repoWatch.failed && !this.rootWatch.failed,
    };
    const s = this.session;
    if (s) {
      status.source = s.reflogPresent ? 'reflog' : 'head';
      status.gitDir = s.dirs.gitDir;
      status.commonDir = s.dirs.commonDir;
      if (s.dirs.root !== undefined) { status.root = s.dirs.root; }
      status.reflogDisabled = s.reflogDisabled;
    }
    return status;
  }

  /** Closes every watcher and timer and waits for a look in progress (no git left running). */
  async dispose(): Promise<void> {
    this.state = 'disposed';
    clearTimeout(this.timer);
    clearInterval(this.poll);
    this.timer = this.poll = undefined;
    this.retry.cancel();
    this.repoWatch.close();
    this.rootWatch.close();
    while (this.running) {
      await this.running;
    }
    this.repoWatch.close(); // a look that was running may have opened some again
    this.rootWatch.close();
    this.emitter.clear();
    const left = this.lastAttach + REPO_INFO_TIMER_MS - Date.now();
    if (left > 0) {
      await new Promise((resolve) => setTimeout(resolve, left));
    }
  }

  /**
   * Something may have changed. The first wake-up after a quiet spell looks at once: a commit's
   * reflog line is the event, and waiting costs every commit the debounce. Wake-ups within the
   * debounce after it (a rebase, a burst of commits) are coalesced into one look after it.
   */
  private wake(appearing = false): void {
    if (appearing && this.state === 'waiting') {
      this.retryUntil = Date.now() + APPEAR_RETRY_FOR_MS;
    }
    if (this.state === 'disposed' || this.state === 'idle' || this.timer) {
      return;
    }
    const now = Date.now();
    const quiet = now - this.lastWake >= this.debounceMs;
    this.lastWake = now;
    if (quiet) {
      this.look();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.look();
    }, this.debounceMs);
  }

  private look(): void {
    void this.exclusive(() => this.lookOnce());
  }

  /** One look at a time: a wake-up during a look means "look again right after". */
  private exclusive(fn: () => Promise<void>): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = fn().catch((err: unknown) => {
      this.emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }).finally(() => {
      this.running = undefined;
      if (this.again && this.state !== 'disposed') {
        this.again = false;
        this.look();
      }
    });
    return this.running;
  }

  private async lookOnce(): Promise<void> {
    if (this.state === 'waiting') {
      await this.attach('appeared');
    } else if (this.state === 'tracking' && this.session) {
      await this.checkSession(this.session);
    }
  }

  private async checkSession(session: RepoSession): Promise<void> {
    const rollBack = this.retry.rollBack;
    try {
      const result = await session.check(rollBack);
      if (this.state === 'disposed') { return; }
      this.retry.succeeded();
      if (result.gone) { return this.gone(); }
      this.told = session.position(); // before the events: a listener saving where we are includes them
      result.events.forEach((event) => this.record(event));
      await this.watchRepo(session);
    } catch (err) {
      // Usually `.git` going away under us; else retry (nothing was consumed), report on giving up. Disposed meanwhile: nothing.
      const gone = await session.isGone().catch(() => false);
      if (this.disposed()) { return; }
      if (gone) { this.retry.succeeded(); return this.gone(); }
      // Given up: commits that came during the retries are not part of it; a look right after reads them.
      if (!this.retry.failed(rollBack)) { this.emit(gaveUpEvent(err, this.retry.attempts, session.missed, session.currentBranch)); this.again = true; }
    }
  }

  private async attach(mode: 'existing' | 'appeared'): Promise<void> {
    const folders = this.waitFolders();
    const seen = await presence(folders);
    const retrying = Date.now() < this.retryUntil;
    // Ask git only when a `.git` is there and changed since git last said no (no polling storm
    // on a folder that is not a repository, or has a broken `.git`).
    if (mode === 'appeared' && (!seen.present || seen.key === this.lastPresence)) {
      return this.keepWaiting(folders, retrying);
    }
    let session: RepoSession | undefined;
    try {
      session = await RepoSession.attach(this.folder, { mode, sinceMs: this.waitingSince, maxRange: this.opts.maxRange ?? 1000, resumeFrom: this.opts.resumeFrom });
    } catch (err) {
      this.emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
    this.lastAttach = Date.now();
    if (this.state === 'disposed') { return; }
    if (!session) {
      this.lastPresence = seen.key;
      return this.keepWaiting(folders, retrying);
    }
    this.session = session;
    this.told = session.position();
    this.lastRoot = session.dirs.root;
    this.state = 'tracking';
    this.retryUntil = 0;
    await this.watchRepo(session);
    if (mode === 'appeared') { this.emit({ type: 'repoAppeared', gitDir: session.dirs.gitDir }); }
    // Commits made before we got here: `git init && git commit`, or since the last tracker left off.
    if (mode === 'appeared' || session.resumed) { await this.checkSession(session); }
  }

  private async keepWaiting(folders: string[], retrying: boolean): Promise<void> {
    if (this.opts.watch !== false && !this.disposed()) {
      await this.rootWatch.update(folders.map((dir) => ({ dir, names: ['.git'] })));
    }
    if (retrying && this.state === 'waiting' && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.look();
      }, APPEAR_RETRY_MS);
    }
  }

  private gone(): void {
    if (this.disposed()) { return; } // state must stay 'disposed': 'waiting' would start looking again
    const gitDir = this.session?.dirs.gitDir ?? '';
    this.session = undefined;
    this.repoWatch.close();
    this.state = 'waiting';
    this.waitingSince = this.clock();
    this.lastPresence = undefined;
    this.emit({ type: 'repoGone', gitDir });
    // A `.git` replaced rather than deleted is already there: look for it straight away.
    this.wake(true);
  }

  private async watchRepo(session: RepoSession): Promise<void> {
    if (this.opts.watch === false || this.state !== 'tracking') {
      return;
    }
    await this.repoWatch.update(session.watchSpecs());
    // `.git` deleted or replaced is seen here first (the repo's own watchers die with it).
    await this.rootWatch.update([{ dir: session.dirs.root ?? this.folder, names: ['.git'] }]);
  }

  private waitFolders(): string[] {
    return [...new Set([this.folder, ...(this.lastRoot ? [this.lastRoot] : [])])];
  }

  private record(event: TrackerEvent): void {
    if (event.type === 'newCommits') {
      this.list.add(event.commits, event.operation, new Date(this.clock()).toISOString());
      if (event.replaces) {
        const by = event.operation === 'amend' ? event.commits[event.commits.length - 1]?.sha : undefined;
        this.list.replace(event.replaces, by);
      }
    }
    this.emit(event);
  }

  /** A method, not a field test: TypeScript would narrow `state` across the awaits above. */
  private disposed(): boolean {
    return this.state === 'disposed';
  }

  private emit(event: TrackerEvent): void {
    if (!this.disposed()) { this.emitter.emit(event); }
  }
}
