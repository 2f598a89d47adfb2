/**
 * The JSON body a webhook receives. `text` makes it a ready Slack / Teams incoming-webhook
 * message; the other fields are for anything that wants to parse it.
 */
import type { EscalationEvent } from '../redgreen/escalation';

export interface AlertPayload {
  /** One plain-text line, no links; `<`, `>` and `&` escaped as Slack requires. */
  text: string;
  state: 'red' | 'green';
  event: 'red' | 'reminder' | 'green';
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
  wentRed: 'red', reminder: 'reminder', backToGreen: 'green', commitWhileRed: undefined,
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

/**
 * Slack reads `<…>` as links and mentions (`<!channel>`): a branch named like that must not ping
 * a whole channel. Slack's documented escape is these three HTML entities; Teams shows them too.
 */
export function chatSafe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
