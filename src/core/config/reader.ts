import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Problems } from './problems';
import { didYouMean } from './suggest';
import { clip, quote } from './quote';

/** A NUL ends a C string: the OS would cut a command, name or value there, so none may hold one. */
export const NUL_MESSAGE = 'contains a NUL character (\\0), which no command, name or environment value can hold; remove it';

/** A key that was written, with its value (aliases already resolved; `null` when left empty). */
export interface Field {
  readonly key: Scalar;
  readonly value: Node | null;
}

/** A string read from the file together with the node it came from, for later positioned errors. */
export interface Located<T = string> {
  readonly value: T;
  readonly node: Node;
}

/**
 * Typed reads over yaml nodes that report what is wrong, in plain words, at the right place.
 * Each read returns `undefined` after reporting, so validators keep going and collect every
 * problem. `prefix` says where we are (`stage "Build": `) so messages stand on their own.
 */
export class Reader {
  /** `source`: the file's text, to point at a character inside a value (hiddenText.ts). */
  constructor(readonly document: Document, readonly problems: Problems, readonly source?: string) {}

  lineOf(node: Node): number {
    return this.problems.lineOf(node);
  }

  /** Resolve `*alias` to its anchored node. An alias with no anchor stays an Alias (reported once, up front). */
  deref(node: unknown): Node | null {
    if (node === null || node === undefined) { return null; }
    if (isAlias(node)) { return node.resolve(this.document) ?? node; }
    return node as Node;
  }

  /**
   * The keys of a mapping, by name. Unknown keys are reported with a suggestion; the caller
   * checks required ones. Duplicates were already reported by yaml, so the first one wins.
   */
  fields(map: YAMLMap, known: readonly string[], prefix: string): Map<string, Field> {
    const out = new Map<string, Field>();
    for (const pair of map.items) {
      const key = this.deref(pair.key);
      if (!isScalar(key)) {
        this.problems.at(key, `${prefix}keys must be plain names, not ${describe(key)}`, map);
        continue;
      }
      const name = keyText(key);
      if (!known.includes(name)) {
        this.problems.at(key, unknownKeyMessage(name, known, prefix));
        continue;
      }
      if (!out.has(name)) { out.set(name, { key, value: this.deref(pair.value) }); }
    }
    return out;
  }

  /** A mapping value; an empty value (`deploy:`) reads as an empty mapping. */
  map(field: Field, label: string, prefix: string): YAMLMap | 'empty' | undefined {
    const v = field.value;
    if (isEmpty(v)) { return 'empty'; }
    if (isMap(v)) { return v; }
    if (!isAlias(v)) { this.problems.at(v, `${prefix}\`${label}\` must be a mapping of keys to values, not ${describe(v)}`, field.key); }
    return undefined;
  }

  /**
   * Non-empty text. `what` names what belongs there, e.g. "a shell command". `quoteHint`
   * suggests quoting a number or true/false, where text that looks like one makes sense.
   */
  text(field: Field, label: string, prefix: string, what: string, quoteHint = true): Located | undefined {
    const v = field.value;
    if (isEmpty(v)) {
      this.problems.at(field.key, `${prefix}\`${label}\` has no value; give it ${what}`);
      return undefined;
    }
    if (!isScalar(v) || typeof v.value !== 'string') {
      if (!isAlias(v)) {
        const quote = quoteHint && isScalar(v) ? ' (put it in quotes if you meant it as text)' : '';
        this.problems.at(v, `${prefix}\`${label}\` must be ${what} (text), not ${describe(v)}${quote}`, field.key);
      }
      return undefined;
    }
    if (v.value.trim() === '') {
      this.problems.at(v, `${prefix}\`${label}\` is empty; give it ${what}`, field.key);
      return undefined;
    }
    if (v.value.includes('\0')) {
      this.problems.at(v, `${prefix}\`${label}\` ${NUL_MESSAGE}`, field.key);
      return undefined;
    }
    return { value: v.value, node: v };
  }

  /** One of a fixed set of words, with a suggestion when it is close to one. */
  oneOf<T extends string>(field: Field, label: string, prefix: string, allowed: readonly T[]): T | undefined {
    const choices = allowed.map((a) => `\`${a}\``).join(' or ');
    const got = this.text(field, label, prefix, choices, false);
    if (!got) { return undefined; }
    if ((allowed as readonly string[]).includes(got.value)) { return got.value as T; }
    this.problems.at(got.node, `${prefix}\`${label}\` must be ${choices}, not ${quote(got.value)}${didYouMean(got.value, allowed)}`);
    return undefined;
  }

