/**
 * "Off" as the app sees it. The value flagd serves decides, never a variant's name nor
 * `defaultVariant` alone: targeting picks the variant before the default variant is looked at.
 */
import { hasComputedVariant, variantNamesIn } from './targeting';
import { parseFlagsText } from './parse';
import type { FlagDefinition, JsonValue, ParsedFlags } from './types';

/** The value the code treats as "off": false, or nothing served (the code default). */
export function servesOff(value: JsonValue | undefined): boolean {
  return value === false || value === null || value === undefined;
}

/**
 * A variant not off that the flag's targeting can pick for some request, if any: over-approximated
 * (every string literal naming a variant counts; targeting that builds a name can pick any).
 * Disabled flags pick nothing.
 */
export function targetingCanServe(flag: Pick<FlagDefinition, 'state' | 'variants' | 'targeting'>): string | undefined {
  if (flag.state === 'DISABLED' || flag.targeting === undefined || flag.targeting === null) { return undefined; }
  return targetingVariants(flag).find((n) => !servesOff(flag.variants[n]));
}

/** Every variant the targeting can pick: those it names, or all of them when it builds a name. */
export function targetingVariants(flag: Pick<FlagDefinition, 'variants' | 'targeting'>): string[] {
  if (flag.targeting === undefined || flag.targeting === null) { return []; }
  return hasComputedVariant(flag.targeting, 0) ? Object.keys(flag.variants) : [...variantNamesIn(flag.targeting, flag.variants)];
}

/** flagd's evaluation of a flags file's text: its flags and what each serves; undefined when the text is not a valid flags file. */
export function evaluated(text: string): ParsedFlags | undefined {
  const parsed = parseFlagsText(text, 'flags.json');
  return parsed.ok ? parsed : undefined;
}
