/**
 * A flags file's text → its flags, or every problem with its line:col. Gearshift's own checks
 * come first because they can say precisely what is wrong (duplicate key, a default variant
 * that is not a variant, mixed variant types); flagd-core's schema validation then decides
 * the rest, and flagd-core evaluates what each flag serves — so what Gearshift shows is what
 * flagd would serve.
 */
import * as path from 'node:path';
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { flagdVerdict } from './flagd';
import { flagKeyProblem } from './keys';
import { FlagErrors } from './positions';
import type { FlagDefinition, FlagsFileSnapshot, FlagsParseResult, JsonValue } from './types';
import { printable } from '../format';
import { MAX_FLAGS_FILE_BYTES } from '../config';
import { checkDuplicates, checkFlag } from './checks';
import { checkRefExpansion } from './refExpansion';
import { MAX_FLAGS_NESTING, tooDeepAt } from './nesting';

/** A file as read: bytes that are not UTF-8 are an error at their place (flags files are UTF-8 JSON; an edit would turn them into U+FFFD). */
export function parseFlagsSnapshot(snapshot: FlagsFileSnapshot): FlagsParseResult {
  const bad = snapshot.invalidUtf8;
  if (!bad) { return parseFlagsText(snapshot.text, snapshot.path); }
  const errors = new FlagErrors(snapshot.path, snapshot.text);
  errors.at(bad.offset, 1, `byte 0x${bad.byte.toString(16).padStart(2, '0')} at byte ${bad.byteOffset} is not valid UTF-8; save the file as UTF-8`);
  return { ok: false, errors: errors.errors() };
}

/** Never throws for what a file holds: a check that runs out of stack is the file's error at 1:1, not "no flags file" (rereview37b F6). */
export function parseFlagsText(text: string, file: string): FlagsParseResult {
  try { return checkFlagsText(text, file); } catch (e) {
    if (!(e instanceof RangeError)) { throw e; }
    const errors = new FlagErrors(file, text);
    errors.at(0, 1, `the file could not be checked: ${e.message}`);
    return { ok: false, errors: errors.errors() };
  }
}

function checkFlagsText(text: string, file: string): FlagsParseResult {
  const errors = new FlagErrors(file, text);
  if (Buffer.byteLength(text) > MAX_FLAGS_FILE_BYTES) {
    errors.at(0, 1, `the file is larger than ${MAX_FLAGS_FILE_BYTES / 1024 / 1024} MiB; a flags file is small JSON`);
    return { ok: false, errors: errors.errors() };
  }
  if (text.trim() === '') {
    errors.at(0, 1, 'the file is empty; it needs `{ "flags": { … } }`');
    return { ok: false, errors: errors.errors() };
  }
  if (text.startsWith('\uFEFF')) {
    // flagd (and flagd-core) refuse it, and "unexpected character" at 1:1 shows nothing: the mark is invisible in an editor.
    errors.at(0, 1, 'the file starts with a byte order mark (BOM), which flagd does not read as JSON; save the file as UTF-8 without BOM');
    return { ok: false, errors: errors.errors() };
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    errors.at(deep, 1, `nesting too deep: objects and arrays may be nested at most ${MAX_FLAGS_NESTING} levels; flatten the structure`);
    return { ok: false, errors: errors.errors() };
  }
  const syntax: ParseError[] = [];
  // flagd reads plain JSON: comments and trailing commas would stop it, so they are errors here too.
  const root = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
  if (syntax.length > 0 && looksLikeYaml(text, file)) {
    // flagd also reads YAML definitions; Gearshift edits JSON only: one line that says so, not a column of JSON errors.
    errors.at(0, 1, `${path.basename(file)} is YAML, not JSON: flags files must be JSON (flagd's YAML form is not read); write the flags as JSON`);
    return { ok: false, errors: errors.errors() };
  }
  reportSyntax(text, syntax, errors);
  if (errors.count > 0 || !root) {
    return { ok: false, errors: errors.errors() };
  }
  checkDuplicates(root, errors);
  // Before anything copies a `$ref` (checkFlag's resolveRefs, then flagd-core): a few KB can expand to GBs.
  checkRefExpansion(root, errors);
  if (errors.count > 0) { return { ok: false, errors: errors.errors() }; }
  const flags = readFlags(root, errors);
  if (errors.count > 0 || !flags) { return { ok: false, errors: errors.errors() }; }
  const verdict = flagdVerdict(text, root, errors);
  if (!verdict) { return { ok: false, errors: errors.errors() }; }
  return { ok: true, flags, served: verdict };
}

