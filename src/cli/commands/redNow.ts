import type { PipelineEngine } from '../../core/engine';
import { redNowIn, type RedNow } from '../../core/redgreen';

/** The open red, read off history (the editor's runs too); undefined when green, or history cannot be read. */
export function redNowOf(engine: PipelineEngine): Promise<RedNow | undefined> {
  return engine.history().then(redNowIn).catch(() => undefined);
}
