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
  /** Absolute path, already checked to stay inside the pipeline file's folder. */
  readonly cwd: string;
  readonly environment?: EnvironmentKind;
  readonly approval?: 'manual';
  /** Leave what the stage starts running after it ends (a deliberately started server). */
  readonly keep?: boolean;
}

export interface DeployConfig {
  readonly strategy: 'blue-green';
  readonly slots: readonly [string, string];
  readonly switch: string;
  /** `env:` of the switch script: may reference secrets (kept as written; resolved only into its process env). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface AlertsConfig {
  readonly webhook?: string;
}

/** What to do with commits that arrive while a run is in progress (`trigger: commit`). */
export type QueuePolicy = 'latest' | 'all';
/** `workspace`: stages run in the folder as it is; `clean`: in a temporary worktree of the exact sha. */
export type CheckoutMode = 'workspace' | 'clean';

/** One thing to watch after a production deploy. Every probe yields an error rate in [0, 1] per interval. */
export type MonitorProbe =
  /** `http: URL` — `requests` GETs per interval; an error is a status ≥ 500, no answer within `timeoutMs`, or slower than `maxLatencyMs`. */
  | { readonly kind: 'http'; readonly name: string; readonly url: string; readonly timeoutMs: number; readonly requests: number; readonly maxLatencyMs?: number; readonly headers?: Readonly<Record<string, string>> }
  /** `command: …` — run once per interval (sh -c, in the repo root); exit ≠ 0 → rate 1, else a number it prints (0–1) is the rate, else 0. */
  | { readonly kind: 'command'; readonly name: string; readonly run: string; readonly timeoutMs: number }
  /** `log: FILE` + `match: REGEX` — rate = new lines matching ÷ all new lines in the interval (0 when none). */
  | { readonly kind: 'log'; readonly name: string; readonly file: string; readonly match: string }
  /**
   * `compare: previous-slot` + `urls: { slot: URL }` — blue/green, both slots live: each interval
   * `requests` GETs to the live slot and to the previous one at the same moments; a failure is the
   * live slot's error rate above `factor` × the previous slot's.
   */
  | { readonly kind: 'compare'; readonly name: string; readonly compare: 'previous-slot'; readonly urls: Readonly<Record<string, string>>; readonly factor: number; readonly timeoutMs: number; readonly requests: number };

export interface MonitorConfig {
  /** Watch this long after a production deploy (> 0). */
  readonly windowMs: number;
  /** Poll every … (default 5s). */
  readonly intervalMs: number;
  /** Sample this long before the deploy to learn the normal rate (default 3 intervals; 0 = no baseline). */
  readonly baselineMs: number;
  /** An interval whose rate reaches this absolute error rate trips the alarm (default 0.1). */
  readonly threshold: number;
  /** …or whose rate exceeds baseline × spike (default 3), when a baseline is known. */
  readonly spike: number;
  /** Roll back by itself when the alarm trips (default false). */
  readonly autoRollback: boolean;
  readonly probes: readonly MonitorProbe[];
  /** Failed measurements tolerated per probe in the window; one more fails the release (default 0). */
  readonly failureLimit?: number;
  /** Probe errors in a row (nothing measured) that make the release inconclusive (default 4). */
  readonly consecutiveErrorLimit?: number;
  /** Error rates from this up to the alarm are inconclusive: a person decides (default: none). */
  readonly inconclusive?: number;
}

/** How the gauge classifies the team (optional `gears:` section). */
export interface GearsConfig {
  /** History window the gauge looks at (default 90 days). */
  readonly windowMs: number;
  /** Sprint length: the 2nd gear's bound (default 14 days). */
  readonly sprintMs: number;
  /** Git tags that count as production deploys from before Gearshift (glob, e.g. `v*`); none by default. */
  readonly deployTags?: string;
}

/** One flags file and the environment it serves (`default` when one file serves every environment). */
export interface FlagsFileRef {
  readonly environment: string;
  /** Absolute, checked to stay inside the pipeline file's folder. */
  readonly path: string;
}

/** Feature toggles in flagd's format (optional `flags:` section). */
export interface FlagsConfig {
  /** Empty = look for the default files (flags.json or .gearshift/flags.json, flags.non-prod.json, flags.production.json). */
  readonly files: readonly FlagsFileRef[];
  /** A toggle serving one value to everyone for this long is stale (default 30 days). */
  readonly staleAfterMs: number;
  /** The stage that ships flag changes; Kill Switch may run it. */
  readonly deployStage?: string;
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
  /** Default `latest`: a run in progress plus at most one queued run for the newest commit. */
  readonly queue: QueuePolicy;
  /** Default `workspace`. */
  readonly checkout: CheckoutMode;
  readonly deploy?: DeployConfig;
  readonly alerts?: AlertsConfig;
  readonly monitor?: MonitorConfig;
  /** Always present: defaults when the file has no `gears:` section. */
  readonly gears: GearsConfig;
  /** Present only when the file has a `flags:` section. */
  readonly flags?: FlagsConfig;
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
  /** `warnings`: what runs, but not as meant (core/config/warnings.ts); set by the parser, not kept by a ParseMemo's store. */
  | { readonly ok: true; readonly pipeline: Pipeline; readonly warnings?: readonly ConfigError[] }
  /** `missing`: nothing at all where the file would be (no link, no `.yaml` spelling): no file, not a file with errors. */
  | { readonly ok: false; readonly errors: readonly ConfigError[]; readonly missing?: true };

export const DEFAULT_STAGE_TIMEOUT_MS = 30 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_GEARS: GearsConfig = { windowMs: 90 * DAY_MS, sprintMs: 14 * DAY_MS };
export const DEFAULT_FLAGS: FlagsConfig = { files: [], staleAfterMs: 30 * DAY_MS };
/** The flags files read when `flags:` names none (core/flags/files.ts): one every environment reads, then one per environment. */
export const DEFAULT_FLAGS_FILES = ['flags.json', '.gearshift/flags.json'] as const;
export const ENVIRONMENT_FLAGS_FILES = [['non-prod', 'flags.non-prod.json'], ['production', 'flags.production.json']] as const;
export const CONFIG_FILE_NAME = '.gearshift.yml';

export function formatConfigError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}
