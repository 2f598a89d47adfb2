/** The typed pipeline that `.gearshift.yml` validates into. Shared by the runner, views and CLI. */

export type Trigger = 'manual' | 'commit';
export type EnvironmentKind = 'non-prod' | 'production';

export interface Stage {
  /** Unique, as written by the user. */
  readonly name: string;
  /** Shell command, run with `/bin/sh -c` in its own process group. */
  readonly run: string;
  /**
   * Names of the stages this one waits for. Already resolved from the file's rules:
   * `needs` absent → the previous stage (none for the first); `needs: []` → none.
   */
  readonly needs: readonly string[];
  /** Milliseconds; the file's default is 30m. */
  readonly timeoutMs: number;
  readonly env: Readonly<Record<string, string>>;
  /** Absolute path, already checked to stay inside the repository root. */
  readonly cwd: string;
  readonly environment?: EnvironmentKind;
  readonly approval?: 'manual';
}

export interface DeployConfig {
  readonly strategy: 'blue-green';
  readonly slots: readonly [string, string];
  readonly switch: string;
}

export interface AlertsConfig {
  readonly webhook?: string;
}

export interface Pipeline {
  readonly version: 1;
  /** Absolute path of the file it was read from. */
  readonly file: string;
  /** Absolute path of the folder holding the file: the default cwd of every stage. */
  readonly root: string;
  readonly trigger: Trigger;
  /** Branch globs whose commits trigger runs; empty = every branch. */
  readonly branches: readonly string[];
  /** In file order. */
  readonly stages: readonly Stage[];
  readonly deploy?: DeployConfig;
  readonly alerts?: AlertsConfig;
  /** Kept as written until the deploy issue gives it a type. */
  readonly monitor?: unknown;
}

/** One problem in the file, positioned for `file:line:col: message` and the Problems panel. */
export interface ConfigError {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
  /** 0-based offsets into the text, for editors that want a range. */
  readonly offset: number;
  readonly endOffset: number;
  readonly message: string;
}

export type LoadResult =
  | { readonly ok: true; readonly pipeline: Pipeline }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };

export const DEFAULT_STAGE_TIMEOUT_MS = 30 * 60 * 1000;
export const CONFIG_FILE_NAME = '.gearshift.yml';

export function formatConfigError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}
