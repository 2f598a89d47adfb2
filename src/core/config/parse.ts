import * as path from 'path';
import { isAlias, isMap, isScalar, LineCounter, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { readAlerts } from './alerts';
import { readDeploy } from './deploy';
import { TOP_LEVEL_KEYS, TRIGGERS } from './keys';
import { resolveNeeds } from './needs';
import { Problems } from './problems';
import { describe, isEmpty, Reader, type Field } from './reader';
import { readStages } from './stages';
import { reportBrokenAliases, reportYamlErrors } from './syntax';
import type { LoadResult, Pipeline, Stage } from './types';

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

  const r = new Reader(doc, problems);
  const top = r.deref(doc.contents);
  if (!isMap(top)) {
    problems.at(top, `the file must be a mapping of keys such as \`version: 1\` and \`stages:\`, not ${describe(top)}`);
    return { ok: false, errors: problems.list() };
  }
  const pipeline = readPipeline(top, r, file);
  return pipeline && problems.count === 0 ? { ok: true, pipeline } : { ok: false, errors: problems.list() };
}

function readPipeline(top: YAMLMap, r: Reader, file: string): Pipeline | undefined {
  const root = path.dirname(file);
  const f = r.fields(top, TOP_LEVEL_KEYS, '');
  const start = top.items[0]?.key as Node | undefined;

  const versionField = f.get('version');
  if (!versionField) { r.problems.at(start, '`version` is missing; add `version: 1` as the first line'); }
  else { readVersion(versionField, r); }

  const triggerField = f.get('trigger');
  const trigger = triggerField ? r.oneOf(triggerField, 'trigger', '', TRIGGERS) : 'manual';

  const branchesField = f.get('branches');
  const branches = branchesField
    ? r.stringList(branchesField, 'branches', '', { one: 'a branch name or glob', many: 'branch names or globs' }, 'write branch names such as `[main]`, or remove the line to trigger on every branch')
    : [];

  const stagesField = f.get('stages');
  if (!stagesField) { r.problems.at(start, '`stages` is missing; add a `stages:` list, e.g. `- name: Unit Tests` with `run: npm test`'); }
  const drafts = stagesField ? readStages(stagesField, r, root) : undefined;
  const needs = drafts ? resolveNeeds(drafts, r.problems) : [];

  const deployField = f.get('deploy');
  const deploy = deployField ? readDeploy(deployField, r) : undefined;
  const alertsField = f.get('alerts');
  const alerts = alertsField ? readAlerts(alertsField, r) : undefined;
  const monitor = readMonitor(f.get('monitor'), r);

  if (r.problems.count > 0 || !drafts || !trigger || !branches) { return undefined; }
  const stages: Stage[] = drafts.map((d, i) => ({
    name: d.name?.value ?? '',
    run: d.run ?? '',
    needs: needs[i],
    timeoutMs: d.timeoutMs,
    env: d.env,
    cwd: d.cwd,
    ...(d.environment ? { environment: d.environment } : {}),
    ...(d.approval ? { approval: d.approval } : {}),
  }));
  return {
    version: 1, file, root, trigger, branches: branches.map((b) => b.value), stages,
    ...(deploy ? { deploy } : {}),
    ...(alerts ? { alerts } : {}),
    ...(monitor !== undefined ? { monitor } : {}),
  };
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

/** `monitor:` is kept as written until the deploy issue gives it a type; empty means absent. */
function readMonitor(field: Field | undefined, r: Reader): unknown {
  if (!field || isEmpty(field.value)) { return undefined; }
  try {
    return field.value.toJS(r.document);
  } catch (e) {
    if (e instanceof ReferenceError) { return undefined; } // an alias with no anchor: already reported
    r.problems.at(field.value, `\`monitor\` could not be read: ${e instanceof Error ? e.message : String(e)}`, field.key);
    return undefined;
  }
}
