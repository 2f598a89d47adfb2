/**
 * After a green `run --stage`/`--from`: is the pipeline still red? The run's verdict says GREEN
 * for the run; without this line a developer would read it as "fixed" while `status` and the
 * status bar still say red. The rule is core/redgreen's (leftRedBy), on the history `status` reads.
 */
import type { PipelineEngine } from '../core/engine';
import type { RunRecord } from '../core/pipeline';
import { redLeftOpenIn, stillRedMessage, whatEndsIt, type RedPeriod } from '../core/redgreen';
import { printable } from '../core/format';
import { RunRenderer } from '../core/render';
import type { CliIo, OutStream } from './io';

/** The red period `record` left open, said under the verdict on `out`; undefined (and nothing said) when it ended it or there was none. */
export async function sayIfStillRed(engine: PipelineEngine, record: RunRecord, out: OutStream, color: boolean, io: CliIo): Promise<RedPeriod | undefined> {
  let period: RedPeriod | undefined;
  try {
    period = await redLeftOpenIn(await engine.history(), record); // reads nothing after a red or a full green run
  } catch (e) {
    io.stderr.write(`gearshift: could not tell whether the pipeline is still red: ${printable((e as Error).message, { max: 200 })}\n`);
    return undefined;
  }
  if (period) { out.write(new RunRenderer({ color, mask: (text) => engine.secrets.mask(text) }).stillRed(period)); }
  return period;
}

/** `run --json`'s `stillRed`: what `status --json` calls the period, and what would end it. */
export function stillRedJson(period: RedPeriod): Record<string, unknown> {
  const { stages, production } = whatEndsIt(period);
  return {
    redSince: new Date(period.redSince).toISOString(), failedStage: period.failedStage ?? null, redRunId: period.redRun.id,
    mustPass: stages, mustReachProduction: production, message: stillRedMessage(period),
  };
}
