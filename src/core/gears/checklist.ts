/**
 * Readiness checklist: for each gear, the practices that shift up from it, each detected from
 * the pipeline file, the repository (repoScan.ts) and the history. `unknown` means there was
 * nothing to look at (no pipeline, no scan, no runs), never a guess.
 */
import { isStarterTodo, queueAllWarning, type Pipeline, type Stage } from '../config';
import { ADD_DEPLOY_STAGE } from './limitingFactor';
import { days } from './classify';
import { counted, formatDuration } from '../format';

import type { GearNumber } from './model';
import type { RepoFacts } from './repoScan';
import { DAY_MS } from './stats';
import { spelledSpan } from './historySpan';

export type CheckStatus = 'done' | 'missing' | 'unknown';

export interface ChecklistItem {
  readonly id: string;
  /** The gear this practice shifts up from. */
  readonly gear: GearNumber;
  readonly label: string;
  readonly status: CheckStatus;
  /** How it was detected, or what is missing. */
  readonly how: string;
  /** Missing only, when the check knows more than the practice's words: what to change (the gauge's next steps, shiftUp.ts). */
  readonly fix?: string;
}

export type ChecklistPipeline = Pick<Pipeline, 'stages' | 'trigger'> & Partial<Pick<Pipeline, 'deploy' | 'alerts' | 'monitor' | 'queue' | 'checkout'>>;

export interface ChecklistInput {
  readonly pipeline?: ChecklistPipeline;
  /** A .gearshift.yml is there but did not load: its items say so, not "no file". */
  readonly pipelineInvalid?: boolean;
  readonly repo?: RepoFacts;
  /** Runs seen in the window; 0 makes history items unknown. */
  readonly runsInWindow: number;
  readonly longestRedMs: number;
  readonly windowMs: number;
  /** How long runs or deploys have been on record, up to the window (historySpan.ts recordedFor). */
  readonly recordedMs: number;
}

const TEST = /test|spec|jest|mocha|vitest|pytest|rspec|junit|phpunit|\bcheck\b/i;
const ACCEPTANCE = /accept|e2e|end[- ]to[- ]end|functional|cucumber|playwright|cypress|selenium|behave/i;
const PROVISION = /provision|terraform|\btofu\b|ansible|pulumi|helm|cloudformation|cdk deploy|\bchef\b|puppet/i;
const MONITOR = /monitor|smoke|health|probe|synthetic|observ/i;
const NO_PIPELINE = 'no .gearshift.yml to read';
const INVALID_PIPELINE = '.gearshift.yml has errors: `gearshift validate` lists them';

type Item = Omit<ChecklistItem, 'status' | 'how'>;
type Outcome = { status: CheckStatus; how: string; fix?: string };
type Check = (input: ChecklistInput) => Outcome;

const CHECKS: readonly (Item & { check: Check })[] = [
  { id: 'deploy-automated', gear: 1, label: 'Production deploys run by the pipeline', check: withPipeline(deployAutomated) },
  { id: 'no-manual-steps', gear: 1, label: 'No manual steps before production', check: withPipeline(noManualSteps) },
  { id: 'test-before-deploy', gear: 1, label: 'Tests run before the first deploy stage', check: withPipeline(testBeforeDeploy) },
  { id: 'never-red-long', gear: 1, label: 'Pipeline never red for more than a day', check: neverRedLong },
  { id: 'provisioning', gear: 2, label: 'Environments provisioned by code', check: provisioning },
  { id: 'blue-green', gear: 2, label: 'Blue/green deployment configured', check: withPipeline(blueGreen) },
  { id: 'feature-toggles', gear: 3, label: 'Feature toggles in use', check: featureToggles },
  { id: 'no-dead-toggles', gear: 3, label: 'Remove dead toggles', check: deadToggles },
  { id: 'acceptance-tests', gear: 3, label: 'Automated acceptance test stage', check: withPipeline((p) => stageMatching(p, ACCEPTANCE, 'acceptance test')) },
  { id: 'monitoring', gear: 4, label: 'Monitoring after production deploys', check: withPipeline(monitoring) },
  { id: 'alert-webhook', gear: 4, label: 'Alert webhook configured', check: withPipeline(alertWebhook) },
  { id: 'continuous-trigger', gear: 4, label: 'Every commit can reach production unattended', check: withPipeline(continuousTrigger) },
  { id: 'parallel-stages', gear: 5, label: 'Independent stages run in parallel', check: withPipeline(parallelStages) },
];

