/**
 * An engine's runs as text on the CLI's streams: banner, stage output, results and the summary
 * table, exactly as `gearshift run` prints them. Shared by `run` and `watch`.
 */
import type { PipelineEngine } from '../core/engine';
import { RunRenderer } from '../core/render';
import type { CliIo, OutStream } from './io';

/** Prints every run of `engine` to `out` (history problems to stderr); returns the unsubscribe. */
export function printRuns(engine: PipelineEngine, opts: { out: OutStream; io: CliIo; color: boolean }): () => void {
  const renderer = new RunRenderer({ color: opts.color });
  return engine.onEvent((e) => {
    if (e.type === 'configInvalid') { return; } // the caller prints these as file:line:col lines
    const text = renderer.render(e);
    if (text) { (e.type === 'historyProblem' ? opts.io.stderr : opts.out).write(text); }
  });
}
