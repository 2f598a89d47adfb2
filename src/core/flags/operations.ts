/** The toggle operations the CLI and the editor offer, as TextChanges (see change.ts). */
import { isDeepStrictEqual } from 'node:util';
import { addFlagText, newBooleanFlag, removeFlagText, setDefaultVariantText, setStateText } from './edit';
import { type ChangeDraft, FlagChangeError, flagIn, type TextChange } from './change';
import { quote } from '../config';
import { flagKeyProblem } from './keys';
import { evaluated, servesOff, targetingCanServe } from './served';
import { type FlagsFileName, refuseDefaultNotServed } from './onAsServed';
import type { FlagDefinition, FlagState, JsonValue, ParsedFlags } from './types';

/** `on`/`off` → the variant whose value is true/false; any other word names a variant. */
export function variantFor(variants: Readonly<Record<string, JsonValue>>, word: string): string {
  if (Object.prototype.hasOwnProperty.call(variants, word) && word !== 'on' && word !== 'off') { return word; }
  if (word === 'on' || word === 'off') {
    const wanted = word === 'on';
    const found = Object.keys(variants).find((k) => variants[k] === wanted);
    if (found !== undefined) { return found; }
    if (Object.prototype.hasOwnProperty.call(variants, word)) { return word; }
    throw new FlagChangeError(`no variant serves ${String(wanted)}; this flag's variants are ${Object.keys(variants).join(', ')}`, 'usage');
  }
  throw new FlagChangeError(`no variant ${quote(word)}; this flag's variants are ${Object.keys(variants).join(', ')} (or on/off for a boolean flag)`, 'usage');
}

/**
 * `flags set KEY WORD [--state]`. `off` means flagd serves off to a request with no context (what
 * Gearshift shows as served): when targeting still picks a variant that is not off, making the
 * off variant the default cannot do that, so the flag is disabled instead. `on` likewise: when
 * targeting still picks off for a request with no context, it is refused (onAsServed.ts), naming
 * `file`; so is a variant named that targeting never lets be served.
 */
export function setFlag(key: string, word: string | undefined, state: FlagState | undefined, file?: FlagsFileName): TextChange {
  return (text, parsed) => {
    const flag = flagIn(parsed, key);
    const enabled = state ?? enableToTurnOn(flag, word);
    const set = setFields(text, flag, word, enabled);
    if (word !== undefined && word !== 'off') { refuseDefaultNotServed(flag, { word, variant: variantFor(flag.variants, word) }, enabled, parsed, set?.text, file); }
    return word === 'off' ? offAsServed(text, parsed, flag, set, state) : set;
  };
}

/**
 * `on` for a disabled flag (one a kill switch disabled) also enables it: a disabled flag serves the
 * code default whatever its default variant, so "on" must not be reported while it still serves
 * off. As the editor's Toggle does; an explicit --state wins, and other variant words only set the
 * default (preparing a flag before enabling it).
 */
function enableToTurnOn(flag: FlagDefinition, word: string | undefined): FlagState | undefined {
  return word === 'on' && flag.state === 'DISABLED' ? 'ENABLED' : undefined;
}

type Changed = ReturnType<TextChange>;

function setFields(text: string, flag: FlagDefinition, word: string | undefined, state: FlagState | undefined): Changed {
  const key = flag.key;
  let next = text;
  const changes: ChangeDraft[] = [];
  if (word !== undefined) {
    const variant = variantFor(flag.variants, word);
    if (variant !== flag.defaultVariant) {
      next = setDefaultVariantText(next, key, variant);
      changes.push({ key, field: 'defaultVariant', from: flag.defaultVariant, to: variant });
    }
  }
  if (state !== undefined && state !== flag.state) {
    next = setStateText(next, key, state);
    changes.push({ key, field: 'state', from: flag.state, to: state });
  }
  return changes.length > 0 ? { text: next, changes } : undefined;
}

function offAsServed(text: string, parsed: ParsedFlags, flag: FlagDefinition, set: Changed, state: FlagState | undefined): Changed {
  // A variant named `off` that serves something is a release like any other: set as asked.
  if (!servesOff(flag.variants[variantFor(flag.variants, 'off')])) { return set; }
  const after = set ? evaluated(set.text)?.served.get(flag.key) : parsed.served.get(flag.key);
  if (after === undefined || servesOff(after.value)) { return set; }
  const picked = `its targeting picks "${after.variant ?? '?'}"`;
  if (state === 'ENABLED') { throw new FlagChangeError(`"${flag.key}" would still serve ${JSON.stringify(after.value)} (${picked}); leave out --state enabled to turn it off (it is then disabled)`, 'usage'); }
  return disable(text, flag);
}

function disable(text: string, flag: FlagDefinition): Changed {
  return { text: setStateText(text, flag.key, 'DISABLED'), changes: [{ key: flag.key, field: 'state', from: flag.state, to: 'DISABLED' }] };
}

/**
 * The kill switch: off for every request, not only for one without a context. The variant serving
 * false when no targeting can pick anything else; otherwise `state: DISABLED`, which flagd serves
 * as the code default to everyone whatever the targeting (a rollout, a user list).
 */
