/**
 * Red/green escalation and webhook alerts for one PipelineEngine. It lives in the core, next to
 * the engine, so a run started from the editor, `gearshift run` or `gearshift watch` alerts
 * alike: the engine's run records feed an EscalationSchedule, and its wentRed / reminder /
 * backToGreen events go to `alerts.webhook` (read from the config at that moment, so editing
 * the file needs no restart) through a WebhookAlerter queue. Nothing here blocks a run or throws
 * into it: delivery is fire and forget, failures become log lines with the URL redacted.
 *
 * The red period survives restarts: `start()` rebuilds it from history without announcing it,
 * so a second red CLI run does not say "went red" again, while a green one says "back to green".
 */
import * as path from 'node:path';
import { WebhookAlerter, alertPayload, type AlertPayload, productionAlertPayload, redactUrl } from '../alerts';
import type { WebhookResult } from '../alerts';
import type { PipelineEngine, EngineEvent } from '../engine';
import { SafeEmitter } from '../pipeline';
import type { RunRecord } from '../pipeline';
import { causesOfPeriod, systemClock, type Clock, DEFAULT_REMINDER_MS, EscalationSchedule, type EscalationEvent, redPeriodFromHistory, type RedPeriod, snapshot } from '../redgreen';

export type AlertLogLevel = 'info' | 'warn' | 'error';

export interface PipelineAlertsOptions {
  clock?: Clock;
  /** Reminder interval; 0 = no reminders (a CLI run ends before one could fire). Default 15 min. */
  reminderMs?: number;
  /** Where delivery results go (the extension's LogOutputChannel, the CLI's stderr). */
  log?: (level: AlertLogLevel, line: string) => void;
  /** Prefix of the messages and the payload's `repo`; default the engine folder's name. */
  repoName?: string;
  /** Share a queue, or tune timeouts and retries (tests); default one of our own. */
  alerter?: WebhookAlerter;
}

