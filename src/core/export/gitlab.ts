/** Pipeline → GitLab CI (`.gitlab-ci.yml`): one job per stage, `stages:` in DAG order, `needs:` as the DAG. */
import type { Pipeline, Stage } from '../config';
import { shellQuote } from '../format';
import { globToRegExp } from '../git';
import { gatedStages, headerLines, notExportedLines, oneLine, relativeFolder, repoRootOf, SECRET_REFERENCE } from './common';
import { jobTimeoutMinutes } from './timeoutWarnings';
import { headerWarnings } from './warnings';
import { topologicalOrder } from './order';
import { jobIds } from './slug';
import type { ExportOptions } from './types';
import { stringifyYaml11 } from './yaml11';
import { viaCliCommand, viaCliSecretEnv, viaCliSetupOf } from './viaCli';
import { blueGreenLeftOut, exportedPart } from './blueGreen';
import { failFastNotes, withFailFastNeeds } from './failFast';
import { viaCliSetupNotes } from './viaCliSetup';

type Json = Record<string, unknown>;

/**
 * GitLab runs `script` in bash under `set -eo pipefail`; Gearshift runs `run` with `/bin/sh -c`.
 * The command goes to the same `sh -c`, so a failing first line of many, or `cmd | cat` with a
 * failing `cmd`, gets the verdict it gets locally. It is written in `script` itself, single-quoted
 * (GitLab expands no variables in `script`: `$` is the shell's): a pipeline variable outranks a
 * job's variables, so a command held in one could be replaced without a commit (review37b M2).
 */
function runLine(stage: Stage): string {
  return `sh -c ${shellQuote(stage.run)}`;
}

export function exportGitlab(whole: Pipeline, options: ExportOptions): string {
  const exported = exportedPart(whole);
  const pipeline = withFailFastNeeds(exported);
  const ids = jobIds(pipeline.stages.map((s) => s.name));
  const ordered = topologicalOrder(pipeline.stages);
  const file: Json = { workflow: { rules: gitlabRules(pipeline) }, stages: ordered.map((s) => gitlabStageName(s.name)) };
  if (options.viaCli !== true) {
    file.variables = { GEARSHIFT_SHA: '$CI_COMMIT_SHA', GEARSHIFT_BRANCH: '$CI_COMMIT_REF_NAME' };
  }
  for (const stage of ordered) {
    file[ids.get(stage.name) as string] = gitlabJob(stage, ids, pipeline, options);
  }
  const header = headerLines(pipeline, options, [
    '# Each job\'s stage (and GEARSHIFT_STAGE) is the stage\'s name in .gearshift.yml; job ids are slugs of it.',
    ...approvalNotes(pipeline),
    ...failFastNotes(pipeline, exported),
    ...(options.viaCli === true ? viaCliSetupNotes(viaCliSetupOf(pipeline, options)) : []),
    ...headerWarnings(pipeline, exported, options),
  ]);
  const footer = notExportedLines(whole, blueGreenLeftOut(whole));
  const body = stringifyYaml11(file);
  return `${header.join('\n')}\n\n${body}${footer.length > 0 ? `\n${footer.join('\n')}\n` : ''}`;
}

/** `.pre` and `.post` are GitLab's own stages: a stage named so gets a prefix instead of their meaning. */
function gitlabStageName(name: string): string {
  const line = oneLine(name);
  return line.startsWith('.') ? `stage ${line}` : line;
}

function gitlabRules(pipeline: Pipeline): Json[] {
  const byHand: Json = { if: '$CI_PIPELINE_SOURCE == "web" || $CI_PIPELINE_SOURCE == "api"' };
  if (pipeline.trigger !== 'commit') { return [byHand]; }
  // A tag pipeline is a push too, with CI_COMMIT_BRANCH unset: Gearshift runs commits on branches only.
  if (pipeline.branches.length === 0) { return [{ if: '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH' }, byHand]; }
  const branch = pipeline.branches.map((g) => `$CI_COMMIT_BRANCH =~ /${gitlabRegex(g)}/`).join(' || ');
  return [{ if: `$CI_PIPELINE_SOURCE == "push" && (${branch})` }, byHand];
}

