/**
 * The webhook alert queue: callers fire and forget (`send` returns at once with a promise that
 * never rejects), alerts go out one at a time in the order they were sent, and the queue is
 * bounded — when it is full the oldest waiting alert is dropped (the newest state matters most)
 * and logged. `idle()` lets the CLI wait for delivery before it exits; `dispose()` aborts.
 */
import type { AlertPayload } from './payload';
import { sendWebhook, type WebhookOptions, type WebhookResult } from './webhook';

export interface AlerterOptions extends Omit<WebhookOptions, 'signal'> {
  /** Alerts waiting behind the one being sent. Default 20. */
  maxQueue?: number;
}

interface Job {
  url: string;
  payload: AlertPayload;
  resolve: (result: WebhookResult) => void;
}

export class WebhookAlerter {
  private readonly queue: Job[] = [];
  private readonly abort = new AbortController();
  private readonly maxQueue: number;
  private running: Promise<void> | undefined;

  constructor(private readonly options: AlerterOptions = {}) {
    this.maxQueue = Math.max(1, Math.floor(options.maxQueue ?? 20));
  }

  /** Queue an alert for `url` (the `alerts.webhook` config value). */
  send(url: string, payload: AlertPayload): Promise<WebhookResult> {
    if (this.abort.signal.aborted) {
      return Promise.resolve({ ok: false, attempts: 0, error: 'the alerter was disposed' });
    }
    return new Promise((resolve) => {
      if (this.queue.length >= this.maxQueue) {
        const dropped = this.queue.shift() as Job;
        this.log(`Webhook alert (${dropped.payload.event}) dropped: more than ${this.maxQueue} alerts waiting`);
        dropped.resolve({ ok: false, attempts: 0, error: 'dropped: the alert queue is full' });
      }
      this.queue.push({ url, payload, resolve });
      this.running ??= this.drain();
    });
  }

  /** Alerts queued or in flight. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Resolves when everything queued so far has been delivered or given up on. */
  async idle(): Promise<void> {
    while (this.running) { await this.running; }
  }

  /** Abort the alert in flight and drop the queue (their promises resolve with ok: false). */
  dispose(): void {
    this.abort.abort();
    for (const job of this.queue.splice(0)) {
      job.resolve({ ok: false, attempts: 0, error: 'the alerter was disposed' });
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        job.resolve(await sendWebhook(job.url, job.payload, { ...this.options, signal: this.abort.signal }));
      }
    } finally {
      this.running = undefined;
    }
  }

  private log(line: string): void {
    try { this.options.log?.(line); } catch { /* see webhook.ts: logging never throws */ }
  }
}
