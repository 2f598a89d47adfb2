/** Pipeline → GitHub Actions workflow (`.github/workflows/gearshift.yml`). */
import { stringify } from 'yaml';
import type { Pipeline, Stage } from '../config';
import { gatedStages, headerLines, notExportedLines, oneLine, relativeFolder, repoRootOf } from './common';
import { jobTimeoutMinutes } from './timeoutWarnings';
import { headerWarnings } from './warnings';
import { jobIds } from './slug';
import type { ExportOptions } from './types';
import { viaCliCommand, viaCliSecretEnv, viaCliSetupOf, VIA_CLI_STAGE_ARG, VIA_CLI_STAGE_VAR } from './viaCli';
import { blueGreenLeftOut, exportedPart } from './blueGreen';
import { failFastNotes, withFailFastNeeds } from './failFast';
import { viaCliSetupNotes, type ViaCliSetup } from './viaCliSetup';

/** A gate with no `environment:` of its own still needs a GitHub environment to hold its reviewers. */
export const GITHUB_APPROVAL_ENVIRONMENT = 'gearshift-approval';

type Json = Record<string, unknown>;

/**
 * The job's token is not left in the checkout's .git/config for the steps after it (the stage's
 * command; under --via-cli, `npm ci` and its dependencies' scripts): no stage needs it, since the
 * workflow's `contents: read` could not push anyway (review37b L3). Actions stay pinned by tag,
 * as GitHub's own starter workflows are: a SHA cannot be checked here and would drift every file.
 */
const CHECKOUT_STEP: Json = { uses: 'actions/checkout@v4', with: { 'persist-credentials': false } };

