/**
 * What `.gearshift.yml` may hold, so that a config that passes validation can also run, and so
 * that reading one can never hang or flood: see docs/configuration.md, "Limits".
 */

/** Larger is not a pipeline: a bigger file is refused before it is read into memory. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * One `run` command or one `env` entry (NAME=value). Linux refuses any single argument or
 * environment string over 128 KiB (MAX_ARG_STRLEN) with E2BIG, so such a stage could never start.
 */
export const MAX_VALUE_BYTES = 128 * 1024;
/**
 * A stage's `run` plus all its `env` entries. The kernel's total for arguments and environment
 * is usually 2 MiB (ARG_MAX) and the inherited environment needs its share: half is conservative.
 */
export const MAX_STAGE_BYTES = 1024 * 1024;
/** Lists and mappings inside each other; a real pipeline needs about 5. Deeper input would only exhaust the parser's stack. */
export const MAX_NESTING = 64;
/** Longest piece of the user's input quoted back in one message. */
export const MAX_QUOTE_CHARS = 80;

/** Size in bytes as the kernel counts it (UTF-8, plus the terminating NUL). */
export function argBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8') + 1;
}

export function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}
