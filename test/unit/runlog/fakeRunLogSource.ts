import type { RunLogSource } from '../../../src/core/runlog';
import type { RunEvent } from '../../../src/core/pipeline';

/** A run-log source whose events a test emits by hand, with a fixed data folder. */
export class FakeEngine implements RunLogSource {
  private readonly listeners: Array<(e: RunEvent) => void> = [];
  constructor(private readonly dir: string) {}
  onEvent(listener: (e: { type: string }) => void): () => void { this.listeners.push(listener); return () => undefined; }
  dataDir(): Promise<string> { return Promise.resolve(this.dir); }
  emit(e: RunEvent): void { for (const l of this.listeners) { l(e); } }
}