export function readinessChecklist(input: ChecklistInput): ChecklistItem[] {
  return CHECKS.map(({ check, ...item }) => ({ ...item, ...check(input) }));
}

function withPipeline(check: (p: ChecklistPipeline) => Outcome): Check {
  return (input) => (input.pipeline ? check(input.pipeline) : { status: 'unknown', how: input.pipelineInvalid === true ? INVALID_PIPELINE : NO_PIPELINE });
}

const done = (how: string) => ({ status: 'done' as const, how });
const missing = (how: string, fix?: string) => ({ status: 'missing' as const, how, ...(fix !== undefined ? { fix } : {}) });
const names = (stages: readonly Stage[]) => stages.map((s) => `"${s.name}"`).join(', ');
/** `stage "A"` or `stages "A", "B"`. */
const stagesNamed = (stages: readonly Stage[]) => `${stages.length === 1 ? 'stage' : 'stages'} ${names(stages)}`;
const matches = (s: Stage, re: RegExp) => re.test(s.name) || re.test(s.run);
/** A stage still running the starter's failing TODO (config/template.ts) fails on purpose: it is no evidence. */
const todo = (s: Stage) => isStarterTodo(s.run);
const real = (s: Stage) => !todo(s);
const stillTodo = (stages: readonly Stage[]) => `${stagesNamed(stages)} still TODO`;
const replaceTodo = (stages: readonly Stage[]) => `replace the TODO command of ${stagesNamed(stages)}`;
/** "; stage "X" still TODO" after what is missing, when TODO stages would have been the evidence. */
const todoNote = (stages: readonly Stage[]) => (stages.length ? `; ${stillTodo(stages)}` : '');

function deployAutomated(p: ChecklistPipeline) {
  const prod = p.stages.filter((s) => s.environment === 'production');
  const deploying = prod.filter(real);
  if (deploying.length) { return done(`${stagesNamed(deploying)} ${deploying.length === 1 ? 'has' : 'have'} environment: production`); }
  return prod.length ? missing(`environment: production only on ${stillTodo(prod)}`, replaceTodo(prod)) : missing('no stage has environment: production', ADD_DEPLOY_STAGE);
}

/** A manual gate before production is a deliberate choice; one anywhere else is a manual step. */
function noManualSteps(p: ChecklistPipeline) {
  const manual = p.stages.filter((s) => s.approval === 'manual' && s.environment !== 'production');
  return manual.length ? missing(`approval: manual on ${names(manual)}`) : done('no approval: manual outside production stages');
}

/**
 * Every deploy stage waits (through `needs`, transitively) for a stage that tests: file order is
 * not run order, and a deploy stage with `needs: []` starts while the tests still run.
 */
function testBeforeDeploy(p: ChecklistPipeline) {
  const deploys = p.stages.filter((s) => s.environment !== undefined);
  const isTest = (s: Stage) => matches(s, TEST) && real(s);
  const todoTests = p.stages.filter((s) => matches(s, TEST) && todo(s));
  const fix = todoTests.length ? replaceTodo(todoTests) : undefined;
  if (deploys.length === 0) {
    const tests = p.stages.filter(isTest);
    return tests.length ? done(`test ${stagesNamed(tests)}; no deploy stage yet`) : missing(`no stage name or command mentions tests${todoNote(todoTests)}`, fix);
  }
  const testsBefore = (deploy: Stage) => waitedFor(p.stages, deploy).filter(isTest);
  const untested = deploys.find((d) => testsBefore(d).length === 0);
  if (untested) { return missing(`no stage "${untested.name}" waits for (its needs) mentions tests in its name or command${todoNote(todoTests)}`, fix); }
  return done(`${names(testsBefore(deploys[0]))} before "${deploys[0].name}"`);
}

