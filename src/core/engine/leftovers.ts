/**
 * Cleaning up after runs whose owner died (kill -9, an OOM kill, the extension host crashing):
 * their stage processes would run on — a production stage deploying with nobody watching — and
 * a `checkout: clean` worktree would stay registered. Every run writes its stage process groups
 * (with the leader's /proc start time) and its worktree into history as they start, so the next
 * Gearshift command in the repository, or the editor's engine on first use, finds them here:
 * kills what is left (SIGTERM, then SIGKILL), removes the worktree, and writes the run's end
 * line as `interrupted`, so it is cleaned once — or as `red` when the run had failed already (a
 * stage recorded failed or timed out, a production alert): a kill cannot take a verdict back.
 *
 * Never touched: runs whose writer is alive (pid and start time both match), and what a
 * `keep: true` stage left behind after it ended (a server started on purpose).
 *
 * A run killed before its first `stage` line (a switch by hand as its script started) has none of that in
 * history, but the lock it held names it while its holder is dead: such a run is ended too (deadLockRuns.ts).
 *
 * Several commands may start at once after a crash (a `status` in a prompt, the editor, a hook):
 * the cleaning holds `cleanup.lock` beside the history and reads the runs again under it, so a
 * dead run is cleaned, and gets its end line, once.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { FileLock } from '../lock';
import { MONITORS_DIR, WORKTREES_DIR, deadOwners } from './ownedRecords';
import { deadLockRuns } from './deadLockRuns';
import { removeLeftoverWorktree, type LeftoverRemoval } from '../git';
import { isoTime } from '../format';
import type { HistoryStore, StageProcessRef } from '../history';
import {
  RUN_COOKIE_VAR, STAGE_COOKIE_VAR, hasEnv, processesWithEnv, recordedGroupMembers, sameProcessAlive, signalEach, stageCookie,
  type RunRecord,
} from '../pipeline';

export interface LeftoverReport {
  /** Runs found dead with something to clean, now recorded `interrupted`. */
  runs: number;
  /** Processes signalled. */
  killed: number;
  worktrees: number;
  /** Why each dead run's worktree folder was left where it is (removeLeftoverWorktree): the caller says them. */
  left: string[];
}

/** How many recent runs are looked at: a crash is cleaned by the next command, so it is recent. */
const RECENT_RUNS = 50;
const TERM_GRACE_MS = 2000;
const CLEANUP_LOCK_FILE = 'cleanup.lock';
/** Longer than a cleanup takes (a SIGTERM grace and a SIGKILL grace per run, and git removing worktrees). */
const CLEANUP_LOCK_WAIT_MS = 30_000;
const CLEANUP_LOCK_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * What a dead run's end line should say besides `interrupted`, from state kept elsewhere (a deploy
 * killed during its switch: deploy.json's intent). `dataDir`: the folder holding history. Asked
 * after its leftovers are killed; undefined, or a rejection, adds nothing.
 */
export type InterruptedRunNote = (run: RunRecord, dataDir: string) => Promise<Partial<RunRecord> | undefined>;

export async function cleanUpDeadRuns(store: HistoryStore, repoRoot: string | undefined, graceMs = TERM_GRACE_MS, note?: InterruptedRunNote): Promise<LeftoverReport> {
  const { runs } = await store.read({ limit: RECENT_RUNS });
  return cleanUpDeadRunsIn(runs, store, repoRoot, graceMs, note);
}

/**
 * The same for runs the caller has already read (newest first, as `store.read({ limit })`
 * gives them): a reader that needs the newest runs anyway does not read them twice. Only the
 * newest RECENT_RUNS are looked at, as above; report.runs > 0 means end lines were appended.
 */
export async function cleanUpDeadRunsIn(
  newestFirst: readonly RunRecord[], store: HistoryStore, repoRoot: string | undefined, graceMs = TERM_GRACE_MS, note?: InterruptedRunNote,
): Promise<LeftoverReport> {
  const report = await cleanUpRuns(newestFirst, store, repoRoot, graceMs, note);
  // After the runs: a monitor a dead run's stage started, killed with that run just now, is dead by now too.
  const dataDir = path.dirname(store.file);
  report.killed += (await cleanUpDeadOwners(dataDir, MONITORS_DIR, undefined, graceMs)).killed;
  // A clean worktree whose run died during its checkout, before its start line named it (ownedRecords.ts).
  // A run history names was cleaned above, its `keep: true` stages spared: not killed again by its cookie (rereview38b F3).
  const named = new Set(newestFirst.map((run) => run.id));
  const worktrees = await cleanUpDeadOwners(dataDir, WORKTREES_DIR, repoRoot, graceMs, named);
  report.killed += worktrees.killed;
  report.worktrees += worktrees.removed;
  report.left.push(...worktrees.left);
  return report;
}

