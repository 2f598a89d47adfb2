import * as vscode from 'vscode';
import { CommitTrigger, PipelineAlerts } from '../../core/automation';
import type { TriggerEvent } from '../../core/automation';
import type { EscalationEvent } from '../../core/redgreen';
import { failingNow, wentRedMessage } from '../../core/redgreen';
import { statusOfRun } from '../../core/engine';
import type { RunRecord } from '../../core/pipeline';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import * as path from 'path';
import { StateFilesWatch } from './stateFilesWatch';
import { folderName } from '../pipeline/folderName';

export interface AutomationHooks {
  log: vscode.LogOutputChannel;
  reminderMs: number;
  trackCommits: boolean;
  onEscalation: (fp: FolderPipeline, e: EscalationEvent) => void;
  onTrigger: (fp: FolderPipeline, e: TriggerEvent) => void;
  /** Another process (CLI, git hook) wrote history. */
  onForeignRun: (fp: FolderPipeline) => void;
  /** deploy.json changed (a switch by the CLI, or one it left interrupted): the live slot may have too. */
  onDeployState: (fp: FolderPipeline) => void;
}

/** core/deploy's DEPLOY_STATE_FILE, beside history (not imported: that would load the deploy chunk with this one). */
const DEPLOY_STATE_FILE = 'deploy.json';

/**
 * What runs by itself for one folder (trusted workspaces only): red/green escalation with
 * webhooks (PipelineAlerts) and commit tracking with the commit trigger (CommitTrigger). Both
 * are core classes the CLI's `watch` uses too; this only forwards their events to the UI.
 */
export class FolderAutomation {
  readonly alerts: PipelineAlerts;
  readonly trigger: CommitTrigger | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private history: StateFilesWatch | undefined;
  /** Message prefix: the folder name in a multi-root workspace, else none. */
  private readonly repo: string;
  /** The catch-up on history running or queued, and whether one is queued and not started yet (follow). */
  private following: Promise<void> = Promise.resolve();
  private followWaiting = false;
  /** A catch-up waits for our run to be over (followAfterOurs). */
  private afterOurs = false;

  constructor(readonly fp: FolderPipeline, private readonly hooks: AutomationHooks) {
    const name = folderName(fp.folder);
    this.repo = (vscode.workspace.workspaceFolders?.length ?? 1) > 1 ? name : '';
    this.alerts = new PipelineAlerts(fp.engine, {
      reminderMs: hooks.reminderMs,
      repoName: this.repo,
      log: (level, line) => hooks.log[level](`[${name}] ${line}`),
    });
    this.unsubscribe.push(this.alerts.onEscalation((e) => hooks.onEscalation(fp, e)));
    if (hooks.trackCommits) {
      this.trigger = new CommitTrigger({ engine: fp.engine, log: (line) => hooks.log.info(`[${name}] ${line}`) });
      this.unsubscribe.push(this.trigger.onEvent((e) => {
        if (e.type === 'commitSeen') { this.alerts.onCommit(e.commit.sha, e.decision.triggers); }
        hooks.onTrigger(fp, e);
      }));
    }
  }

  async start(): Promise<void> {
    await Promise.all([this.alerts.start(), this.trigger?.start()]);
    const store = await this.fp.engine.history();
    if (this.unsubscribe.length === 0) { return; } // disposed while starting
    const follow = (): void => void this.follow();
    this.history = new StateFilesWatch(path.dirname(store.file), { [path.basename(store.file)]: follow, [DEPLOY_STATE_FILE]: () => this.hooks.onDeployState(this.fp) });
    // A run another process wrote while the parts above started (a CLI run as the window opens) made no event here.
    follow();
  }

  /**
   * History changed: catch up, serialised and coalesced like SubfolderPipelines.rediscover. The
   * watch calls every 250 ms while a CLI run writes; two catch-ups at once both saw "not red"
   * before either adopted the red period, and both said "went red" (review35 F3). Resolves once
   * the catch-up that covers this call is done (tests wait on it); never rejects.
   */
  follow(): Promise<void> {
    if (this.followWaiting) { return this.following; }
    this.followWaiting = true;
    this.following = this.following
      .then(() => { this.followWaiting = false; return this.foreignRun(); })
      .catch((e: Error) => { this.followWaiting = false; this.hooks.log.warn(`[${this.fp.folder.name}] following history: ${e.message}`); });
    return this.following;
  }

  /**
   * Lines another process wrote while our run was current are read once ours is over; else, with no later change
   * to the file, the window never showed them. No other run can (the engine lets go of the run lock only once ours
   * is recorded), but a switch, rollback or Keep takes no run lock. One wait at a time.
   */
  private followAfterOurs(): void {
    if (this.afterOurs) { return; }
    this.afterOurs = true;
    void this.fp.engine.settle().catch(() => undefined).then(() => { this.afterOurs = false; return this.follow(); });
  }

  /** History changed; unless it was our own run (its events already told everything), catch up. */
  private async foreignRun(): Promise<void> {
    const { engine } = this.fp;
    if (this.unsubscribe.length === 0) { return; } // disposed while queued
    if (engine.current) { this.followAfterOurs(); return; } // ours runs: its events tell
    const mine = engine.lastRun;
    const last = await (await engine.history()).last().catch(() => undefined);
    // Our own lines (a run, a recorded rollback) are known from our events already.
    if (!last || engine.wrote(last.id) || (mine && last.id === mine.id && progress(last) === progress(mine))) { return; }
    const before = this.alerts.redPeriod;
    await engine.loadLastRun();
    this.trigger?.noteRun(last); // its commits ran (and a green production run deployed them): not "not run" here
    await this.alerts.resync(); // silent: that process sent its own webhooks
    this.hooks.onForeignRun(this.fp);
    // Said once a run has ended: a failing integration run prints this log, and "the window did not show a CLI run" needs to know whether it read it (flaky36).
    if (last.state !== 'running') { this.hooks.log.info(`[${this.fp.folder.name}] read run ${last.id.slice(0, 8)} another process wrote (a terminal, a git hook): ${last.state}`); }
    // …but the developer in this window must still hear that a hook or CLI run went red: also when a green and a new red
    // run were read in one catch-up while red here (a new period, not the one we knew: flaky36).
    const p = this.alerts.redPeriod;
    if (p && p.redRun.id !== before?.redRun.id) {
      const stage = failingNow(p); // what fails now, as the status item says (review39 M4)
      const first = p.failedStage !== undefined && p.failedStage !== stage ? { firstFailedStage: p.failedStage } : {};
      const facts = { repo: this.repo, failedStage: stage, ...first, run: p.latestRedRun, brokenBy: p.redRun, redForMs: Math.max(0, Date.now() - p.redSince) };
      this.hooks.onEscalation(this.fp, { type: 'wentRed', ...facts, level: 0, redSince: p.redSince, message: wentRedMessage(facts) });
    }
  }

  async dispose(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) { u(); }
    this.history?.dispose();
    this.alerts.dispose();
    await this.trigger?.dispose();
  }
}

/** Where a run is: its state and, while it runs in another process, the stage it began last (a history `stage` line each). */
function progress(run: RunRecord): string {
  const s = statusOfRun(run);
  return s.kind === 'running' ? `running ${s.stage ?? ''} ${s.index}/${s.total}` : run.state;
}
