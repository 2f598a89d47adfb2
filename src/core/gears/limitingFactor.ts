/**
 * What holds the team back now. The talk names one main limiting factor per gear; evidence
 * in the numbers overrides it, because a team with failing deploys is held back by those
 * whatever its rhythm. Rules, first match wins:
 *  1. the pipeline is red now               → "the pipeline is red": no commit reaches production
 *     until it is green (the talk: don't let the pipeline stay red); it also holds back 5th gear
 *  2. change fail rate > 20% → "deployment failure rate" (20% is the 2024 DORA report's high
 *     band; enough data only, see dora.ts). Rework rate is not read here (review36 F7): DORA
 *     published no band for it, and a revert shipped for product reasons is rework, not a failure;
 *     the failures behind rework (a fix after a failed deploy, a rollback) already fail the rate
 *  3. median failed deployment recovery time > 1 day  → "failed deployment recovery time"
 *  4. pipeline red for > 1 day in the window → "don't let the pipeline stay red"
 *  5. no production deploy in the window    → "no production deploys recorded in this clone"
 *  6. 5th gear                              → the binding limit: commits per day or the longest step
 *  6b. 5th gear's share held but a production stage has `approval: manual` → the gate (continuous delivery)
 *  7. otherwise                             → the talk's factor for the current gear
 */
import { days, noDeployWhen } from './classify';
import { formatDuration, sentences, shortSha, treeText } from '../format';
import { redForAt } from '../redgreen';
import { commitsShown, perUnit } from './format';
import { GEARS, type GearNumber, practiceSteps } from './model';
import type { DoraMetrics } from './dora';
import { DAY_MS, HOUR_MS } from './stats';
import { LIMIT_COMMITS, speedText, type TopSpeed } from './topSpeed';

export type FactorRule = 'redNow' | 'changeFailure' | 'recoveryTime' | 'redTooLong' | 'pipelineInvalid' | 'noPipeline' | 'neutral' | 'topSpeed' | 'gated' | 'gear';

export interface LimitingFactor {
  readonly rule: FactorRule;
  readonly factor: string;
  /** One line, citing the number behind it. */
  readonly why: string;
  /** Practices that shift up, most pressing first. */
  readonly next: string[];
  /**
   * redNow: the red timer `why` starts with, when the period began, and the rest of `why` after
   * it, so the gauge redraws only the timer on the status bar's tick without cutting `why` apart.
   */
  readonly redTimer?: { readonly since: number; readonly text: string; readonly rest: string };
}

export interface LimitingFactorInput {
  readonly gear: GearNumber | null;
  /** The classification's one-line reason (cites the interval). */
  readonly gearReason: string;
  readonly windowMs: number;
  /** DORA's five; change fail rate, rework rate and recovery time are read here. */
  readonly dora: Pick<DoraMetrics, 'changeFailRate' | 'deploymentReworkRate' | 'failedDeploymentRecoveryTime'>;
  /** Longest red stretch inside the window, ms (0 when never red). */
  readonly longestRedMs: number;
  readonly topSpeed: TopSpeed;
  readonly longestStage?: { readonly name: string; readonly medianMs: number };
  readonly pipelineMs: number | null;
  /** `file:line:col: message` when .gearshift.yml has errors: no production stage can be told, so "no deploys" would be a guess. */
  readonly pipelineError?: string;
  /** There is no .gearshift.yml at all: nothing tells a production deploy, and nothing is wrong with a file. */
  readonly pipelineMissing?: boolean;
  /** The pipeline is red now (core/redgreen's open period): for how long, and the commit of the run that turned it red. */
  readonly redNow?: {
    readonly since: number; readonly now: number; readonly sha?: string;
    /** The stage that turned it red, when it still runs the starter's TODO command (it fails on purpose: replace it, nothing to fix or revert). */
    readonly starterTodoStage?: string;
  };
  /** The 5th gear's rule held, and the red pipeline holds it back (classify.ts). */
  readonly heldBack?: boolean;
  /** The 5th gear's share held, but this production stage has `approval: manual` (classify.ts gatedBy): the gate is the limit. */
  readonly gatedBy?: string;
  /** The pipeline's last production stage, when it has one: where a first production deploy goes through. */
  readonly productionStage?: string;
  /** The stages that still run the starter's TODO command (fail on purpose), in file order: no run gets through them. */
  readonly starterTodoStages?: readonly string[];
  /** How much history there is (historySpan.ts): none before the window means "yet". */
  readonly historyMs?: number;
}

export const CHANGE_FAILURE_LIMIT_PERCENT = 20;
export const RESTORE_LIMIT_MS = DAY_MS;
export const RED_LIMIT_MS = DAY_MS;

