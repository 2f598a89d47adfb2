/**
 * A red remote run counts as red for escalation once: the same failed run seen on every poll,
 * after a reload of the tree or in another folder's refresh, must not notify again.
 */
import type { RemoteStatus } from './types';

const REMEMBERED = 100;

export class RemoteRedOnce {
  private readonly seen = new Set<string>();

  /** True the first time this failed run is seen. */
  isNewRed(status: RemoteStatus, repo = ''): boolean {
    if (status.state !== 'failure' || status.runId === undefined) { return false; }
    const key = `${repo}\0${status.provider ?? ''}\0${status.runId}`;
    if (this.seen.has(key)) { return false; }
    this.seen.add(key);
    if (this.seen.size > REMEMBERED) { this.seen.delete(this.seen.values().next().value as string); }
    return true;
  }
}