export class PipelineAlerts {
  private readonly clock: Clock;
  /** Message prefix (may be ''). */
  private readonly repo: string;
  /** The payload's `repo`: never empty, a chat channel may hear from several. */
  private readonly payloadRepo: string;
  private readonly schedule: EscalationSchedule;
  private readonly escalations = new SafeEmitter<EscalationEvent>();
  private readonly alerter: WebhookAlerter;
  private readonly ownsAlerter: boolean;
  private unsubscribe: (() => void) | undefined;
  private started: Promise<void> | undefined;
  private syncing: Promise<void> = Promise.resolve();
  /** Run records that arrive while history is being read: applied after it, in order. */
  private held: RunRecord[] | undefined;
  /** Config reads happen one at a time, so alerts are queued in the order they happened. */
  private enqueueing: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly engine: PipelineEngine, private readonly options: PipelineAlertsOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.repo = options.repoName ?? path.basename(engine.folder);
    this.payloadRepo = options.repoName || path.basename(engine.folder);
    this.schedule = new EscalationSchedule({ clock: this.clock, reminderMs: options.reminderMs ?? DEFAULT_REMINDER_MS, repo: this.repo });
    this.schedule.onEvent((e) => this.onEscalationEvent(e));
    this.ownsAlerter = !options.alerter;
    this.alerter = options.alerter ?? new WebhookAlerter();
  }

  /** Restores the red period from history (silently), then follows the engine's runs. Never rejects. */
  start(): Promise<void> {
    this.started ??= this.begin();
    return this.started;
  }

  /** Every escalation event (commitWhileRed too), for notifications. Returns an unsubscribe. */
  onEscalation(listener: (event: EscalationEvent) => void): () => void {
    return this.escalations.on(listener);
  }

  /** A new local commit: while red, one "is this the fix?" per red period, not about a commit Gearshift made (its revert). `runs`: the commit starts its own run. */
  onCommit(sha: string, runs = false): void {
    const made = this.engine.madeCommits;
    const known = made.knownNow(sha);
    if (known === false) { this.schedule.onCommit(sha, runs); }
    if (known === undefined) { void made.settled(sha).then((mine) => { if (!mine) { this.schedule.onCommit(sha, runs); } }); }
  }

  setReminderMs(ms: number): void {
    this.schedule.setReminderMs(ms);
  }

  get redPeriod(): RedPeriod | undefined {
    return this.schedule.redPeriod;
  }

  /**
   * Another process (the CLI, a second window) may have turned this repository red or green:
   * call when the history file changes. Adopts the state history shows, silently (that process
   * sent its own alerts), so reminders and back-to-green follow the real state. Never rejects.
   */
  async resync(): Promise<void> {
    await this.start();
    if (this.disposed || this.engine.current) { return; } // our own run decides when it ends
    await this.engine.settle().catch(() => undefined); // our last run's end line is written
    this.syncing = this.syncing.then(() => this.syncFromHistory(false));
    return this.syncing;
  }

  /** Resolves when every alert so far has been delivered or given up on (the CLI bounds the wait). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) { await Promise.all([...this.inFlight]); }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe?.();
    this.schedule.dispose();
    this.escalations.clear();
    if (this.ownsAlerter) { this.alerter.dispose(); }
  }

  private async begin(): Promise<void> {
    if (this.disposed) { return; }
    this.unsubscribe = this.engine.onEvent((e) => this.onEngineEvent(e));
    this.syncing = this.syncFromHistory(true);
    await this.syncing;
  }

  private onEngineEvent(e: EngineEvent): void {
    if (e.type === 'deploy' && e.event.type === 'alert') { this.productionAlert(e.runId, e.event.result.message, e.event.autoRollback); return; }
    if (e.type !== 'runStarted' && e.type !== 'runEnded' && e.type !== 'runRecorded') { return; }
    // Masked as history has it: a red period read back from history names its stages masked, and a
    // live green run must compare with it on the same names (review36 F4: "the failing stage was removed").
    const run = this.engine.secrets.mask(e.run);
    if (this.held) { this.held.push(snapshot(run)); } else { this.schedule.onRun(run); }
  }

  /**
   * Runs this engine reports during the read are held back and left out of the fold (their
   * lines may or may not be in the file yet), then applied live: a red run that ends while we
   * read still announces itself, exactly once.
   */
  private async syncFromHistory(initial: boolean): Promise<void> {
    const held: RunRecord[] = [];
    this.held = held;
    try {
      const runs = await this.readHistory();
      if (runs && !this.disposed) {
        const live = new Set(held.map((r) => r.id));
        const read = runs.filter((r) => !live.has(r.id));
        const period = redPeriodFromHistory(read, this.repo, this.clock.now());
        if (initial || !samePeriod(this.schedule.redPeriod, period)) { this.schedule.restore(period, causesOfPeriod(read, period)); } else if (period) { this.schedule.refresh(period); }
      }
    } finally {
      this.held = undefined;
      for (const run of held) { this.schedule.onRun(run); }
    }
  }

  private async readHistory(): Promise<RunRecord[] | undefined> {
    try {
      return (await (await this.engine.history()).read()).runs;
    } catch (e) {
      this.log('warn', `Could not read run history, so the red/green state starts fresh: ${(e as Error).message}`);
      return undefined;
    }
  }

  private onEscalationEvent(e: EscalationEvent): void {
    this.escalations.emit(e);
    const payload = alertPayload(e, this.payloadRepo);
    if (!payload || this.disposed) { return; }
    const delivery = this.enqueue(payload);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /**
   * Monitoring tripped after a production deploy: said at once, whatever the red/green state
   * (a deploy made with the red override would otherwise alert nobody, as the run ends "still red").
   */
  private productionAlert(runId: string | undefined, message: string, autoRollback: boolean): void {
    if (this.disposed) { return; }
    const record = this.engine.current?.record;
    const run = record && (runId === undefined || record.id === runId) ? record : { id: runId ?? '', sha: 'none', branch: '' };
    const payload = productionAlertPayload({ repo: this.payloadRepo, prefix: this.repo, run, message, autoRollback, at: this.clock.now() });
    const delivery = this.enqueue(payload);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Reads the webhook (in order with earlier alerts), queues the POST, logs the outcome. */
  private async enqueue(payload: AlertPayload): Promise<void> {
    const queued = this.enqueueing.then(async () => {
      const url = await this.webhookUrl(payload);
      // The body masked with the run's secrets: a branch name or message may hold one.
      return url === undefined ? undefined : { url, result: this.alerter.send(url, this.engine.secrets.mask(payload)) };
    });
    this.enqueueing = queued.then(() => undefined, () => undefined);
    try {
      const sent = await queued;
      if (sent) { this.report(payload, sent.url, await sent.result); }
    } catch (e) {
      this.log('error', `Webhook alert (${payload.event}) failed: ${(e as Error).message}`); // defensive
    }
  }

  private async webhookUrl(payload: AlertPayload): Promise<string | undefined> {
    const loaded = await this.engine.validate();
    if (!loaded.ok) {
      this.log('warn', `Webhook alert (${payload.event}) not sent: ${path.basename(this.engine.configFile)} has errors, so alerts.webhook cannot be read`);
      return undefined;
    }
    const hook = loaded.pipeline.alerts?.webhook;
    const resolved = hook === undefined ? undefined : await this.engine.secrets.resolveValue(hook);
    if (resolved && 'missing' in resolved) {
      this.log('warn', `Webhook alert (${payload.event}) not sent: alerts.webhook needs secret ${resolved.missing.join(', ')}, which is not set`);
      return undefined;
    }
    return resolved?.value;
  }

  private report(payload: AlertPayload, url: string, result: WebhookResult): void {
    if (this.disposed && !result.ok) { return; } // aborted by dispose: a shutdown, not a failure
    const where = redactUrl(url);
    if (result.ok) {
      this.log('info', `Webhook alert (${payload.event}) sent to ${where}${result.status ? ` (HTTP ${result.status})` : ''}`);
    } else if (result.attempts === 0) {
      this.log('warn', `Webhook alert (${payload.event}) to ${where} not sent: ${result.error ?? 'unknown reason'}`);
    } else {
      const tries = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
      this.log('error', `Webhook alert (${payload.event}) to ${where} not delivered after ${tries}: ${result.error ?? 'unknown error'}`);
    }
  }

  private log(level: AlertLogLevel, line: string): void {
    // Masked: a secret in alerts.webhook's host (not redacted, unlike its path) or in an error's words (security41 F3).
    try { this.options.log?.(level, this.engine.secrets.mask(line)); } catch { /* a broken log sink must not break alerts */ }
  }
}

/** Same red period (or both green)? Only the run that opened it matters, not later red runs. */
function samePeriod(a: RedPeriod | undefined, b: RedPeriod | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.redRun.id === b.redRun.id;
}
