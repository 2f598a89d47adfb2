/**
 * The JSON body a webhook receives. `text` makes it a ready Slack / Teams incoming-webhook
 * message; the other fields are for anything that wants to parse it.
 */
import type { EscalationEvent } from '../redgreen';
import { clean, PRODUCTION_MONITORING } from '../redgreen';
import { shortSha } from '../format';

export interface AlertPayload {
  /** One plain-text line, no links; `<`, `>` and `&` escaped as Slack requires. */
  text: string;
  state: 'red' | 'green';
  /** `alert`: post-deploy monitoring tripped in production (a `red` follows when the run ends red). */
  event: 'red' | 'reminder' | 'green' | 'alert';
  /** Folder name. */
  repo: string;
  sha: string;
  branch: string;
  /** The stage that turned the pipeline red; null when the red run named none. */
  failedStage: string | null;
  /** ISO 8601: when the red period began. */
  redSince: string;
  /** How long it has been red; for `green`, how long it was red. */
  redForMs: number;
  /** The latest red run, or for `green` the green run. */
  runId: string;
  /** Reminder level: 0 on red, 1, 2, 3… on reminders. */
  level: number;
}

const EVENT: Record<EscalationEvent['type'], AlertPayload['event'] | undefined> = {
  wentRed: 'red', reminder: 'reminder', backToGreen: 'green', commitWhileRed: undefined, stillRed: undefined,
};

/** The body for an escalation event; undefined for events that stay local (commitWhileRed). */
export function alertPayload(e: EscalationEvent, repo = e.repo): AlertPayload | undefined {
  const event = EVENT[e.type];
  if (!event) { return undefined; }
  return {
    text: chatSafe(e.message),
    state: event === 'green' ? 'green' : 'red',
    event,
    repo,
    sha: e.run.sha,
    branch: e.run.branch,
    failedStage: e.failedStage ?? null,
    redSince: new Date(e.redSince).toISOString(),
    redForMs: Math.max(0, Math.round(e.redForMs)),
    runId: e.run.id,
    level: e.level,
  };
}

/** What a production alert says: the facts of the deploy run and the probe that tripped. */
export interface ProductionAlertFacts {
  repo: string;
  /** Message prefix ('' in a single-folder setup). */
  prefix: string;
  run: { id: string; sha: string; branch: string };
  message: string;
  autoRollback: boolean;
  at: number;
}

/** The body for a production alert (monitoring tripped after a deploy). */
export function productionAlertPayload(f: ProductionAlertFacts): AlertPayload {
  const sha = shortSha(f.run.sha);
  const next = f.autoRollback ? 'rolling back automatically' : 'roll back with Gearshift: Roll Back Production or `gearshift rollback`';
  return {
    text: chatSafe(clean(`${f.prefix ? `${f.prefix}: ` : ''}Production alert after deploying ${sha}: ${f.message}; ${next}.`)),
    state: 'red',
    event: 'alert',
    repo: f.repo,
    sha: f.run.sha,
    branch: f.run.branch,
    failedStage: PRODUCTION_MONITORING,
    redSince: new Date(f.at).toISOString(),
    redForMs: 0,
    runId: f.run.id,
    level: 0,
  };
}

/**
 * Slack reads `<…>` as links and mentions (`<!channel>`): a branch named like that must not ping
 * a whole channel. Slack's documented escape is these three HTML entities; Teams shows them too.
 */
export function chatSafe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