async function cleanUpRuns(
  newestFirst: readonly RunRecord[], store: HistoryStore, repoRoot: string | undefined, graceMs: number, note: InterruptedRunNote | undefined,
): Promise<LeftoverReport> {
  const report: LeftoverReport = { runs: 0, killed: 0, worktrees: 0, left: [] };
  const recent = newestFirst.slice(0, RECENT_RUNS);
  // A run open with nothing in history to clean may be one a dead holder's lock still names (deadLockRuns.ts): only then are the locks read.
  const locked = recent.some((run) => openRun(run) && !leftOpen(run)) ? await deadLockRuns(path.dirname(store.file)) : new Map<string, StageProcessRef[]>();
  const toEnd = (run: RunRecord): boolean => leftOpen(run) || (openRun(run) && locked.has(run.id));
  if (!recent.some(toEnd)) { return report; } // the common case: no lock, no second read
  const lock = new FileLock(path.join(path.dirname(store.file), CLEANUP_LOCK_FILE), { maxAgeMs: CLEANUP_LOCK_MAX_AGE_MS });
  const got = await lock.acquireWithin('cleaning up after an interrupted run', CLEANUP_LOCK_WAIT_MS);
  if (!got.ok) { return report; } // another command is cleaning them up
  try {
    // Again under the lock: a command that cleaned before us has written their end lines.
    const { runs } = await store.read({ limit: RECENT_RUNS });
    for (const run of runs.filter(toEnd)) {
      // A run from another host (a container sharing .git) or an earlier boot: its pids and groups
      // are not this machine's processes. Record it interrupted; signal nothing.
      const procs = [...(Array.isArray(run.processes) ? run.processes as StageProcessRef[] : []), ...(locked.get(run.id) ?? [])];
      const worktree = typeof run.worktree === 'string' ? run.worktree : undefined;
      const ours = writtenHereThisBoot(run);
      const killed = ours ? await killLeftovers(run.id, procs, graceMs) : 0;
      const worktreeEnd = ours && worktree && repoRoot ? await removeLeftoverWorktree(repoRoot, worktree) : { removed: false };
      report.runs += 1;
      report.killed += killed;
      report.worktrees += worktreeEnd.removed ? 1 : 0;
      if (worktreeEnd.left !== undefined) { report.left.push(worktreeEnd.left); }
      const noted = await note?.(run, path.dirname(store.file)).catch(() => undefined);
      await store.recordEnd(deadRunEnd({ ...interruptedEnd(run, killed, worktreeEnd), ...noted }));
    }
  } finally {
    await got.release();
  }
  return report;
}

/** What dead owners of records left (ownedRecords.ts): killed by their cookie, a recorded worktree removed, their records removed. */
async function cleanUpDeadOwners(
  dataDir: string, sub: string, repoRoot: string | undefined, graceMs: number, named = new Set<string>(),
): Promise<{ killed: number; removed: number; left: string[] }> {
  let killed = 0;
  let removed = 0;
  const left: string[] = [];
  for (const dead of await deadOwners(dataDir, sub)) {
    if (dead.cookie !== undefined && !named.has(dead.cookie)) { killed += await killLeftovers(dead.cookie, [], graceMs); }
    // A folder that is not this repository's run folder is left, and why is said (faults40 F3); the record, naming nobody alive, goes.
    const end = dead.dir !== undefined && repoRoot !== undefined ? await removeLeftoverWorktree(repoRoot, dead.dir) : { removed: false };
    if (end.removed) { removed += 1; }
    if (end.left !== undefined) { left.push(end.left); }
    await dead.forget();
  }
  return { killed, removed, left };
}

/** One line per worktree folder a clean-up left, in the words every caller says it (the CLI's stderr, the editor's history problems). */
export function leftWorktreeLines(report: LeftoverReport | undefined): string[] {
  return (report?.left ?? []).map((why) => `a stopped run's worktree was left where it is: ${why}; if nothing else uses it, remove it with git worktree remove --force`);
}

/** Whether cleanUpDeadRunsIn would look for leftovers among these runs (newest first). */
export function awaitsCleanUp(newestFirst: readonly RunRecord[]): boolean {
  return newestFirst.slice(0, RECENT_RUNS).some(leftOpen);
}

/**
 * A dead writer's open run reads `interrupted`, or `cancelled` when it had been asked to stop (runMerger.ts); neither has an end yet.
 * Only runs that may have left something: stage processes, a worktree, or production stages ahead. A deploy killed
 * while it sampled its monitoring baseline has no `stage` line yet, but its `command:` probes carry its cookie and
 * hold its locks (faults38 F5). Others (older lines, runs killed before any stage, another host's deploy in its baseline)
 * stay as they read.
 */
function leftOpen(run: RunRecord): boolean {
  return openRun(run) && (Array.isArray(run.processes) || typeof run.worktree === 'string' || deploysProduction(run));
}

/** Its writer is dead (runMerger.ts) and no end line says how it ended. */
function openRun(run: RunRecord): boolean {
  return (run.state === 'interrupted' || run.state === 'cancelled') && run.endedAt === undefined;
}

/**
 * Its start line names production stages and this host as its writer (whose processes the cookie finds). Another
 * host's open run always reads dead from here (its pid cannot be checked): during its baseline it is most likely
 * alive, so it is left as it reads, not ended (rereview38b F4).
 */