  /**
   * A YAML number. Quoted numbers are refused with "remove the quotes": `threshold: "0.1"` is
   * almost certainly meant as the number, but text and numbers are kept apart everywhere else too.
   * `what` names what belongs there, e.g. "a number between 0 and 1".
   */
  number(field: Field, label: string, prefix: string, what: string): Located<number> | undefined {
    const v = field.value;
    if (isEmpty(v)) {
      this.problems.at(field.key, `${prefix}\`${label}\` has no value; give it ${what}`);
      return undefined;
    }
    if (isScalar(v) && typeof v.value === 'number' && Number.isFinite(v.value)) { return { value: v.value, node: v }; }
    if (isAlias(v)) { return undefined; }
    const quoted = isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value));
    this.problems.at(v, `${prefix}\`${label}\` must be ${what}, not ${describe(v)}${quoted ? ' (remove the quotes)' : ''}`, field.key);
    return undefined;
  }

  /** `true` or `false`. YAML 1.2 reads `yes`/`no`/`on`/`off` as text, so they are refused with the fix. */
  boolean(field: Field, label: string, prefix: string): Located<boolean> | undefined {
    const v = field.value;
    if (isEmpty(v)) {
      this.problems.at(field.key, `${prefix}\`${label}\` has no value; write \`${label}: true\` or \`${label}: false\``);
      return undefined;
    }
    if (isScalar(v) && typeof v.value === 'boolean') { return { value: v.value, node: v }; }
    if (isAlias(v)) { return undefined; }
    this.problems.at(v, `${prefix}\`${label}\` must be \`true\` or \`false\`, not ${describe(v)}`, field.key);
    return undefined;
  }

  /**
   * A list of non-empty strings. A single string is accepted as a one-item list (GitHub
   * Actions allows the same for `needs`), so `needs: build` means `needs: [build]`.
   * An empty value is refused: it is unclear whether `[]` or "absent" was meant.
   * `one` / `many` name the items: "a stage name" / "stage names".
   */
  stringList(field: Field, label: string, prefix: string, words: { one: string; many: string }, emptyFix: string): Located[] | undefined {
    const v = field.value;
    if (isEmpty(v)) {
      this.problems.at(field.key, `${prefix}\`${label}\` has no value; ${emptyFix}`);
      return undefined;
    }
    if (isScalar(v) && typeof v.value === 'string') {
      const one = this.text(field, label, prefix, words.one);
      return one ? [one] : undefined;
    }
    if (!isSeq(v)) {
      if (!isAlias(v)) { this.problems.at(v, `${prefix}\`${label}\` must be a list of ${words.many}, not ${describe(v)}`, field.key); }
      return undefined;
    }
    const out: Located[] = [];
    let ok = true;
    for (const raw of v.items) {
      const item = this.deref(raw);
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
        out.push({ value: item.value, node: item });
        continue;
      }
      ok = false;
      if (isAlias(item)) { continue; } // an alias with no anchor: reported once, up front
      const why = isScalar(item) && typeof item.value === 'string' ? 'an empty string' : describe(item);
      const quote = isScalar(item) && typeof item.value !== 'string' ? ' (put it in quotes if you meant it as text)' : '';
      this.problems.at(item, `${prefix}each item of \`${label}\` must be ${words.one}, not ${why}${quote}`, v);
    }
    return ok ? out : undefined;
  }
}

/** The key as written: `TRUE:` stays "TRUE", not the boolean it would load as. */
export function keyText(key: Scalar): string {
  return typeof key.value === 'string' ? key.value : (key.source ?? String(key.value));
}

/** A key with nothing after it (`deploy:`) or an explicit `null` / `~`. */
export function isEmpty(v: Node | null): v is Scalar<null> | null {
  return v === null || (isScalar(v) && v.value === null);
}

/** What the user wrote, in words, for "must be X, not Y" messages. */
export function describe(v: Node | null): string {
  if (isEmpty(v)) { return 'nothing'; }
  if (isSeq(v)) { return 'a list'; }
  if (isMap(v)) { return 'a mapping'; }
  if (isAlias(v)) { return 'an alias'; }
  if (isScalar(v)) {
    switch (typeof v.value) {
      case 'string': return `the text ${quote(v.value)}`;
      case 'number': return `the number ${v.source ?? String(v.value)}`;
      case 'boolean': return `${v.source ?? String(v.value)} (a true/false value)`;
      default: return 'a value of another type';
    }
  }
  return 'something else';
}

function unknownKeyMessage(name: string, known: readonly string[], prefix: string): string {
  if (name === '<<') {
    return `${prefix}merge keys (\`<<\`) are not supported; repeat the keys, or put an anchor on a whole value and reuse it with \`*name\``;
  }
  const hint = didYouMean(name, known);
  const list = hint === '' ? `; known keys here: ${known.join(', ')}` : hint;
  return `${prefix}unknown key \`${clip(name)}\`${list}`;
}
