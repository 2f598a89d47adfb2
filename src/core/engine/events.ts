/** What an engine tells its views: the runner's events plus the engine's own. */
import type { CheckoutMode, ConfigError } from '../config';
import type { GitLayout } from '../git';
import type { RunEvent, RunRecord } from '../pipeline';

/**
 * Events that parts above the engine send through it (RunHooks' `emit`, `engine.report`), so
 * every view of the engine shows them in order with the run's own. Each part adds its kinds by
 * declaration merging (core/deploy/engineEvents.ts adds `deploy`), so the engine names none of
 * them and imports nothing above it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface EngineEventExtensions {}
export type ExtensionEvent = EngineEventExtensions[keyof EngineEventExtensions];

export type EngineEvent =
  | RunEvent
  /** A run was asked for but the config is invalid: nothing ran. */
  | { type: 'configInvalid'; errors: readonly ConfigError[] }
  /** A request waits for the running run to end (at most one waits; the latest wins). */
  | { type: 'queued'; request: RunRequest }
  /** Another process's run holds the repository's run lock; this one waits for it (says who). */
  | { type: 'waitingForRun'; message: string }
  /** History could not be written or read; the run itself is unaffected. */
  | { type: 'historyProblem'; message: string }
  /**
   * A record no run wrote (a switch or rollback by hand, a kept release) was appended whole: the
   * red/green state takes it as it takes a run's end (a failed switch leaves production broken).
   */
  | { type: 'runRecorded'; run: RunRecord }
  /** The last finished (or running) run changed: views re-read `engine.lastRun`. */
  | { type: 'lastRunChanged'; run: RunRecord | undefined }
  | ExtensionEvent;

export interface RunRequest {
  /** Who or what asked: manual | commit | cli | task | rerun … */
  trigger: string;
  only?: string;
  from?: string;
  /** 'non-prod': every `environment: non-prod` stage and what it needs; no production stage. */
  target?: 'non-prod';
  /** 'production': the production stages only (promote, redeploy); needs outside them count as met. */
  environment?: 'production';
  /** The run's id; default a random UUID. */
  runId?: string;
  /** 'clean': run in a temporary worktree of `sha` whatever the config says (promote an older sha). */
  checkout?: CheckoutMode;
  /** The commit this run is for (a commit-triggered run); default: HEAD when it starts. */
  sha?: string;
  /**
   * `sha` is the commit a question named and a person confirmed: a production deploy, or a run
   * that reaches production. When HEAD moved on, the refusal's advice is to do it again (and be
   * asked about HEAD), not `checkout: clean` (the advice for a commit that waited its turn).
   */
  confirmed?: 'deploy' | 'run';
  branch?: string;
  /**
   * The branch to record and give stages (GEARSHIFT_BRANCH) when HEAD is detached: a CI runner
   * checks the commit out detached and names the branch in the environment (GitLab's
   * `$CI_COMMIT_REF_NAME`, passed by a `--via-cli` job). Ignored on a branch: git's answer wins.
   */
  detachedBranch?: string;
  /** Subject of `sha`, when the caller knows it (data only: shown, never executed). */
  subject?: string;
  /**
   * sha, branch and subject are git's own, read as the commit landed (the commit trigger: its
   * reflog line and loose object), with what else the caller knows: the launch asks git only
   * whether the work tree is dirty. `layout`: where the repository is, as the tracker found it.
   */
  known?: { author: string; layout?: GitLayout };
  /** Commits this run covers (latest-wins coalescing): recorded in history. */
  covers?: string[];
  /** Extra env for every stage, e.g. GEARSHIFT_SLOT. */
  extraEnv?: Record<string, string>;
  /**
   * Deploy although the pipeline is red: a `only`/`from` run that reaches production without the
   * stages before it is refused while red otherwise (core/deploy's red guard, which records `overrideRed` if used).
   */
  overrideRed?: boolean;
  /**
   * The blue/green slots a person was shown when they confirmed this run's production deploy:
   * checked again under the deploy lock, so a deploy made meanwhile (another window, the CLI)
   * cannot turn "to green, blue stays live" into a release over blue.
   */
  slots?: ConfirmedSlots;
  /** Extra fields recorded on the run (approvedBy, overrideRed, rollback …). */
  extra?: Record<string, unknown>;
  /**
   * Another process's run holds the repository: wait for it (true), or be refused naming it
   * (default). Queued requests always wait.
   */
  waitForLock?: boolean;
  /**
   * A commit trigger's run of `sha`: once it holds the run lock, it is refused (`alreadyRan`) if
   * history shows another commit trigger's run of `sha` or one that covered it (a second watch),
   * or a run of it by hand (alreadyRun.ts).
   */
  onceForSha?: boolean;
  /**
   * With `onceForSha`: the chain rule (core/automation commitChain), asked holding the run lock with
   * history's newest runs (newest first, this one left out), so runs another process made count;
   * a reason refuses the run (`chained`).
   */
  chainRule?: (newestRuns: readonly RunRecord[]) => string | undefined;
  /** Name the uncommitted paths the run's own dirty check finds (StartOutcome's `uncommitted`): Deploy to Non-Prod says them. */
  nameUncommitted?: boolean;
}

/** What to do when a run is asked for while one is running. */
export type WhenBusy = 'queue' | 'cancel' | 'refuse';

/** What a production question named: the idle slot the release goes to, and the slot live then. */
export interface ConfirmedSlots {
  target: string;
  live?: string;
}

/** What a confirmed production question adds to a run's request: the commit and slots it named, who said yes. */
export type ConfirmedFields = Pick<RunRequest, 'sha' | 'confirmed' | 'slots' | 'extra'>;