/** The stages `stage` waits for, directly or through others, in file order. */
function waitedFor(stages: readonly Stage[], stage: Stage): Stage[] {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const queue = [...stage.needs];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) { continue; }
    seen.add(name);
    queue.push(...(byName.get(name)?.needs ?? []));
  }
  return stages.filter((s) => seen.has(s.name));
}

/**
 * Says what was measured: the window, or the history there is when it is shorter. Minutes of
 * history say nothing about a day, so the item is met only once history covers one (as the gauge
 * marks a gear provisional on a short history); a red stretch past a day is missing at once.
 */
function neverRedLong(input: ChecklistInput) {
  if (input.runsInWindow === 0) { return { status: 'unknown' as const, how: `no runs in the last ${days(input.windowMs)}` }; }
  const longest = input.longestRedMs > 0 ? `longest red stretch ${formatDuration(input.longestRedMs)}` : 'never red';
  const over = input.recordedMs < input.windowMs ? `${spelledSpan(input.recordedMs)} of history` : `the last ${days(input.windowMs)} (from history)`;
  const what = `${longest} in ${over}`;
  if (input.longestRedMs > DAY_MS) { return missing(what); }
  return input.recordedMs < DAY_MS ? { status: 'unknown' as const, how: `${what}: not met until history covers a day` } : done(what);
}

function provisioning(input: ChecklistInput) {
  const stages = input.pipeline?.stages.filter((s) => matches(s, PROVISION)) ?? [];
  const stage = stages.find(real);
  if (stage) { return done(`stage "${stage.name}" provisions`); }
  const found = input.repo?.provisioning ?? [];
  if (found.length) { return done(found.slice(0, 3).map((f) => `${f.what}: ${f.file}`).join(', ')); }
  const todos = todoNote(stages);
  if (!input.repo) { return { status: 'unknown' as const, how: `repository not scanned${todos}` }; }
  if (input.repo.truncated) { return { status: 'unknown' as const, how: `no provisioning found in the first ${input.repo.entries} entries scanned${todos}` }; }
  if (stages.length) { return missing(`no Terraform, Ansible, Pulumi, Chef, Puppet, CloudFormation or Helm files${todos}`, replaceTodo(stages)); }
  return missing('no Terraform, Ansible, Pulumi, Chef, Puppet, CloudFormation or Helm files, and no provisioning stage');
}

function blueGreen(p: ChecklistPipeline) {
  return p.deploy?.strategy === 'blue-green' ? done(`deploy.strategy: blue-green, slots ${p.deploy.slots.join('/')}`) : missing('no deploy.strategy: blue-green');
}

/** Stale toggles (flags/: one value to everyone for flags.staleAfter) are code paths nobody takes. */
function deadToggles(input: ChecklistInput) {
  const stale = input.repo?.staleFlags;
  const unknown = input.repo?.staleFlagsUnknown;
  if (stale === undefined) { return { status: 'unknown' as const, how: unknown ?? 'no flags file to judge' }; }
  return stale === 0 ? done('no stale toggles') : missing(`${stale} stale toggle${stale === 1 ? '' : 's'}: \`gearshift flags stale\` lists them and their references`);
}

function featureToggles(input: ChecklistInput) {
  const repo = input.repo;
  if (!repo) { return { status: 'unknown' as const, how: 'repository not scanned' }; }
  if (repo.flagsFiles.length) { return done(`flags file ${repo.flagsFiles.slice(0, 3).join(', ')}`); }
  if (repo.flagSdks.length) { return done(repo.flagSdks.slice(0, 3).map((f) => `${f.what} in ${f.file}`).join(', ')); }
  if (repo.truncated) { return { status: 'unknown' as const, how: `no flags file or SDK in the first ${repo.entries} entries scanned` }; }
  return missing('no flags file that `gearshift flags` reads (flags.json, or the files `flags:` names) and no feature-flag SDK in package.json');
}