const FIX_FAST = ['dedicate the team to fixing a red pipeline first', 'revert the change that broke it, then fix forward'];
/** Without any production stage, the one next step: the stage to add, non-prod first as the walkthrough goes (firsthour34 F8). */
export const ADD_DEPLOY_STAGE = 'add a deploy stage to .gearshift.yml: a stage whose run deploys your build, with environment: non-prod for a test environment (then one with environment: production)';
/** How a TODO step begins, here and in the checklist's fixes (checklist.ts replaceTodo): shiftUp.ts keeps only the first. */
export const REPLACE_TODO = 'replace the TODO command of';
/** The failure rate's own step: the 1st gear's practices may all be in place already (shiftUp.ts drops those). */
export const TEST_EACH_FAILURE = "make each failed deploy's cause a test the pipeline runs before production";

export function limitingFactor(input: LimitingFactorInput): LimitingFactor {
  const gear = input.gear === null ? undefined : GEARS[input.gear - 1];
  const gearNext = gear ? practiceSteps(gear) : [];
  if (input.redNow) { return redNow(input.redNow, input.heldBack === true, gearNext); }
  const cfr = input.dora.changeFailRate.value;
  if (cfr !== null && cfr > CHANGE_FAILURE_LIMIT_PERCENT) {
    return {
      rule: 'changeFailure', factor: GEARS[0].limitingFactor,
      why: `${failureNumbers(input.dora)}; DORA 2024 high performers stay at ${CHANGE_FAILURE_LIMIT_PERCENT}% or less`,
      next: merge([TEST_EACH_FAILURE, ...practiceSteps(GEARS[0])], gearNext),
    };
  }
  const recoveryHours = input.dora.failedDeploymentRecoveryTime.value;
  if (recoveryHours !== null && recoveryHours * HOUR_MS > RESTORE_LIMIT_MS) {
    return {
      rule: 'recoveryTime', factor: 'failed deployment recovery time',
      why: `the median time from a failed deployment to recovery is ${formatDuration(recoveryHours * HOUR_MS)}; DORA 2024 high performers recover in less than a day`,
      next: merge(FIX_FAST, gearNext),
    };
  }
  if (input.longestRedMs > RED_LIMIT_MS) {
    return {
      rule: 'redTooLong', factor: "don't let the pipeline stay red",
      why: `the pipeline stayed red for ${formatDuration(input.longestRedMs)} in a row in the last ${days(input.windowMs)} (more than a day)`,
      next: merge(FIX_FAST, gearNext),
    };
  }
  if (!gear && input.pipelineMissing === true) {
    return {
      rule: 'noPipeline', factor: 'no pipeline file',
      why: 'there is no .gearshift.yml here, and production deploys are told by its stages',
      next: ['write a .gearshift.yml (`gearshift init` writes a starter), then run the pipeline'],
    };
  }
  if (!gear && input.pipelineError !== undefined) {
    return {
      rule: 'pipelineInvalid', factor: 'the pipeline file has errors',
      why: `${input.pipelineError}; production deploys are told by the pipeline's stages: fix it (\`gearshift validate\` lists its errors)`,
      next: ['fix .gearshift.yml (`gearshift validate` lists its errors)'],
    };
  }
  if (!gear) { return neutral(input); }
  if (gear.number === 5) { return fifthGear(input, gearNext); }
  if (input.gatedBy !== undefined) { return gated(input.gatedBy, gearNext); }
  // The talk's "deployment failure rate" reads DORA's two instability metrics.
  // Its numbers are a sentence of their own: in parentheses they nested inside their own "(1 production deployment, 3 needed)" (walk30 L10).
  const numbers = gear.limitingFactor === GEARS[0].limitingFactor ? failureNumbers(input.dora) : '';
  const main = `${gear.name}: ${input.gearReason}; the talk's main limit on shifting up from here`;
  return { rule: 'gear', factor: gear.limitingFactor, why: numbers ? sentences(main, numbers) : main, next: gearNext };
}

/**
 * "red for 4m since abc1234: commits are not reaching production": the status bar's timer, the
 * commit of the run that turned it red (data: printable), and what to do.
 */
function redNow(red: NonNullable<LimitingFactorInput['redNow']>, heldBack: boolean, gearNext: string[]): LimitingFactor {
  const since = red.sha ? ` since ${treeText(shortSha(red.sha))}` : '';
  const timer = redForAt(red.since, red.now);
  const todo = red.starterTodoStage !== undefined ? treeText(`"${red.starterTodoStage}"`) : undefined;
  const cause = todo !== undefined ? `: ${todo} still runs the starter's TODO command, which fails on purpose, so` : ':';
  const rest = `${since}${cause} commits are not reaching production${heldBack ? ' (5th gear once it is green again)' : ''}`;
  const first = todo !== undefined ? [`replace the TODO command of ${todo} in .gearshift.yml with your real command`] : ['fix or revert it', FIX_FAST[0]];
  return {
    rule: 'redNow', factor: 'the pipeline is red',
    why: `${timer}${rest}`,
    next: merge(first, gearNext),
    redTimer: { since: red.since, text: timer, rest },
  };
}

/**
 * No production deploy in the window. Plain text (the view shows it as written). One concrete
 * first step (firsthour34 F3, F8): TODO stages replaced (or deleted) before any run can get
 * through; then the run through the production stage; without one, the stage to add, in the
 * walkthrough's order (non-prod first). That step is how deployments get automated, so the talk's
 * "automate deployments" is not repeated after it.
 */
