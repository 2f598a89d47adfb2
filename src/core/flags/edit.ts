/**
 * Text edits of a flags file through jsonc-parser's `modify` + `applyEdits`: only the changed
 * value's bytes change; key order, indentation and spacing elsewhere stay as they were.
 */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { JsonValue } from './types';

/** The file's own indentation, so an inserted flag looks like its neighbours. */
export function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

function setAt(text: string, path: JSONPath, value: JsonValue | undefined): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: formattingOf(text) }));
}

export function setDefaultVariantText(text: string, key: string, variant: string | null): string {
  return setAt(text, ['flags', key, 'defaultVariant'], variant);
}

export function setStateText(text: string, key: string, state: 'ENABLED' | 'DISABLED'): string {
  return setAt(text, ['flags', key, 'state'], state);
}

export function addFlagText(text: string, key: string, definition: JsonValue): string {
  return setAt(text, ['flags', key], definition);
}

export function removeFlagText(text: string, key: string): string {
  return setAt(text, ['flags', key], undefined);
}

/** What Add Feature Toggle writes: a boolean flag, off, with when it was made. */
export function newBooleanFlag(now: Date, on = false): JsonValue {
  return { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: on ? 'on' : 'off', metadata: { createdAt: now.toISOString() } };
}
