/** Gearshift's own precise checks of one flag, before flagd-core's schema has its say. */
import { getNodeValue, type Node } from 'jsonc-parser';
import { printable } from '../format';
import type { FlagErrors } from './positions';
import type { FlagDefinition, FlagState, JsonValue } from './types';

const FLAG_KEYS = ['state', 'variants', 'defaultVariant', 'targeting', 'metadata'];
const show = (s: string): string => `"${printable(s.slice(0, 80))}"`;

/** JSON allows a key twice and keeps the last: a reader would see one flag, flagd another. */
export function checkDuplicates(node: Node, errors: FlagErrors): void {
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const k = prop.children?.[0];
      const name = String(k?.value ?? '');
      const first = seen.get(name);
      if (first) { errors.atNode(k, `duplicate key ${show(name)} (first at line ${errors.position(first.offset).line}); JSON keeps only the last one — remove one`); }
      else if (k) { seen.set(name, k); }
    }
  }
  for (const child of node.children ?? []) { checkDuplicates(child, errors); }
}

type Draft = Omit<FlagDefinition, 'line'>;

export function checkFlag(key: string, node: Node | undefined, errors: FlagErrors, evaluators: Record<string, JsonValue>): Draft | undefined {
  const before = errors.count;
  if (!node || node.type !== 'object') { errors.atNode(node, `flag ${show(key)} must be an object with \`state\`, \`variants\` and \`defaultVariant\``); return undefined; }
  const props = new Map((node.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1]] as const));
  for (const p of node.children ?? []) {
    const name = String(p.children?.[0]?.value);
    if (!FLAG_KEYS.includes(name)) { errors.atNode(p.children?.[0], `flag ${show(key)}: unknown key ${show(name)}; a flag has ${FLAG_KEYS.join(', ')}`); }
  }
  const state = readState(key, node, props.get('state'), errors);
  const variants = readVariants(key, node, props.get('variants'), errors);
  const defaultVariant = readDefault(key, props.get('defaultVariant'), variants, errors);
  if (errors.count > before || !state || !variants || defaultVariant === undefined) { return undefined; }
  const targetingNode = props.get('targeting');
  const targeting = targetingNode ? resolveRefs(getNodeValue(targetingNode) as JsonValue, evaluators) : undefined;
  const metadataNode = props.get('metadata');
  const metadata = metadataNode?.type === 'object' ? getNodeValue(metadataNode) as Record<string, JsonValue> : undefined;
  return { key, state, variants, defaultVariant, ...(targeting !== undefined ? { targeting } : {}), ...(metadata ? { metadata } : {}) };
}

function readState(key: string, flag: Node, node: Node | undefined, errors: FlagErrors): FlagState | undefined {
  if (!node) { errors.at(flag.offset, 1, `flag ${show(key)}: \`state\` is missing; add "state": "ENABLED" or "DISABLED"`); return undefined; }
  if (node.value === 'ENABLED' || node.value === 'DISABLED') { return node.value; }
  errors.atNode(node, `flag ${show(key)}: \`state\` must be "ENABLED" or "DISABLED"`);
  return undefined;
}

function readVariants(key: string, flag: Node, node: Node | undefined, errors: FlagErrors): Record<string, JsonValue> | undefined {
  if (!node) { errors.at(flag.offset, 1, `flag ${show(key)}: \`variants\` is missing; e.g. "variants": { "on": true, "off": false }`); return undefined; }
  if (node.type !== 'object' || (node.children ?? []).length === 0) { errors.atNode(node, `flag ${show(key)}: \`variants\` must be an object with at least one variant`); return undefined; }
  let firstType: string | undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    const name = String(k?.value ?? '');
    if (name === '') { errors.atNode(k, `flag ${show(key)}: a variant name needs at least one character`); continue; }
    const type = variantType(v);
    if (!type) { errors.atNode(v, `flag ${show(key)}: variant ${show(name)} must be a boolean, a string, a number or an object`); continue; }
    firstType ??= type;
    if (type !== firstType) { errors.atNode(v, `flag ${show(key)}: variant ${show(name)} is ${type === 'object' ? 'an' : 'a'} ${type}, but the first variant is ${firstType === 'object' ? 'an' : 'a'} ${firstType}; all variants of a flag have one type`); }
  }
  return getNodeValue(node) as Record<string, JsonValue>;
}

function variantType(v: Node | undefined): string | undefined {
  if (v?.type === 'boolean' || v?.type === 'string' || v?.type === 'number' || v?.type === 'object') { return v.type; }
  return undefined;
}

function readDefault(key: string, node: Node | undefined, variants: Record<string, JsonValue> | undefined, errors: FlagErrors): string | null | undefined {
  if (!node || node.type === 'null') { return null; }
  if (node.type !== 'string') { errors.atNode(node, `flag ${show(key)}: \`defaultVariant\` must be a variant name (a string) or null`); return undefined; }
  const name = String(node.value);
  if (variants && !Object.prototype.hasOwnProperty.call(variants, name)) {
    errors.atNode(node, `flag ${show(key)}: \`defaultVariant\` ${show(name)} is not among its variants (${Object.keys(variants).map(show).join(', ')})`);
    return undefined;
  }
  return name;
}

/** `{"$ref": "name"}` → the file's `$evaluators.name`, as flagd does before evaluating (bounded depth: refs may nest). */
export function resolveRefs(value: JsonValue, evaluators: Record<string, JsonValue>, depth = 0): JsonValue {
  if (depth > 32 || value === null || typeof value !== 'object') { return value; }
  if (Array.isArray(value)) { return value.map((v) => resolveRefs(v, evaluators, depth + 1)); }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$ref' && typeof value.$ref === 'string' && Object.prototype.hasOwnProperty.call(evaluators, value.$ref)) {
    return resolveRefs(evaluators[value.$ref], evaluators, depth + 1);
  }
  return Object.fromEntries(keys.map((k) => [k, resolveRefs(value[k], evaluators, depth + 1)]));
}

