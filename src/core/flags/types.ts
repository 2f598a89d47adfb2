/** Feature toggles in flagd's format: the shapes every part of Gearshift shares. */
import type { ConfigError } from '../config';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type FlagState = 'ENABLED' | 'DISABLED';

/** One problem in a flags file, positioned like a config error (`file:line:col: message`). */
export type FlagFileError = ConfigError;

/** One flag as written in the file. */
export interface FlagDefinition {
  readonly key: string;
  readonly state: FlagState;
  readonly variants: Readonly<Record<string, JsonValue>>;
  /** `null`: flagd serves the code default. */
  readonly defaultVariant: string | null;
  /** `$ref`s already replaced by the file's `$evaluators`. */
  readonly targeting?: JsonValue;
  readonly metadata?: Readonly<Record<string, JsonValue>>;
  /** 1-based line of the flag's key in the file. */
  readonly line: number;
}

/** What flagd serves to a request with no context (to everyone, unless targeting says otherwise). */
export interface Served {
  /** `null` = the code default (flag disabled, or no default variant). */
  readonly value: JsonValue;
  readonly variant?: string;
  /** flagd's reason: STATIC, DEFAULT, TARGETING_MATCH, DISABLED or ERROR. */
  readonly reason: string;
  readonly error?: string;
}

export interface ParsedFlags {
  readonly flags: readonly FlagDefinition[];
  /** Served value per key, evaluated by flagd-core. */
  readonly served: ReadonlyMap<string, Served>;
}

export type FlagsParseResult =
  | ({ readonly ok: true } & ParsedFlags)
  | { readonly ok: false; readonly errors: readonly FlagFileError[] };

/** A flags file as read from disk: its text is what an edit must still find there before writing. */
export interface FlagsFileSnapshot {
  readonly environment: string;
  readonly path: string;
  readonly text: string;
  readonly mtimeMs: number;
  /** The first byte that is not UTF-8: where in `text` (which shows it as U+FFFD) and which byte. An edit would rewrite it. */
  readonly invalidUtf8?: { readonly offset: number; readonly byteOffset: number; readonly byte: number };
}
