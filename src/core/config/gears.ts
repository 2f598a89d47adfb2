import { isScalar } from 'yaml';
import { LONG_DURATION_HELP, parseLongDuration } from './duration';
import { GEARS_KEYS } from './keys';
import type { Field, Reader } from './reader';
import { DAY_MS, DEFAULT_GEARS, type GearsConfig } from './types';
import { quote } from './quote';

const P = 'gears: ';

/** Allowed ranges, in days. A window of 10 years is already more history than anyone keeps; a sprint longer than a quarter is not a sprint. */
export const GEARS_WINDOW_DAYS = { min: 1, max: 3650 } as const;
export const GEARS_SPRINT_DAYS = { min: 1, max: 90 } as const;

/**
 * Characters a git tag name cannot hold (git check-ref-format), apart from the glob characters
 * `*`, `?` and `[`. A leading `-` is refused too: the pattern is handed to git, which would
 * read it as an option.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const NOT_IN_TAGS = /[\s\x00-\x1f\x7f~^:\\]|\.\.|@\{/;

/**
 * The optional `gears:` section: how the gauge classifies. Every key has a default, so an empty
 * section reads as the defaults. Durations here are in days (`90d`, `1d12h`); nowhere else.
 */
export function readGears(field: Field, r: Reader): GearsConfig | undefined {
  const map = r.map(field, 'gears', '');
  if (map === undefined) { return undefined; }
  if (map === 'empty') { return DEFAULT_GEARS; }
  const f = r.fields(map, GEARS_KEYS, P);

  const windowField = f.get('window');
  const windowMs = windowField ? readDays(windowField, 'window', r, GEARS_WINDOW_DAYS, 'how far back the gauge looks, e.g. `window: 90d`') : DEFAULT_GEARS.windowMs;
  const sprintField = f.get('sprint');
  const sprintMs = sprintField ? readDays(sprintField, 'sprint', r, GEARS_SPRINT_DAYS, 'your sprint length, e.g. `sprint: 14d`') : DEFAULT_GEARS.sprintMs;
  const tagsField = f.get('deployTags');
  const deployTags = tagsField ? readTagGlob(tagsField, r) : undefined;

  if (windowMs === undefined || sprintMs === undefined || (tagsField && deployTags === undefined)) { return undefined; }
  return { windowMs, sprintMs, ...(deployTags !== undefined ? { deployTags } : {}) };
}

function readDays(field: Field, label: string, r: Reader, range: { min: number; max: number }, fix: string): number | undefined {
  const rule = `must be from ${range.min}d to ${range.max}d`;
  const v = field.value;
  if (isScalar(v) && typeof v.value === 'number') {
    const raw = v.source ?? String(v.value);
    const fixIt = Number.isInteger(v.value) && v.value > 0 ? `for ${raw} days write \`${raw}d\`` : LONG_DURATION_HELP;
    r.problems.at(v, `${P}\`${label}\` needs a unit: ${fixIt}`);
    return undefined;
  }
  const t = r.text(field, label, P, 'a number of days such as `14d`', false);
  if (!t) { return undefined; }
  const raw = t.value.trim();
  const negative = raw.startsWith('-') && parseLongDuration(raw.slice(1)) !== undefined;
  const ms = negative ? -1 : parseLongDuration(raw);
  if (ms === undefined) {
    r.problems.at(t.node, `${P}\`${label}\` ${quote(t.value)} is not a valid duration; ${LONG_DURATION_HELP}`);
    return undefined;
  }
  if (ms < range.min * DAY_MS || ms > range.max * DAY_MS) {
    r.problems.at(t.node, `${P}\`${label}\` ${rule}, not ${raw}; write ${fix}`);
    return undefined;
  }
  return ms;
}

function readTagGlob(field: Field, r: Reader): string | undefined {
  const t = r.text(field, 'deployTags', P, 'one tag glob such as `v*` or `deploy/*`');
  if (!t) { return undefined; }
  const glob = t.value.trim();
  if (glob.startsWith('-') || NOT_IN_TAGS.test(glob)) {
    r.problems.at(t.node, `${P}\`deployTags\` ${quote(t.value)} cannot match a git tag: tag names have no spaces, \`~\`, \`^\`, \`:\`, \`\\\`, \`..\` or \`@{\`, and do not start with \`-\`; write a glob such as \`v*\` or \`deploy/*\``);
    return undefined;
  }
  return glob;
}