function deploysProduction(run: RunRecord): boolean {
  return run.writerHost === os.hostname() && Array.isArray(run.productionStages) && run.productionStages.length > 0;
}

/**
 * `endedAt` is when the run was last known alive (its newest history line, runMerger's
 * `lastSeenAt`), not now: it died some time after that, unseen, and now is only when we noticed.
 * `cleanup.at` says when.
 */
function interruptedEnd(run: RunRecord, killed: number, worktree: LeftoverRemoval): RunRecord {
  const rest: RunRecord = { ...run };
  delete rest.processes; // live pids of a dead run mean nothing to a later reader
  delete rest.lastSeenAt; // it becomes endedAt
  const now = isoTime();
  return {
    ...rest,
    state: run.state === 'cancelled' ? 'cancelled' : 'interrupted',
    endedAt: typeof run.lastSeenAt === 'string' && run.lastSeenAt !== '' ? run.lastSeenAt : now,
    cleanup: { killed, worktreeRemoved: worktree.removed, at: now, note: `the process that ran this stopped without finishing it; its leftovers were cleaned up${worktree.left === undefined ? '' : `; its worktree was left: ${worktree.left}`}` },
  };
}

/**
 * The end line as written: `red` when the run had failed before it died — a stage its `stageEnd` lines
 * record failed or timed out, or a production alert (the note's `alert`, from deploy.json) — as the
 * runner ends it after a Ctrl+C at that moment (a failure outranks the cancel; fail-fast only stops
 * the rest). `interrupted` would open no red period, and `run --stage "Deploy Prod"` would then deploy
 * the failing commit without `--override-red` (faults41 M1). The `cleanup` mark stays, so a reader
 * still knows its end was not seen (a lower-bound duration, stages cut short shown "not reached").
 */
function deadRunEnd(end: RunRecord): RunRecord {
  const failed = end.stages.find((s) => s.state === 'failed' || s.state === 'timedOut');
  if (failed === undefined && end.alert !== true) { return end; }
  const why = failed !== undefined ? `${failed.name} ${failed.state === 'failed' ? 'failed' : 'timed out'}` : 'production monitoring alerted';
  const cleanup = end.cleanup as { note?: unknown } | undefined;
  const note = typeof cleanup?.note === 'string' ? `${cleanup.note}; it had failed before it stopped (${why}), so it ends red` : undefined;
  return { ...end, state: 'red', ...(cleanup && note !== undefined ? { cleanup: { ...cleanup, note } } : {}) };
}

/** SIGTERM to everything of the run that is left, SIGKILL to what survives the grace. */
async function killLeftovers(runId: string, procs: readonly StageProcessRef[], graceMs: number): Promise<number> {
  const first = leftoverPids(runId, procs);
  if (first.length === 0) { return 0; }
  signalEach(first, 'SIGTERM');
  const rest = await waitUntilGone(() => leftoverPids(runId, procs), graceMs);
  signalEach(rest, 'SIGKILL');
  await waitUntilGone(() => leftoverPids(runId, procs), graceMs);
  return first.length;
}

/**
 * The run's processes: members of its recorded groups (start time required and checked, so a
 * reused group id is left alone) and any process carrying the run's cookie, wherever it went. A `keep: true`
 * stage's leftovers are kept unless its shell is still running (the stage never finished).
 */
export function leftoverPids(runId: string, procs: readonly StageProcessRef[]): number[] {
  const pids = new Set<number>();
  const keptStages = new Set<string>();
  for (const p of procs) {
    const unfinished = sameProcessAlive(p.pgid, p.start);
    if (p.keep && !unfinished) { keptStages.add(p.stage); continue; }
    // A group recorded without its leader's start time could be anyone's (history is data): its
    // processes are found through the run's cookie below, never through the group id alone.
    for (const pid of recordedGroupMembers(p.pgid, p.start)) { pids.add(pid); }
  }
  for (const pid of processesWithEnv(RUN_COOKIE_VAR, runId)) {
    const kept = [...keptStages].some((stage) => hasEnv(pid, STAGE_COOKIE_VAR, stageCookie(runId, stage)));
    if (!kept) { pids.add(pid); }
  }
  return [...pids];
}

async function waitUntilGone(alive: () => number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = alive();
    if (left.length === 0 || Date.now() >= deadline) { return left; }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Slack for clock drift when telling whether a run started before this machine booted. */
const BOOT_SLACK_MS = 60_000;

/**
 * The run names this host and started during this boot, not in the future: a line that leaves
 * either out, or dates itself ahead, is not trusted with anyone's processes.
 */
function writtenHereThisBoot(run: RunRecord): boolean {
  if (typeof run.writerHost !== 'string' || run.writerHost !== os.hostname()) { return false; }
  const started = Date.parse(run.startedAt);
  const now = Date.now();
  return !Number.isNaN(started) && started <= now && started >= now - os.uptime() * 1000 - BOOT_SLACK_MS;
}
