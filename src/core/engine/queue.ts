import type { RunRequest } from './events';

/**
 * At most one request waits behind the running run. A newer request replaces an older one:
 * running "latest wins" keeps the pipeline close to what the developer last asked for.
 */
export class PendingRequest {
  private pending: RunRequest | undefined;

  put(r: RunRequest): void { this.pending = r; }

  take(): RunRequest | undefined {
    const r = this.pending;
    this.pending = undefined;
    return r;
  }

  peek(): RunRequest | undefined { return this.pending; }

  clear(): void { this.pending = undefined; }
}

/** Run ids written here, the last `keep` of them: enough to recognise the lines of the last runs. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly keep = 64) {}

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.keep) { this.ids.delete(this.ids.values().next().value as string); }
  }

  has(id: string): boolean { return this.ids.has(id); }
}
