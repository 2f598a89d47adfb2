/** Synthetic pipelines and run histories for the gear tests: times are whole, hand-checkable numbers. */
import type { Pipeline, Stage } from '../../../src/core/config/types';
import { DEFAULT_GEARS } from '../../../src/core/config/types';
import type { Deploy } from '../../../src/core/gears/deploys';
import type { RunRecord, RunState, StageState } from '../../../src/core/pipeline/types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const NOW = Date.parse('2024-06-01T12:00:00.000Z');

/** The default: pipeline() chains such a stage to the one before; an explicit `needs: []` is kept. */
const CHAINED: readonly string[] = [];

export function stage(name: string, extra: Partial<Stage> = {}): Stage {
  return { name, run: `echo ${name}`, needs: CHAINED, timeoutMs: 30 * MINUTE, env: {}, cwd: '/repo', ...extra };
}

/** Stages in a chain: each needs the one before, like a file without `needs`. */
export function pipeline(stages: Stage[], extra: Partial<Pipeline> = {}): Pipeline {
  const chained = stages.map((s, i) => ({ ...s, needs: s.needs !== CHAINED ? s.needs : i === 0 ? [] : [stages[i - 1].name] }));
  return {
    version: 1, file: '/repo/.gearshift.yml', root: '/repo', trigger: 'manual', branches: [], stages: chained,
    queue: 'latest', checkout: 'workspace', gears: DEFAULT_GEARS, ...extra,
  };
}

/** Unit Tests → Deploy to Production (production) → Monitoring. */
export const SIMPLE = pipeline([stage('Unit Tests', { run: 'npm test' }), stage('Deploy to Production', { environment: 'production' }), stage('Monitoring')]);

let nextId = 0;

/**
 * A run that ended at `end` (epoch ms). `stages` maps names to [state, minutes]; the run lasts
 * the sum of its stage minutes. Stages carry no startedAt, so a deploy is timed at the run's end.
 */
export function run(end: number, stages: Record<string, [StageState, number]>, state: RunState = 'green', extra: Record<string, unknown> = {}): RunRecord {
  const list = Object.entries(stages).map(([name, [s, minutes]]) => ({ name, state: s, exitCode: s === 'passed' ? 0 : 1, durationMs: minutes * MINUTE }));
  const total = list.reduce((sum, s) => sum + s.durationMs, 0);
  return {
    id: `run-${++nextId}`, sha: `sha${nextId}`, branch: 'main', trigger: 'manual',
    startedAt: new Date(end - total).toISOString(), endedAt: new Date(end).toISOString(), state, stages: list, ...extra,
  };
}

/** A green run of SIMPLE: every stage passed. */
export function deployRun(end: number, minutes: [number, number, number] = [2, 5, 3]): RunRecord {
  return run(end, { 'Unit Tests': ['passed', minutes[0]], 'Deploy to Production': ['passed', minutes[1]], Monitoring: ['passed', minutes[2]] });
}

/** Deploys `count` deploys `intervalMs` apart, the newest at `newest`. */
export function deploysEvery(intervalMs: number, count: number, newest = NOW - HOUR): Deploy[] {
  return Array.from({ length: count }, (_, i) => ({ at: newest - (count - 1 - i) * intervalMs, sha: `s${i}`, source: 'history' as const }));
}

/** Git's answers in gatherGaugeInputs' result, without whether the memo gave them all (`memoAnswered`). */
export function answersOnly<T extends { memoAnswered?: unknown }>(inputs: T): Omit<T, 'memoAnswered'> {
  const { memoAnswered, ...answers } = inputs;
  void memoAnswered;
  return answers;
}
