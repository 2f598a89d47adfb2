import type { EngineEvent } from './events';

/**
 * The last run's output per stage, kept bounded (the tail of each stage) so a stage that prints
 * gigabytes cannot exhaust memory. Feeds "Open Stage Output" and failure summaries.
 */
export class StageLogs {
  private readonly logs = new Map<string, string[]>();
  private readonly sizes = new Map<string, number>();
  /** The run these logs are of (a saved log of another run is read from disk, core/runlog). */
  runId: string | undefined;

  constructor(private readonly maxCharsPerStage = 512 * 1024) {}

  /** Feed every engine event; a new run starts a fresh set of logs. */
  onEvent(e: EngineEvent): void {
    if (e.type === 'runStarted') {
      this.runId = e.run.id;
      this.logs.clear();
      this.sizes.clear();
    } else if (e.type === 'stageOutput') {
      this.append(e.stage, e.chunk);
    }
  }

  get(stage: string): string | undefined {
    const parts = this.logs.get(stage);
    return parts?.join('');
  }

  stages(): string[] { return [...this.logs.keys()]; }

  private append(stage: string, chunk: string): void {
    const parts = this.logs.get(stage) ?? [];
    parts.push(chunk);
    let size = (this.sizes.get(stage) ?? 0) + chunk.length;
    while (size > this.maxCharsPerStage && parts.length > 1) {
      size -= parts.shift()!.length;
    }
    if (size > this.maxCharsPerStage) {
      parts[0] = parts[0].slice(size - this.maxCharsPerStage);
      size = this.maxCharsPerStage;
    }
    this.logs.set(stage, parts);
    this.sizes.set(stage, size);
  }
}