/** The branch glob as the RE2 pattern between GitLab's slashes (a bare `/` would end it). */
function gitlabRegex(glob: string): string {
  return globToRegExp(glob).source.replace(/\[\^\/\]/g, '[^\\/]');
}

function gitlabJob(stage: Stage, ids: Map<string, string>, pipeline: Pipeline, options: ExportOptions): Json {
  const viaCli = options.viaCli === true;
  // `needs: []` too: without it a job waits for every job in earlier stages, not just its DAG parents.
  const job: Json = { stage: gitlabStageName(stage.name), needs: stage.needs.map((n) => ids.get(n) as string) };
  job.timeout = `${jobTimeoutMinutes(stage, viaCli)}m`;
  if (stage.environment !== undefined) { job.environment = stage.environment; }
  // One production job at a time across pipelines, as locally one deploy holds the deploy lock.
  if (stage.environment === 'production') { job.resource_group = 'production'; }
  if (stage.approval === 'manual') {
    // allow_failure: false makes it a blocking gate: the jobs that need it wait for the click.
    job.when = 'manual';
    job.allow_failure = false;
  }
  const folder = relativeFolder(repoRootOf(pipeline, options), viaCli ? pipeline.root : stage.cwd);
  job.variables = viaCli ? viaCliVariables(stage, pipeline) : stageVariables(stage);
  if (viaCli) { Object.assign(job, viaCliSetupKeys(pipeline, options)); }
  // The stage's name literally too, not through a variable a pipeline variable could override.
  job.script = [...(folder === '' ? [] : [`cd -- ${shellQuote(folder)}`]), viaCli ? viaCliCommand(stage, shellQuote(stage.name)) : runLine(stage)];
  return job;
}

/** `--via-cli`: each secret `gearshift run` reads as `GEARSHIFT_SECRET_<NAME>` from the CI/CD variable. */
function viaCliVariables(stage: Stage, pipeline: Pipeline): Json {
  // The runner checks the commit out detached: `gearshift run` takes the branch from GEARSHIFT_BRANCH then (as the plain export sets it).
  return { GEARSHIFT_BRANCH: '$CI_COMMIT_REF_NAME', ...viaCliSecretEnv(pipeline, stage, (name) => `$${name}`) };
}

/** `--via-cli`: an image with Node, and the repository's dependencies (gearshift among them) installed first. */
function viaCliSetupKeys(pipeline: Pipeline, options: ExportOptions): Json {
  const setup = viaCliSetupOf(pipeline, options);
  const keys: Json = { image: `node:${setup.nodeMajor}` };
  // A subshell: before_script and script share one shell, and script's own `cd` is from the checkout's top.
  if (setup.install !== undefined) { keys.before_script = [setup.folder === '' ? setup.install : `(cd -- ${shellQuote(setup.folder)} && ${setup.install})`]; }
  return keys;
}

function stageVariables(stage: Stage): Json {
  // The name is data: `${{ secrets.X }}` in a name is text, not the secret (as locally), so no gitlabLiteral.
  const vars: Json = { GEARSHIFT_STAGE: dollarsKept(stage.name) };
  if (stage.environment !== undefined) { vars.GEARSHIFT_ENVIRONMENT = stage.environment; }
  for (const [key, value] of Object.entries(stage.env)) { vars[key] = gitlabLiteral(value); }
  return vars;
}

/**
 * GitLab expands `$X` inside variable values; a value is kept as written by doubling `$`.
 * `${{ secrets.NAME }}` becomes `$NAME`: a CI/CD variable of that name, set in the project.
 */
export function gitlabLiteral(value: string): string {
  const secret = new RegExp(`${SECRET_REFERENCE.source}|\\$`, 'g');
  return value.replace(secret, (_match: string, name: string | undefined) => (name !== undefined ? `$${name}` : '$$'));
}

/**
 * Text kept as written (a stage name): GitLab expands `$X` in a variable's value, `$$`
 * stays one `$`. `stage:` and job ids need none of this: GitLab expands no variables there.
 */
function dollarsKept(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

function approvalNotes(pipeline: Pipeline): string[] {
  const gated = gatedStages(pipeline);
  if (gated.length === 0) { return []; }
  return [`# Approval: ${gated.map((s) => `"${oneLine(s.name)}"`).join(', ')} run(s) only when started by hand (when: manual); the jobs after wait.`];
}