export const NO_DEPLOYS_HERE = 'no production deploys recorded in this clone';

function neutral(input: LimitingFactorInput): LimitingFactor {
  const when = noDeployWhen(input.historyMs ?? 0, input.windowMs);
  const stage = input.productionStage !== undefined ? `"${treeText(input.productionStage)}"` : undefined;
  const todo = input.starterTodoStages?.length ? input.starterTodoStages.map((n) => `"${treeText(n)}"`).join(', ') : undefined;
  const run = stage ? `run the pipeline through ${stage}` : ADD_DEPLOY_STAGE;
  const rest = practiceSteps(GEARS[0]).filter((step) => step !== GEARS[0].shiftUp[0].step);
  if (todo !== undefined) {
    const some = input.starterTodoStages!.length === 1 ? 'stage' : 'stages';
    return {
      rule: 'neutral', factor: NO_DEPLOYS_HERE,
      why: `no production deploy ${when}: ${some} ${todo} still ${some === 'stage' ? 'runs' : 'run'} the starter's TODO command, which fails on purpose`,
      // One TODO step (the checklist's per-practice subsets are dropped in shiftUp.ts), then what it makes possible (review39 L1).
      next: merge([`${REPLACE_TODO} ${some} ${todo} in .gearshift.yml with your real commands, or delete them until you have an environment for them`, `then ${run}`], rest),
    };
  }
  return {
    rule: 'neutral', factor: NO_DEPLOYS_HERE,
    why: stage ? `no production deploy ${when}: run the pipeline through ${stage}` : `no production deploy ${when}: no stage deploys to production yet`,
    next: merge([run], rest),
  };
}

/**
 * The commits reach production fast enough for 5th gear, but each one waits for a person at the
 * gate: continuous delivery, not deployment (the talk: every commit reaches production unattended).
 */
function gated(stage: string, gearNext: string[]): LimitingFactor {
  const name = treeText(`"${stage}"`);
  return {
    rule: 'gated', factor: 'a manual approval before production',
    why: `every commit stops at a manual approval of ${name}: that is continuous delivery; remove the gate to shift into 5th`,
    next: gearNext,
  };
}

/** "change fail rate 15% (3 of 20 production deployments …)"; with no value, "change fail rate: not enough data (1 production deployment, 3 needed)". */
function metricText(name: string, m: { value: number | null; display: string; detail?: string }, withDetail: boolean): string {
  if (m.value === null) { return `${name}: ${m.display}`; }
  return `${name} ${m.display}${withDetail && m.detail !== undefined ? ` (${m.detail})` : ''}`;
}

/** "change fail rate 40% (2 of 5 deploys), deployment rework rate 20%". */
function failureNumbers(dora: LimitingFactorInput['dora']): string {
  return `${metricText('change fail rate', dora.changeFailRate, true)}, ${metricText('deployment rework rate', dora.deploymentReworkRate, false)}`;
}

function fifthGear(input: LimitingFactorInput, gearNext: string[]): LimitingFactor {
  const t = input.topSpeed;
  const speed = t.perDay ?? t.pipelinedPerDay;
  const sub = t.perDay !== null ? t.subSecond?.perDay === true : t.subSecond?.pipelined === true;
  if (t.bindingWithheld !== undefined) {
    return { rule: 'gear', factor: GEARS[4].limitingFactor, why: `5th gear: ${input.gearReason}; too little history to tell which limit binds (${t.bindingWithheld})`, next: gearNext };
  }
  if (t.binding === null || t.commitsPerDay === null || speed === null) {
    return { rule: 'gear', factor: GEARS[4].limitingFactor, why: `5th gear: ${input.gearReason}; not enough runs yet to tell which limit binds`, next: gearNext };
  }
  if (t.binding === LIMIT_COMMITS) {
    return {
      rule: 'topSpeed', factor: LIMIT_COMMITS,
      why: `${perUnit(commitsShown(t.commitsPerDay), 'commits')}, below the pipeline's top speed of ${speedText(speed, sub)}: smaller, more frequent commits go faster`,
      next: merge(['commit smaller changes more often'], gearNext),
    };
  }
  const stage = input.longestStage ? `; longest stage ${input.longestStage.name} takes ${formatDuration(input.longestStage.medianMs)}` : '';
  const pipeline = input.pipelineMs !== null ? `the pipeline takes ${formatDuration(input.pipelineMs)}, ` : '';
  return {
    rule: 'topSpeed', factor: t.binding,
    why: `${pipeline}at most ${speedText(speed, sub)}, and ${perUnit(commitsShown(t.commitsPerDay), 'commits')} ${commitsShown(t.commitsPerDay) === 1 ? 'arrives' : 'arrive'}${stage}`,
    next: gearNext,
  };
}

function merge(first: readonly string[], then: readonly string[]): string[] {
  return [...new Set([...first, ...then])];
}