export function exportGithub(whole: Pipeline, options: ExportOptions): string {
  const exported = exportedPart(whole);
  const pipeline = withFailFastNeeds(exported);
  const ids = jobIds(pipeline.stages.map((s) => s.name));
  const jobs: Json = {};
  for (const stage of pipeline.stages) {
    jobs[ids.get(stage.name) as string] = githubJob(stage, ids, pipeline, options);
  }
  const workflow: Json = {
    name: 'Gearshift pipeline',
    on: githubTriggers(pipeline),
    concurrency: githubConcurrency(pipeline),
    permissions: { contents: 'read' },
    // Gearshift runs each stage with `/bin/sh -c`: the same shell, without bash's `-e`.
    defaults: { run: { shell: 'sh {0}' } },
  };
  if (options.viaCli !== true) {
    workflow.env = { GEARSHIFT_SHA: '${{ github.sha }}', GEARSHIFT_BRANCH: '${{ github.ref_name }}' };
  }
  workflow.jobs = jobs;
  const warnings = headerWarnings(pipeline, exported, options);
  const viaCliNotes = options.viaCli === true ? viaCliSetupNotes(viaCliSetupOf(pipeline, options)) : [];
  const header = headerLines(pipeline, options, [...approvalNotes(pipeline), ...failFastNotes(pipeline, exported), ...concurrencyNotes(pipeline), ...viaCliNotes, ...warnings]);
  const footer = notExportedLines(whole, blueGreenLeftOut(whole));
  const body = stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${header.join('\n')}\n\n${body}${footer.length > 0 ? `\n${footer.join('\n')}\n` : ''}`;
}

function githubTriggers(pipeline: Pipeline): Json {
  if (pipeline.trigger !== 'commit') { return { workflow_dispatch: {} }; }
  // Gearshift's branch globs (`*` within a segment, `**` across) read the same in GitHub's filters;
  // `?`, `[` and a leading `!` are refused by validation, and `+`, `]` (literal here) are escaped.
  // No filter at all would also run for tag pushes; Gearshift runs commits on branches only.
  const branches = pipeline.branches.length > 0 ? pipeline.branches.map((g) => g.replace(/[+\]]/g, '\\$&')) : ['**'];
  return { push: { branches }, workflow_dispatch: {} };
}

/**
 * One run per branch at a time, as locally one run at a time: a second push waits instead of
 * deploying beside (or over) the first. GitHub keeps one waiting run, the newest: `queue: latest`;
 * `queue: max` keeps them all, in order: `queue: all`.
 */
function githubConcurrency(pipeline: Pipeline): Json {
  const concurrency: Json = { group: 'gearshift-${{ github.ref }}', 'cancel-in-progress': false };
  if (pipeline.queue === 'all') { concurrency.queue = 'max'; }
  return concurrency;
}

function concurrencyNotes(pipeline: Pipeline): string[] {
  if (pipeline.queue !== 'all') { return []; }
  return ['# Concurrency: queue: all is written as concurrency queue: max (every waiting run kept, in order; GitHub keeps',
    '#   up to 100 per branch). A GitHub Enterprise Server may not know the key yet: export with queue: latest there.'];
}

function githubJob(stage: Stage, ids: Map<string, string>, pipeline: Pipeline, options: ExportOptions): Json {
  const viaCli = options.viaCli === true;
  const job: Json = { name: githubLiteral(stage.name), 'runs-on': 'ubuntu-latest' };
  if (stage.needs.length > 0) { job.needs = stage.needs.map((n) => ids.get(n) as string); }
  job['timeout-minutes'] = jobTimeoutMinutes(stage, viaCli);
  const environment = stage.environment ?? (stage.approval === 'manual' ? GITHUB_APPROVAL_ENVIRONMENT : undefined);
  if (environment !== undefined) { job.environment = environment; }
  if (!viaCli) { job.env = stageEnv(stage); }
  job.steps = [CHECKOUT_STEP, ...(viaCli ? [...setupSteps(viaCliSetupOf(pipeline, options)), cliStep(stage, pipeline, options)] : [runStep(stage, pipeline, options)])];
  return job;
}

function stageEnv(stage: Stage): Json {
  const env: Json = { GEARSHIFT_STAGE: githubLiteral(stage.name) };
  if (stage.environment !== undefined) { env.GEARSHIFT_ENVIRONMENT = stage.environment; }
  return { ...env, ...stage.env };
}

function runStep(stage: Stage, pipeline: Pipeline, options: ExportOptions): Json {
  const step: Json = { name: githubLiteral(stage.name), run: stage.run };
  const folder = relativeFolder(repoRootOf(pipeline, options), stage.cwd);
  // GitHub evaluates `${{ }}` in working-directory as in a name: a folder is text.
  if (folder !== '') { step['working-directory'] = githubLiteral(folder); }
  return step;
}

/** `--via-cli`: Node, then the repository's dependencies (gearshift among them), before the stage's step. */
function setupSteps(setup: ViaCliSetup): Json[] {
  const node: Json = { uses: 'actions/setup-node@v4', with: { 'node-version': String(setup.nodeMajor) } };
  if (setup.install === undefined) { return [node]; }
  const install: Json = { name: 'Install dependencies', run: setup.install };
  if (setup.folder !== '') { install['working-directory'] = githubLiteral(setup.folder); }
  return [node, install];
}

function cliStep(stage: Stage, pipeline: Pipeline, options: ExportOptions): Json {
  // The secrets on this step only: the install step before it (dependencies' scripts) sees none.
  const secrets = viaCliSecretEnv(pipeline, stage, (name) => `\${{ secrets.${name} }}`);
  const step: Json = { name: githubLiteral(stage.name), run: viaCliCommand(stage, VIA_CLI_STAGE_ARG), env: { [VIA_CLI_STAGE_VAR]: githubLiteral(stage.name), ...secrets } };
  const folder = relativeFolder(repoRootOf(pipeline, options), pipeline.root);
  if (folder !== '') { step['working-directory'] = githubLiteral(folder); }
  return step;
}

/** A stage name is text, not an expression: GitHub would evaluate a `${{` inside it. */
export function githubLiteral(text: string): string {
  return text.replace(/\$\{\{/g, "${{ '${{' }}");
}

function approvalNotes(pipeline: Pipeline): string[] {
  const gated = gatedStages(pipeline);
  if (gated.length === 0) { return []; }
  const envs = [...new Set(gated.map((s) => s.environment ?? GITHUB_APPROVAL_ENVIRONMENT))];
  return [
    `# Approval: ${gated.map((s) => `"${oneLine(s.name)}"`).join(', ')} wait(s) for a person through the GitHub environment(s)`,
    `#   ${envs.join(', ')}. Set required reviewers in the repository's Settings → Environments:`,
    '#   without them GitHub runs these jobs without asking.',
  ];
}
