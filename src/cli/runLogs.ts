/** Every CLI command that runs stages saves their output as the editor does (core/runlog), so `gearshift logs` and the editor can show it later. */
import type { PipelineEngine } from '../core/engine';
import { printable } from '../core/format';
import { keepRunLogs, type RunLogRecorder } from '../core/runlog';
import type { CliIo } from './io';

export function saveRunLogs(engine: PipelineEngine, io: CliIo): RunLogRecorder {
  return keepRunLogs(engine, {
    mask: (text) => engine.secrets.mask(text),
    problem: (message) => io.stderr.write(`gearshift: ${printable(message, { max: 300 })}\n`),
  });
}

/** Waits for the logs queued so far (bounded by the disk, not by the run), then stops listening. */
export async function closeRunLogs(logs: RunLogRecorder): Promise<void> {
  await logs.idle();
  logs.dispose();
}
