/** How the commit trigger reads `.gearshift.yml` for each burst of commits, and says once that it is invalid. */
import { type ConfigError, formatConfigError, type LoadResult, type Pipeline } from '../config';
import type { PipelineEngine } from '../engine';
import { modeOf } from './decide';
import type { TriggerMode } from './types';

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

/**
 * What `.gearshift.yml` says for the trigger as of its last read: the mode, and the pipeline of the
 * last valid read (kept while the file is broken: a half-edited file must not drop waiting commits).
 */
export class TriggerConfig {
  private current: TriggerMode = { state: 'unknown' };
  private valid: Pipeline | undefined;
  private readonly invalid = new InvalidNotice();

  /** `sayInvalid` gets the log line of errors not said last, with the errors. */
  constructor(private readonly engine: PipelineEngine, private readonly sayInvalid: (line: string, errors: readonly ConfigError[]) => void) {}

  /** Whether commits start runs. */
  get mode(): TriggerMode { return this.current; }
  get pipeline(): Pipeline | undefined { return this.valid; }

  /** Re-reads the file: its pipeline when valid; undefined when not (the errors said once). */
  async reload(): Promise<Pipeline | undefined> {
    const loaded = await readTriggerConfig(this.engine);
    this.current = modeOf(loaded);
    if (!loaded.ok) { this.tell(loaded.errors); return undefined; }
    this.invalid.clear();
    this.valid = loaded.pipeline;
    return loaded.pipeline;
  }

  /** The file broke between our read and the engine's: nothing runs until it is fixed. */
  broke(errors: readonly ConfigError[]): void {
    this.current = { state: 'invalid', errors };
    this.tell(errors);
  }

  private tell(errors: readonly ConfigError[]): void {
    const line = this.invalid.logLine(errors);
    if (line !== undefined) { this.sayInvalid(line, errors); }
  }
}
