import * as path from 'path';
import { isAlias, isMap, isScalar, LineCounter, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { readAlerts } from './alerts';
import { checkBranchGlobs } from './branchGlobs';
import { readDeploy } from './deploy';
import { readFlags } from './flags';
import { readGears } from './gears';
import { CHECKOUT_MODES, QUEUE_POLICIES, TOP_LEVEL_KEYS, TRIGGERS } from './keys';
import { readMonitor } from './monitorSection';
import { resolveNeeds } from './needs';
import { Problems } from './problems';
import { describe, isEmpty, Reader, type Field } from './reader';
import { readStages } from './stages';
import { MAX_NESTING } from './limits';
import { tooDeepAt } from './nesting';
import { reportBrokenAliases, reportYamlErrors } from './syntax';
import { DEFAULT_GEARS, type LoadResult, type Pipeline, type Stage } from './types';
import { pipelineWarnings } from './warnings';

export const EMPTY_FILE_MESSAGE = 'file is empty; it needs at least `version: 1` and `stages:`';

/**
 * Parse and validate the text of `.gearshift.yml`. `file` is its absolute path; stage
 * folders resolve against its directory. Every problem is collected; any problem means
 * `ok: false` and nothing runs.
 *
 * YAML syntax errors stop validation after they are reported: a broken tree would only
 * produce confusing follow-on errors. Duplicate keys do not stop it.
 */
export function parsePipelineText(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const problems = new Problems(file, lines);
  const deep = text.trim() === '' ? undefined : tooDeepAt(text);
  if (deep !== undefined) {
    // Offsets need the line table, which only a parse fills: count the newlines ourselves.
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < deep; i = text.indexOf('\n', i + 1)) { lines.addNewLine(i + 1); }
    problems.at([deep, deep], `nesting too deep: lists and mappings may be nested at most ${MAX_NESTING} levels; flatten the structure`);
    return { ok: false, errors: problems.list() };
  }
  const docs = text.trim() === '' ? [] : parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const doc = docs[0];
  if (doc === undefined || doc.contents === null) {
    problems.at(undefined, EMPTY_FILE_MESSAGE);
    return { ok: false, errors: problems.list() };
  }

  let broken = false;
  for (const d of docs) { broken = reportYamlErrors(d, problems) || broken; }
  if (docs.length > 1) {
    problems.at([docs[1].range[0], docs[1].range[0] + 3], 'only one YAML document is allowed, but a second one starts here; remove this `---` line and everything after it, or merge the two');
  }
  if (broken) { return { ok: false, errors: problems.list() }; }
  reportBrokenAliases(doc, problems);

  const r = new Reader(doc, problems, text);
  const top = r.deref(doc.contents);
  if (!isMap(top)) {
    problems.at(top, `the file must be a mapping of keys such as \`version: 1\` and \`stages:\`, not ${describe(top)}`);
    return { ok: false, errors: problems.list() };
  }
  const pipeline = readPipeline(top, r, file);
  if (!pipeline || problems.count > 0) { return { ok: false, errors: problems.list() }; }
  const warnings = pipelineWarnings(pipeline, top, new Problems(file, lines));
  return { ok: true, pipeline, ...(warnings.length > 0 ? { warnings } : {}) };
}

function readPipeline(top: YAMLMap, r: Reader, file: string): Pipeline | undefined {
  const root = path.dirname(file);
  const f = r.fields(top, TOP_LEVEL_KEYS, '');
  const start = top.items[0]?.key as Node | undefined;
  // Read in file order, so problems are reported in the order a person reads them.
  const { trigger, branches, queue, checkout } = readRunSettings(f, r, start);

  const stagesField = f.get('stages');
  if (!stagesField) { r.problems.at(start, '`stages` is missing; add a `stages:` list, e.g. `- name: Unit Tests` with `run: npm test`'); }
  const drafts = stagesField ? readStages(stagesField, r, root) : undefined;
  const needs = drafts ? resolveNeeds(drafts, r.problems) : [];
  const stageNames = drafts?.every((d) => d.name !== undefined) ? drafts.map((d) => d.name?.value ?? '') : undefined;
  const { deploy, alerts, monitor, gears, flags } = readSections(f, r, root, stageNames);

  if (r.problems.count > 0 || !drafts || !trigger || !branches || !queue || !checkout || !gears) { return undefined; }
  return {
    version: 1, file, root, trigger, branches: branches.map((b) => b.value), stages: finishStages(drafts, needs), queue, checkout,
    ...(deploy ? { deploy } : {}),
    ...(alerts ? { alerts } : {}),
    ...(monitor ? { monitor } : {}),
    gears,
    ...(flags ? { flags } : {}),
  };
}

