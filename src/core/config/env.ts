import { isAlias, isScalar } from 'yaml';
import { ENV_NAME, RESERVED_ENV_PREFIX } from './keys';
import { argBytes, kib, MAX_VALUE_BYTES } from './limits';
import { describe, isEmpty, keyText, NUL_MESSAGE, type Field, type Reader } from './reader';
import { quote } from './quote';
import { checkSecretRefs } from './secretRefs';

/**
 * A stage's `env:` mapping → name/value strings.
 *
 * Numbers and true/false are accepted and kept exactly as written (`1.10` stays "1.10",
 * `0x1F` stays "0x1F", `TRUE` stays "TRUE"), because a shell only ever sees text and the
 * user means the text they typed. Empty values are refused: write `''` for an empty string.
 */
export function readEnv(field: Field, r: Reader, prefix: string): Record<string, string> {
  // Entries + fromEntries, not `env[name] = …`: a name like `__proto__` must stay a plain key.
  const entries = new Map<string, string>();
  const map = r.map(field, 'env', prefix);
  if (map === undefined || map === 'empty') { return {}; }
  for (const pair of map.items) {
    const key = r.deref(pair.key);
    if (!isScalar(key)) {
      r.problems.at(key, `${prefix}\`env\` names must be plain names like \`NODE_ENV\`, not ${describe(key)}`, map);
      continue;
    }
    const name = keyText(key);
    if (!ENV_NAME.test(name)) {
      r.problems.at(key, `${prefix}\`env\` name ${quote(name)} is not a valid variable name; use letters, digits and _ and do not start with a digit, e.g. \`NODE_ENV\``);
      continue;
    }
    if (name.startsWith(RESERVED_ENV_PREFIX)) {
      r.problems.at(key, `${prefix}\`env\` name ${quote(name)} is reserved: Gearshift sets the ${RESERVED_ENV_PREFIX}* variables itself; pick another name`);
      continue;
    }
    const value = r.deref(pair.value);
    if (isAlias(value)) { continue; } // an alias with no anchor: reported once, up front
    if (isEmpty(value)) {
      r.problems.at(key, `${prefix}\`env\` ${name} has no value; give it one, or write \`${name}: ''\` for an empty string`);
      continue;
    }
    if (!isScalar(value) || !['string', 'number', 'boolean'].includes(typeof value.value)) {
      r.problems.at(value, `${prefix}\`env\` ${name} must be text, a number or true/false, not ${describe(value)}`);
      continue;
    }
    if (entries.has(name)) { continue; } // duplicate: already reported by the YAML parser
    const text = typeof value.value === 'string' ? value.value : (value.source ?? String(value.value));
    if (text.includes('\0')) { r.problems.at(value, `${prefix}\`env\` ${name} ${NUL_MESSAGE}`); continue; }
    if (!checkSecretRefs(text, value, r, `${prefix}\`env\` ${name}: `)) { continue; }
    if (argBytes(`${name}=${text}`) > MAX_VALUE_BYTES) {
      r.problems.at(value, `${prefix}\`env\` ${name} is ${kib(argBytes(text))}; one environment entry may be at most ${kib(MAX_VALUE_BYTES)} (the OS limit for one string), so the stage could never start`);
      continue;
    }
    entries.set(name, text);
  }
  return Object.fromEntries(entries);
}