export function switchOff(key: string): TextChange {
  return (text, parsed) => {
    const flag = flagIn(parsed, key);
    if (flag.state === 'DISABLED') { return undefined; }
    const targeted = targetingCanServe(flag);
    if (targeted === undefined && servesOff(parsed.served.get(key)?.value)) { return undefined; }
    const offVariant = Object.keys(flag.variants).find((v) => flag.variants[v] === false);
    if (targeted !== undefined || offVariant === undefined) { return disable(text, flag); }
    return { text: setDefaultVariantText(text, key, offVariant), changes: [{ key, field: 'defaultVariant', from: flag.defaultVariant, to: offVariant }] };
  };
}

export function addFlag(key: string, now: Date, definition: JsonValue = newBooleanFlag(now)): TextChange {
  const problem = flagKeyProblem(key);
  if (problem) { throw new FlagChangeError(`flag key "${key.slice(0, 80)}" ${problem}`, 'usage'); }
  return (text, parsed) => {
    if (parsed.flags.some((f) => f.key === key)) { throw new FlagChangeError(`a flag "${key}" already exists in this file`, 'usage'); }
    return { text: addFlagText(text, key, definition), changes: [{ key, field: 'added', from: null, to: definition }] };
  };
}

export function removeFlag(key: string): TextChange {
  return (text, parsed) => {
    flagIn(parsed, key);
    const definition = definitionOf(text, key);
    return { text: removeFlagText(text, key), changes: [{ key, field: 'removed', from: definition, to: null }] };
  };
}

/** The flag's definition as written, `$ref`s kept, so an undo puts back exactly that. */
function definitionOf(text: string, key: string): JsonValue {
  const parsed = JSON.parse(text) as { flags?: Record<string, JsonValue> };
  return parsed.flags?.[key] ?? null;
}

type Recorded = { id: string; key: string; field: string; from: JsonValue; to: JsonValue; batch?: string };

/** What the file holds now of what `change` changed: a variant, a state, a definition; for `removed`, "present" or null. */
function valueNow(text: string, parsed: ParsedFlags, change: Recorded): JsonValue {
  const flag = parsed.flags.find((f) => f.key === change.key);
  return change.field === 'defaultVariant' ? flag?.defaultVariant ?? null
    : change.field === 'state' ? flag?.state ?? null
      : change.field === 'added' ? (flag ? definitionOf(text, change.key) : null) : (flag ? 'present' : null);
}

/** The file shows `value` of the change: equal, or for an added or removed flag, present or absent alike. */
function shows(change: Recorded, now: JsonValue, value: JsonValue): boolean {
  if (change.field === 'added' || change.field === 'removed') { return (now === null) === (value === null); }
  return isDeepStrictEqual(now, value);
}

/** `change` was recorded but never reached the file (it still shows `from`): a mark saying so, the text as it is. */
function notAppliedOf(text: string, change: Recorded): Changed {
  return { text, changes: [{ key: change.key, field: change.field as 'state', from: change.from, to: change.from, notApplied: change.id }] };
}

/** The mark of `change` if the file shows its `from` and not its `to` (its writer stopped in between); else nothing. */
export function markIfNotApplied(change: Recorded): TextChange {
  return (text, parsed) => {
    const now = valueNow(text, parsed, change);
    return !shows(change, now, change.to) && shows(change, now, change.from) ? notAppliedOf(text, change) : undefined;
  };
}

/**
 * Undo: put back `from`, but only while the file still holds `to` (else someone changed it since).
 * A file that holds `from` never got the change (its writer was killed after the record): marked.
 */
export function revert(change: Recorded): TextChange {
  return (text, parsed) => {
    const now = valueNow(text, parsed, change);
    if (!isDeepStrictEqual(now, change.to)) {
      if (shows(change, now, change.from)) { return notAppliedOf(text, change); }
      throw new FlagChangeError(`"${change.key}" changed since (${change.field} is now ${JSON.stringify(now)}, not ${JSON.stringify(change.to)}); nothing was undone`, 'conflict');
    }
    const undoText = change.field === 'defaultVariant' ? setDefaultVariantText(text, change.key, change.from as string | null)
      : change.field === 'state' ? setStateText(text, change.key, change.from as FlagState)
        : change.field === 'added' ? removeFlagText(text, change.key) : addFlagText(text, change.key, change.from);
    return { text: undoText, changes: [{ key: change.key, field: change.field as 'state', from: change.to, to: change.from, undoOf: change.id }] };
  };
}

/**
 * Undo `change` (revert); when it only marks `change` as never applied, the records written with
 * it (`others`, same batch) never reached the file either, as one rename makes them all or
 * none: each is marked too where the file shows its `from`, so one refusal is enough.
 */
export function revertOrMarkBatch(change: Recorded, others: readonly Recorded[]): TextChange {
  return (text, parsed) => {
    const next = revert(change)(text, parsed);
    if (!next || next.changes.some((c) => c.notApplied === undefined)) { return next; }
    const marks = others.flatMap((o) => markIfNotApplied(o)(text, parsed)?.changes ?? []);
    return { text, changes: [...marks, ...next.changes] };
  };
}
