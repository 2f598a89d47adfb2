/**
 * An engine's runs as text on the CLI's streams: banner, stage output, results and the summary
 * table, exactly as `gearshift run` prints them. Shared by `run` and `watch`.
 */
import type { PipelineEngine } from '../core/engine';
import { RunRenderer } from '../core/render';
import type { CliIo, OutStream } from './io';

/**
 * Prints every run of `engine` to `out` (history problems to stderr); returns the unsubscribe.
 * Backpressure: when `out` is full (a slow pipe, a paused reader), the engine's flow is held
 * until it drains, so stage pipes are not read meanwhile and nothing piles up in this process.
 */
export function printRuns(engine: PipelineEngine, opts: { out: OutStream; io: CliIo; color: boolean }): () => void {
  const renderer = new RunRenderer({ color: opts.color, mask: (text) => engine.secrets.mask(text) });
  const write = withBackpressure(engine, opts.out);
  return engine.onEvent((e) => {
    if (e.type === 'configInvalid') { return; } // the caller prints these as file:line:col lines
    const text = renderer.render(e);
    if (!text) { return; }
    if (e.type === 'historyProblem') { opts.io.stderr.write(text); } else { write(text); }
  });
}

function withBackpressure(engine: PipelineEngine, out: OutStream): (text: string) => void {
  let holding = false;
  return (text) => {
    if (out.write(text) !== false || holding || !out.onceDrain) { return; }
    holding = true;
    const release = engine.flow.hold();
    out.onceDrain(() => { holding = false; release(); });
  };
}
