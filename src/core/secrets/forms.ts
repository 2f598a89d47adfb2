/**
 * The forms of a secret that get masked: the value, trimmed, each line, and its base64,
 * base64url, URL- and JSON-escaped forms; a value holding a CR or an escape sequence also without them. Anything else (hex, reversed, compressed, partial
 * substrings) is not: docs/secrets.md says so.
 *
 * A value holding a lone UTF-16 surrogate (half an emoji pasted into the editor's password box)
 * reaches a stage's environment as UTF-8, where the surrogate became U+FFFD: the forms are made
 * from that text, the one a stage can print (and encodeURIComponent would throw on the surrogate).
 * A JS string holding the exact value is masked too, since maskText compares UTF-8 bytes.
 */
import { MIN_SECRET_LENGTH } from './syntax';
import { visibleText } from './visible';

/** Every distinct form of the given values worth masking (≥ MIN_SECRET_LENGTH characters). */
export function maskForms(values: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    for (const base of baseForms(asStageSees(value))) {
      forms.add(base);
      for (const encoded of encodedForms(base)) { forms.add(encoded); }
      // Output holding a CR or an escape sequence is matched on its visible characters (visible.ts): so is a value holding one.
      forms.add(visibleText(base));
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** The value as a stage gets it in its environment: UTF-8, a lone surrogate as U+FFFD. */
function asStageSees(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

/** The value, trimmed, and each line of a multi-line value (trimmed: indentation varies when printed). */
function baseForms(value: string): string[] {
  const bases = [value, value.trim()];
  if (/[\r\n]/.test(value)) {
    for (const line of value.split(/\r\n|\r|\n/)) { bases.push(line.trim()); }
  }
  return bases.filter((b) => b.trim().length >= MIN_SECRET_LENGTH);
}

function encodedForms(base: string): string[] {
  const cores = base64Cores(base);
  // base64url is base64 with `-` and `_` for `+` and `/` (and no padding, which the cores never hold).
  const forms = [...cores, ...cores.map((core) => core.replace(/\+/g, '-').replace(/\//g, '_'))];
  forms.push(encodeURIComponent(base), encodeURIComponent(base).replace(/%20/g, '+'));
  forms.push(JSON.stringify(base).slice(1, -1));
  return forms;
}

/**
 * Inside a longer base64 text the secret starts at byte offset 0, 1 or 2 of a 3-byte group, and
 * each gives different characters. For each offset, keep only the characters that depend on
 * the secret's bytes alone (not on the bytes before or after it): those are what appear.
 */
function base64Cores(base: string): string[] {
  const length = Buffer.byteLength(base, 'utf8');
  const padded = Buffer.alloc(2 + length);
  padded.write(base, 2, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = padded.toString('base64', 2 - offset).replace(/=+$/, '');
    cores.push(encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + length)) / 6)));
  }
  return cores;
}
