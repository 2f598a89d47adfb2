/**
 * A JSON value as the CLI prints it (`--json`). JSON.stringify escapes C0 controls but leaves
 * DEL, C1 controls (0x9b alone starts a CSI sequence on some terminals), bidi overrides and line
 * separators raw, and `--json` is often read on a terminal: a branch or a commit subject holding
 * them would act there. They become `\u` escapes too; the text parses to the same value.
 */
const RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function jsonText(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