/** A `.yaml`/`.yml` name, or a first line that is YAML's (`---`, `# …`, `flags:`), never JSON's. */
function looksLikeYaml(text: string, file: string): boolean {
  if (/\.ya?ml$/i.test(file)) { return true; }
  const first = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return /^(---|#|[A-Za-z_$][\w$-]*\s*:)/.test(first);
}

/**
 * One error per place: jsonc-parser reports a trailing comma twice at the `}` that follows it
 * ("property name expected", "value expected"); it is one mistake, said once, at the comma.
 */
function reportSyntax(text: string, syntax: readonly ParseError[], errors: FlagErrors): void {
  const seen = new Set<number>();
  for (const e of syntax) {
    const comma = trailingCommaBefore(text, e.offset);
    const offset = comma ?? e.offset;
    if (seen.has(offset)) { continue; }
    seen.add(offset);
    if (comma !== undefined) { errors.at(comma, 1, 'malformed JSON: a trailing comma is not JSON (flagd would refuse the file)'); }
    else { errors.at(e.offset, e.length, `malformed JSON: ${describeSyntax(printParseErrorCode(e.error))}`); }
  }
}

/** The offset of a `,` that only whitespace separates from a closing `}` or `]` at `offset`. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') { return undefined; }
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) { i--; }
  return text[i] === ',' ? i : undefined;
}

function readFlags(root: Node, errors: FlagErrors): FlagDefinition[] | undefined {
  if (root.type !== 'object') { errors.atNode(root, 'a flags file is a JSON object: `{ "flags": { … } }`'); return undefined; }
  const flagsProp = root.children?.find((p) => p.children?.[0]?.value === 'flags');
  const flagsNode = flagsProp?.children?.[1];
  if (!flagsNode) { errors.at(root.offset, 1, 'the `flags` object is missing; write `{ "flags": { "my-flag": { … } } }`'); return undefined; }
  if (flagsNode.type !== 'object') { errors.atNode(flagsNode, '`flags` must be an object of flag keys to flag definitions'); return undefined; }
  const evaluators = evaluatorsOf(root);
  const out: FlagDefinition[] = [];
  for (const prop of flagsNode.children ?? []) {
    const keyNode = prop.children?.[0];
    const key = String(keyNode?.value ?? '');
    const problem = flagKeyProblem(key);
    if (problem) { errors.atNode(keyNode, `flag key "${printable(key.slice(0, 80))}" ${problem}`); continue; }
    const flag = checkFlag(key, prop.children?.[1], errors, evaluators);
    if (flag) { out.push({ ...flag, line: errors.position(keyNode?.offset ?? 0).line }); }
  }
  return out;
}

function evaluatorsOf(root: Node): Record<string, JsonValue> {
  const prop = root.children?.find((p) => p.children?.[0]?.value === '$evaluators');
  const value = prop?.children?.[1] ? getNodeValue(prop.children[1]) as unknown : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, JsonValue> : {};
}

function describeSyntax(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character', InvalidNumberFormat: 'invalid number', PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected', ColonExpected: '`:` was expected', CommaExpected: '`,` was expected',
    CloseBraceExpected: '`}` was expected', CloseBracketExpected: '`]` was expected', EndOfFileExpected: 'nothing may follow the closing `}`',
    InvalidCommentToken: 'comments are not JSON (flagd would refuse the file)', UnexpectedEndOfComment: 'unfinished comment',
    UnexpectedEndOfString: 'unfinished string', UnexpectedEndOfNumber: 'unfinished number', InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape in a string', InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}

