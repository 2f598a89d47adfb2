/**
 * Synthetic, reproducible workloads for the gauge bench: run histories shaped like the ones the
 * engine writes (five stages, production in the middle, some red runs, a few cancelled),
 * commit samples with lead times, and the stream of GaugeView states the extension posts as
 * runs end. A seeded PRNG keeps every bench run on the same data.
 */
import { DEFAULT_GEARS, type Stage } from '../src/core/config/types';
import type { CommitSample } from '../src/core/gears/classify';
import { computeGauge, type GaugePipeline } from '../src/core/gears/gaugeState';
import type { RunRecord, StageRecord } from '../src/core/pipeline/types';
import type { GaugeView } from '../src/vscode/gauge/protocol';
import { toGaugeView } from '../src/core/gears';
import { mulberry32 } from '../test/support/seededRandom';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const stage = (name: string, extra: Partial<Stage> = {}): Stage => ({ name, run: `./ci/${name}.sh`, needs: [], timeoutMs: 30 * MINUTE, env: {}, cwd: '/repo', ...extra });

export const BENCH_PIPELINE: GaugePipeline = {
  trigger: 'commit',
  stages: [stage('unit'), stage('build'), stage('acceptance'), stage('deploy-prod', { environment: 'production' }), stage('monitor')],
  gears: DEFAULT_GEARS,
};
/** Median minutes per stage; each run jitters around them. */
const STAGE_MINUTES = [3, 5, 12, 4, 6];

const hex = (rand: () => number): string => Array.from({ length: 40 }, () => Math.floor(rand() * 16).toString(16)).join('');

/**
 * `count` runs spread evenly over `spanMs` ending at `now`, oldest first: 85% green, 8% red in
 * unit tests, 4% red in monitoring (after production: a failed deploy), 3% cancelled.
 */
export function syntheticRuns(count: number, now: number, spanMs: number, seed = 1): RunRecord[] {
  const rand = mulberry32(seed);
  const runs: RunRecord[] = [];
  for (let i = 0; i < count; i++) {
    const start = now - spanMs + (i * spanMs) / count;
    const roll = rand();
    const failAt = roll < 0.08 ? 0 : roll < 0.12 ? 4 : roll < 0.15 ? 2 : -1;
    const state = roll < 0.12 ? 'red' : roll < 0.15 ? 'cancelled' : 'green';
    const stages: StageRecord[] = [];
    let t = start;
    for (let s = 0; s < BENCH_PIPELINE.stages.length; s++) {
      const ran = failAt < 0 || s <= failAt;
      const durationMs = ran ? Math.round(STAGE_MINUTES[s] * MINUTE * (0.7 + 0.6 * rand())) : 0;
      const passed = failAt < 0 || s < failAt;
      stages.push({
        name: BENCH_PIPELINE.stages[s].name,
        state: ran ? (passed ? 'passed' : state === 'red' ? 'failed' : 'cancelled') : 'skipped',
        exitCode: ran && passed ? 0 : ran ? 1 : null,
        durationMs,
        ...(ran ? { startedAt: new Date(t).toISOString() } : {}),
      });
      t += durationMs;
    }
    runs.push({
      id: `run-${i}`, sha: hex(rand), branch: 'main', trigger: 'commit', subject: `change ${i}: <b>not markup</b>`,
      startedAt: new Date(start).toISOString(), endedAt: new Date(t).toISOString(), state, stages,
    } as RunRecord);
  }
  return runs;
}

/** `count` commits evenly over `spanMs` ending at `now`, oldest first; 2% not deployed yet. */
export function syntheticCommits(count: number, now: number, spanMs: number, seed = 2): CommitSample[] {
  const rand = mulberry32(seed);
  const out: CommitSample[] = [];
  for (let i = 0; i < count; i++) {
    const at = now - spanMs + (i * spanMs) / count;
    out.push({ at, leadTimeMs: rand() < 0.02 ? null : Math.round((10 * MINUTE + rand() * 3 * DAY)) });
  }
  return out;
}

/**
 * What the extension posts on each run event: `count` successive states, each after one more
 * run (from a `base`-run history), with the clock moving on an hour a step. Pending commits,
 * the live slot and the monitor sparkline are filled so every list in the page takes part.
 */
export function stateStream(count: number, base = 300, seed = 3): GaugeView[] {
  const now0 = Date.UTC(2024, 5, 1);
  const all = syntheticRuns(base + count, now0 + count * HOUR, 60 * DAY + count * HOUR, seed);
  const rand = mulberry32(seed + 1);
  const views: GaugeView[] = [];
  for (let i = 0; i < count; i++) {
    const runs = all.slice(i, base + i + 1);
    const now = Date.parse(runs[runs.length - 1].endedAt as string) + MINUTE;
    const model = computeGauge({ now, pipeline: BENCH_PIPELINE, runs, commits: syntheticCommits(400, now, 30 * DAY, seed + i) });
    const pendingCount = 1 + Math.floor(rand() * 6);
    views.push({
      ...toGaugeView(model, runs[runs.length - 1]),
      pending: {
        count: pendingCount, oldestAge: `${pendingCount}h`,
        commits: Array.from({ length: pendingCount }, (_, k) => ({ sha: runs[runs.length - 1 - k].sha.slice(0, 8), subject: `pending ${i - k} <img src=x>`, age: `${k}h` })),
      },
      liveSlot: i % 2 ? 'blue' : 'green',
      monitor: Array.from({ length: 24 }, () => rand() * 0.05),
    });
  }
  return views;
}