/** `version`, and how runs start: `trigger`, `branches`, `queue`, `checkout`. */
function readRunSettings(f: Map<string, Field>, r: Reader, start: Node | undefined) {
  const versionField = f.get('version');
  if (!versionField) { r.problems.at(start, '`version` is missing; add `version: 1` as the first line'); }
  else { readVersion(versionField, r); }

  const triggerField = f.get('trigger');
  const trigger = triggerField ? r.oneOf(triggerField, 'trigger', '', TRIGGERS) : 'manual';

  const branchesField = f.get('branches');
  const branches = branchesField
    ? r.stringList(branchesField, 'branches', '', { one: 'a branch name or glob', many: 'branch names or globs' }, 'write branch names such as `[main]`, or remove the line to trigger on every branch')
    : [];
  if (branches) { checkBranchGlobs(branches, r.problems); }

  // `queue` only matters with `trigger: commit`; with `manual` it is accepted and has no effect,
  // so switching the trigger back and forth needs no other edit.
  const queueField = f.get('queue');
  const queue = queueField ? r.oneOf(queueField, 'queue', '', QUEUE_POLICIES) : 'latest';
  const checkoutField = f.get('checkout');
  const checkout = checkoutField ? r.oneOf(checkoutField, 'checkout', '', CHECKOUT_MODES) : 'workspace';
  return { trigger, branches, queue, checkout };
}

/** The optional sections after the stages; `monitor` needs to know `deploy`'s slots, `flags` the stage names. */
function readSections(f: Map<string, Field>, r: Reader, root: string, stageNames: readonly string[] | undefined) {
  const deployField = f.get('deploy');
  const deploy = deployField ? readDeploy(deployField, r) : undefined;
  const alertsField = f.get('alerts');
  const alerts = alertsField ? readAlerts(alertsField, r) : undefined;
  const monitorField = f.get('monitor');
  const slots = deploy ? deploy.slots : deployField ? 'invalid' as const : undefined;
  const monitor = monitorField ? readMonitor(monitorField, r, root, slots) : undefined;
  const gearsField = f.get('gears');
  const gears = gearsField ? readGears(gearsField, r) : DEFAULT_GEARS;
  const flagsField = f.get('flags');
  const flags = flagsField ? readFlags(flagsField, r, root, stageNames) : undefined;
  return { deploy, alerts, monitor, gears, flags };
}

/** Valid drafts (no problems reported) as the stages a run executes. */
function finishStages(drafts: NonNullable<ReturnType<typeof readStages>>, needs: string[][]): Stage[] {
  return drafts.map((d, i) => ({
    name: d.name?.value ?? '',
    run: d.run ?? '',
    needs: needs[i],
    timeoutMs: d.timeoutMs,
    env: d.env,
    cwd: d.cwd,
    ...(d.environment ? { environment: d.environment } : {}),
    ...(d.approval ? { approval: d.approval } : {}),
    ...(d.keep ? { keep: true } : {}),
  }));
}

function readVersion(field: Field, r: Reader): void {
  const v = field.value;
  if ((isScalar(v) && v.value === 1) || isAlias(v)) { return; } // a broken alias is reported up front
  if (isEmpty(v)) { r.problems.at(field.key, '`version` has no value; write `version: 1`'); return; }
  if (isScalar(v) && typeof v.value === 'number') {
    r.problems.at(v, `\`version\` ${v.source ?? String(v.value)} is not supported; this Gearshift reads \`version: 1\``);
    return;
  }
  r.problems.at(v, `\`version\` must be the number 1, not ${describe(v)}; write \`version: 1\``, field.key);
}