function stageMatching(p: ChecklistPipeline, re: RegExp, what: string) {
  const found = p.stages.filter((s) => matches(s, re));
  const evidence = found.filter(real);
  if (evidence.length) { return done(stagesNamed(evidence)); }
  return found.length ? missing(stillTodo(found), replaceTodo(found)) : missing(`no stage whose name or command mentions ${what}s`);
}

const ADD_MONITOR = 'add a `monitor:` section: with blue/green it watches the new release after the switch';

/**
 * With blue/green the switch runs after every stage of the run passed (docs/deploys.md), so a
 * stage checks the old release, still live: only `monitor:` watches the new one (as the walkthrough says).
 */
function monitoring(p: ChecklistPipeline) {
  if (p.monitor && p.monitor.probes.length) { return done(`monitor: ${counted(p.monitor.probes.length, 'probe')} ${p.monitor.probes.length === 1 ? 'watches' : 'watch'} each production deploy`); }
  const first = p.stages.findIndex((s) => s.environment === 'production');
  const after = p.stages.slice(Math.max(0, first)).filter((s) => matches(s, MONITOR));
  const checking = after.filter(real);
  const blueGreen = p.deploy?.strategy === 'blue-green';
  if (checking.length && blueGreen) {
    return missing(`with blue/green, ${stagesNamed(checking)} ${checking.length === 1 ? 'runs' : 'run'} before the switch, while the old release is live; no monitor: section`, ADD_MONITOR);
  }
  if (checking.length) { return done(stagesNamed(checking)); }
  if (after.length) { return missing(`no monitor: section${todoNote(after)}`, blueGreen ? ADD_MONITOR : replaceTodo(after)); }
  return missing('no monitor: section and no monitoring stage after production', blueGreen ? ADD_MONITOR : undefined);
}

function alertWebhook(p: ChecklistPipeline) {
  return p.alerts?.webhook ? done('alerts.webhook is set') : missing('no alerts.webhook');
}

function continuousTrigger(p: ChecklistPipeline) {
  const gated = p.stages.filter((s) => s.approval === 'manual');
  if (p.trigger !== 'commit') { return missing(`trigger: ${p.trigger} (continuous deployment needs trigger: commit)`, `set \`trigger: commit\` (now \`trigger: ${p.trigger}\`): every commit goes to production unattended`); }
  if (!p.stages.some((s) => s.environment === 'production')) { return missing('trigger: commit, but no production stage', 'mark the production deploy stage `environment: production`'); }
  if (gated.length) { return missing(`trigger: commit, but approval: manual on ${names(gated)}`, `remove \`approval: manual\` from ${stagesNamed(gated)}`); }
  // queue: all under checkout: workspace runs only the newest commit of a burst (review22 M2).
  if (queueAllWarning({ trigger: p.trigger, queue: p.queue ?? 'latest', checkout: p.checkout ?? 'workspace' })) { return missing('trigger: commit, but queue: all without checkout: clean runs only the newest commit of a burst', 'set `checkout: clean` so `queue: all` runs every commit'); }
  return done('trigger: commit and no manual approval');
}

/** Two stages waiting for exactly the same stages start together. */
function parallelStages(p: ChecklistPipeline) {
  const byNeeds = new Map<string, string[]>();
  for (const s of p.stages) {
    const key = [...s.needs].sort().join('\u0000');
    byNeeds.set(key, [...(byNeeds.get(key) ?? []), s.name]);
  }
  const group = [...byNeeds.values()].find((g) => g.length > 1);
  return group ? done(`${group.map((n) => `"${n}"`).join(' and ')} start together`) : missing('every stage waits for the one before it');
}
