import { refuseSecretRefs } from './secretRefs';
import { isMap, isNode, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { resolveCwd } from './cwd';
import { escapeHidden, refuseHiddenText } from './hiddenText';
import { DURATION_HELP, parseDuration } from './duration';
import { APPROVALS, ENVIRONMENTS, STAGE_KEYS } from './keys';
import { readEnv } from './env';
import { argBytes, kib, MAX_STAGE_BYTES, MAX_VALUE_BYTES } from './limits';
import { describe, isEmpty, type Field, type Located, type Reader } from './reader';
import { DEFAULT_STAGE_TIMEOUT_MS, type EnvironmentKind } from './types';
import { quote } from './quote';

/** A stage as read from the file, before `needs` are resolved against the other stages. */
export interface StageDraft {
  /**
   * Undefined when the name was missing or invalid (already reported). A name refused for a hidden
   * character is kept: the stage still answers to it in `needs`, so one mistake is one error (rereview37 F7).
   */
  readonly name?: Located;
  /** The stage item itself, for errors that concern the whole stage. */
  readonly node: Node;
  /** Undefined when `needs` was absent (→ previous stage); a list when written. */
  readonly needs?: readonly Located[];
  readonly run?: string;
  readonly timeoutMs: number;
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly environment?: EnvironmentKind;
  readonly approval?: 'manual';
  readonly keep?: boolean;
}

/** Read the `stages:` list. Returns undefined only when it is not a usable list at all. */
export function readStages(field: Field, r: Reader, root: string): StageDraft[] | undefined {
  const v = field.value;
  if (isEmpty(v) || (isSeq(v) && v.items.length === 0)) {
    r.problems.at(isEmpty(v) ? field.key : v, '`stages` is empty; list at least one stage, e.g. `- name: Unit Tests` with `run: npm test`', field.key);
    return undefined;
  }
  if (!isSeq(v)) {
    r.problems.at(v, `\`stages\` must be a list of stages (lines starting with \`- name: …\`), not ${describe(v)}`, field.key);
    return undefined;
  }
  const drafts: StageDraft[] = [];
  v.items.forEach((raw, i) => {
    const item = r.deref(raw);
    if (isEmpty(item)) {
      r.problems.at(item, `stage ${i + 1} is empty; give it at least \`name:\` and \`run:\``, v);
      return;
    }
    if (!isMap(item)) {
      r.problems.at(item, `stage ${i + 1} must be a mapping with at least \`name:\` and \`run:\`, not ${describe(item)}`, v);
      return;
    }
    drafts.push(readStage(item, i, r, root));
  });
  checkUniqueNames(drafts, r);
  return drafts;
}

function readStage(item: YAMLMap, index: number, r: Reader, root: string): StageDraft {
  // Say which stage by name when it has a usable one: "stage "Build":" is easier to find than "stage 2:".
  const written = item.get('name');
  const p = typeof written === 'string' && written.trim() !== '' && !/[\r\n]/.test(written) ? `stage ${quote(escapeHidden(written))}: ` : `stage ${index + 1}: `;
  const f = r.fields(item, STAGE_KEYS, p);
  const nameField = f.get('name');
  const name = nameField ? readName(nameField, r, p) : undefined;
  if (!nameField) { r.problems.at(firstKey(item), `${p}\`name\` is missing; every stage needs a unique name`); }

  const runField = f.get('run');
  if (!runField) { r.problems.at(firstKey(item), `${p}\`run\` is missing; give the shell command this stage runs, e.g. \`run: npm test\``); }
  const runRead = runField ? r.text(runField, 'run', p, 'a shell command') : undefined;
  const runText = runRead && refuseHiddenText(runRead, r, p, 'run') ? runRead : undefined;
  const run = runText && fitsArgs(runText, r, p) && refuseSecretRefs(runText.value, runText.node, r, p, 'run') ? runText.value : undefined;

  const needsField = f.get('needs');
  const needs = needsField
    ? r.stringList(needsField, 'needs', p, { one: 'a stage name', many: 'stage names' }, 'write `needs: []` to start at once, or remove the line to wait for the previous stage') ?? []
    : undefined;

  const timeoutField = f.get('timeout');
  const timeoutMs = (timeoutField && readTimeout(timeoutField, r, p)) ?? DEFAULT_STAGE_TIMEOUT_MS;

  const envField = f.get('env');
  const env = envField ? readEnv(envField, r, p) : {};
  if (run !== undefined) { checkStageSize(run, env, item, r, p); }

  const cwdField = f.get('cwd');
  let cwd = root;
  if (cwdField) {
    const rel = r.text(cwdField, 'cwd', p, "a folder relative to the pipeline file's folder");
    if (rel) {
      const res = resolveCwd(root, rel.value);
      if ('error' in res) { r.problems.at(rel.node, `${p}\`cwd\` ${res.error}`); } else { cwd = res.path; }
    }
  }

  const envKindField = f.get('environment');
  const environment = envKindField ? r.oneOf(envKindField, 'environment', p, ENVIRONMENTS) : undefined;
  const approvalField = f.get('approval');
  const approval = approvalField ? r.oneOf(approvalField, 'approval', p, APPROVALS) : undefined;

  const keepField = f.get('keep');
  const keep = keepField ? r.boolean(keepField, 'keep', p)?.value : undefined;

  return { name, node: item, needs, run, timeoutMs, env, cwd, environment, approval, keep };
}

function readName(field: Field, r: Reader, prefix: string): Located | undefined {
  const name = r.text(field, 'name', prefix, 'a stage name');
  // Names show in one-line places: the terminal header, the status bar, `--stage NAME`.
  if (name && /[\r\n]/.test(name.value)) {
    r.problems.at(name.node, `${prefix}\`name\` must fit on one line`);
    return undefined;
  }
  if (name) { refuseHiddenText(name, r, prefix, 'name'); } // reported, and kept for `needs` (the file is invalid either way)
  return name;
}

function readTimeout(field: Field, r: Reader, prefix: string): number | undefined {
  const v = field.value;
  if (isScalar(v) && typeof v.value === 'number') {
    r.problems.at(v, `${prefix}\`timeout\` needs a unit: \`${String(v.value)}\` alone could mean seconds or minutes; ${DURATION_HELP}`);
    return undefined;
  }
  const t = r.text(field, 'timeout', prefix, 'a duration such as `10m`', false);
  if (!t) { return undefined; }
  const ms = parseDuration(t.value);
  if (ms === undefined) { r.problems.at(t.node, `${prefix}\`timeout\` ${quote(t.value)} is not a valid duration; ${DURATION_HELP}`); }
  return ms;
}

/** `run` goes to `/bin/sh -c` as one argument: over the OS limit for one string the stage could never start. */
function fitsArgs(run: Located, r: Reader, prefix: string): boolean {
  if (argBytes(run.value) <= MAX_VALUE_BYTES) { return true; }
  r.problems.at(run.node, `${prefix}\`run\` is ${kib(argBytes(run.value))}; a command may be at most ${kib(MAX_VALUE_BYTES)} (the OS limit for one argument), so the stage could never start; move it into a script and run that`);
  return false;
}

/** The command and the stage's own env together, against a conservative share of the OS total (ARG_MAX). */
function checkStageSize(run: string, env: Record<string, string>, item: YAMLMap, r: Reader, prefix: string): void {
  const total = argBytes(run) + Object.entries(env).reduce((n, [k, v]) => n + argBytes(`${k}=${v}`), 0);
  if (total <= MAX_STAGE_BYTES) { return; }
  r.problems.at(firstKey(item), `${prefix}\`run\` and \`env\` together are ${kib(total)}; a stage may pass at most ${kib(MAX_STAGE_BYTES)} to the OS, so it could never start; move values into files`);
}

/** Duplicate names would make `needs` and `--stage` ambiguous: point at the second, name the first's line. */
function checkUniqueNames(drafts: readonly StageDraft[], r: Reader): void {
  const seen = new Map<string, Node>();
  for (const d of drafts) {
    if (!d.name) { continue; }
    const first = seen.get(d.name.value);
    if (first) {
      r.problems.at(d.name.node, `stage name ${quote(d.name.value)} is already used on line ${r.lineOf(first)}; stage names must be unique, so rename one of them`);
    } else {
      seen.set(d.name.value, d.name.node);
    }
  }
}

/** Missing keys have no position of their own: point at the start of the stage. */
function firstKey(map: YAMLMap): Node {
  const key = map.items[0]?.key;
  return isNode(key) ? key : map;
}
