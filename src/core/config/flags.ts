import { isMap } from 'yaml';
import { resolveFlagsFile } from './cwd';
import { LONG_DURATION_HELP, parseLongDuration } from './duration';
import { FLAGS_ENVIRONMENT_KEYS, FLAGS_KEYS } from './keys';
import type { Field, Reader } from './reader';
import { DAY_MS, DEFAULT_FLAGS, type FlagsConfig, type FlagsFileRef } from './types';
import { quote } from './quote';
import { closest } from './suggest';

const P = 'flags: ';
/** From a day (a toggle younger than that is not dead) to ten years. */
export const FLAGS_STALE_DAYS = { min: 1, max: 3650 } as const;

/**
 * The optional `flags:` section (feature toggles in flagd's format). `file` is one file for
 * every environment; `environments` names one per environment (`non-prod`, `production`).
 * Paths are relative to the pipeline file's folder and may not leave it. `deployStage` must name one
 * of `stageNames` (undefined: the stages could not be read, so it is not checked).
 */
export function readFlags(field: Field, r: Reader, root: string, stageNames?: readonly string[]): FlagsConfig | undefined {
  const map = r.map(field, 'flags', '');
  if (map === undefined) { return undefined; }
  if (map === 'empty') { return DEFAULT_FLAGS; }
  const f = r.fields(map, FLAGS_KEYS, P);
  const before = r.problems.count;
  const fileField = f.get('file');
  const envField = f.get('environments');
  if (fileField && envField) { r.problems.at(envField.key, `${P}write either \`file\` (one file for every environment) or \`environments\` (one per environment), not both`); }
  const files: FlagsFileRef[] = [];
  if (fileField) { pushFile(fileField, 'file', 'default', r, root, files); }
  if (envField) { readEnvironments(envField, r, root, files); }
  const staleField = f.get('staleAfter');
  const staleAfterMs = staleField ? readStaleAfter(staleField, r) : DEFAULT_FLAGS.staleAfterMs;
  const stageField = f.get('deployStage');
  const stage = stageField ? readDeployStage(stageField, r, stageNames) : undefined;
  if (r.problems.count > before || staleAfterMs === undefined) { return undefined; }
  return { files, staleAfterMs, ...(stage !== undefined ? { deployStage: stage } : {}) };
}

/** Kill Switch offers to run this stage: one that does not exist could never ship the change. */
function readDeployStage(field: Field, r: Reader, stageNames: readonly string[] | undefined): string | undefined {
  const t = r.text(field, 'deployStage', P, 'the name of the stage that ships flag changes');
  if (!t) { return undefined; }
  const name = t.value.trim();
  if (stageNames === undefined || stageNames.includes(name)) { return name; }
  const hint = closest(name, stageNames);
  r.problems.at(t.node, `${P}\`deployStage\` is ${quote(name)}, but no stage has that name (the stages: ${stageNames.map(quote).join(', ')})${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
  return undefined;
}

function readEnvironments(field: Field, r: Reader, root: string, out: FlagsFileRef[]): void {
  const map = r.map(field, 'environments', P);
  if (map === undefined || map === 'empty' || !isMap(map)) { return; }
  const f = r.fields(map, FLAGS_ENVIRONMENT_KEYS, `${P}environments: `);
  for (const env of FLAGS_ENVIRONMENT_KEYS) {
    const envFile = f.get(env);
    if (envFile) { pushFile(envFile, env, env, r, root, out); }
  }
}

function pushFile(field: Field, label: string, environment: string, r: Reader, root: string, out: FlagsFileRef[]): void {
  const t = r.text(field, label, P, "a JSON file relative to the pipeline file's folder, e.g. `flags.json`");
  if (!t) { return; }
  const res = resolveFlagsFile(root, t.value);
  if ('error' in res) { r.problems.at(t.node, `${P}\`${label}\` ${res.error}`); return; }
  out.push({ environment, path: res.path });
}

function readStaleAfter(field: Field, r: Reader): number | undefined {
  const t = r.text(field, 'staleAfter', P, 'a number of days such as `30d`', false);
  if (!t) { return undefined; }
  const ms = parseLongDuration(t.value.trim());
  if (ms === undefined) {
    r.problems.at(t.node, `${P}\`staleAfter\` ${quote(t.value)} is not a valid duration; ${LONG_DURATION_HELP}`);
    return undefined;
  }
  if (ms < FLAGS_STALE_DAYS.min * DAY_MS || ms > FLAGS_STALE_DAYS.max * DAY_MS) {
    r.problems.at(t.node, `${P}\`staleAfter\` must be from ${FLAGS_STALE_DAYS.min}d to ${FLAGS_STALE_DAYS.max}d, not ${t.value.trim()}`);
    return undefined;
  }
  return ms;
}
