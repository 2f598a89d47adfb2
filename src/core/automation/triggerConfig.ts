/** How the commit trigger reads `.gearshift.yml` for each burst of commits, and says once that it is invalid. */
import { type ConfigError, formatConfigError, type LoadResult } from '../config';
import type { PipelineEngine } from '../engine';

/** The engine's read of the config; an unreadable file is an invalid one (never rejects). */
export async function readTriggerConfig(engine: PipelineEngine): Promise<LoadResult> {
  const loaded = await engine.validate().catch((err: Error) => err);
  if (!(loaded instanceof Error)) { return loaded; }
  const message = `could not read the pipeline: ${loaded.message}`;
  return { ok: false, errors: [{ file: engine.configFile, line: 1, col: 1, offset: 0, endOffset: 0, message }] };
}

/** The same errors are said once, however many commits arrive while the file stays broken. */
export class InvalidNotice {
  private said = '';

  /** The text to say, or undefined when these errors were said last. */
  fresh(errors: readonly ConfigError[]): string | undefined {
    const text = errors.map(formatConfigError).join('\n');
    if (text === this.said) { return undefined; }
    this.said = text;
    return text;
  }

  /** The log line for errors not said last; undefined when they were. */
  logLine(errors: readonly ConfigError[]): string | undefined {
    const text = this.fresh(errors);
    return text === undefined ? undefined : `gearshift: .gearshift.yml is invalid, commits start no runs until it is fixed:\n${text}`;
  }

  /** The file is valid again: its next errors are news. */
  clear(): void { this.said = ''; }
}
