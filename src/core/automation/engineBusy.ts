/** Whether the engine is taken, as the commit trigger must know before it starts (or retries) a run. */
import type { PipelineEngine } from '../engine';

/** The engine holds a run or a pending request; `reason`: its refusal said "already in progress". */
export function engineBusy(engine: Pick<PipelineEngine, 'current' | 'queued'>, reason?: string): boolean {
  return engine.current !== undefined || engine.queued !== undefined || /already in progress/.test(reason ?? '');
}
