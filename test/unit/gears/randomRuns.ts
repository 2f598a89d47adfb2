/** Random run records for the gauge's facts tests (gaugeFacts.test.ts, gaugeFactsFold.test.ts). */
import type { StageRecord, StageState } from '../../../src/core/pipeline/types';
import { HOUR, MINUTE, NOW } from './helpers';

/** Deterministic, so a failure can be replayed. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const NAMES = ['Unit Tests', 'Deploy to Production', 'Monitoring', 'Lint', 'Old Stage'];
const STATES: StageState[] = ['passed', 'passed', 'passed', 'failed', 'skipped', 'cancelled', 'timedOut'];

/** Runs of every shape the columns tell apart: red and green, partial, odd names, missing durations, alerts, rollbacks, ties, garbage. */
export function runsOf(seed: number, count: number, future: boolean): unknown[] {
  const next = random(seed);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const end = NOW - Math.floor((count - i) * 7 * HOUR * next()) - (i % 5 === 0 ? 0 : MINUTE * i);
    const names = next() < 0.8 ? NAMES.slice(0, 3) : [NAMES[Math.floor(next() * NAMES.length)], NAMES[1], NAMES[1]];
    const stages: StageRecord[] = names.map((name) => ({
      name, state: STATES[Math.floor(next() * STATES.length)], exitCode: 0,
      durationMs: next() < 0.05 ? (NaN as number) : Math.floor(next() * 10 * MINUTE),
      ...(next() < 0.5 ? { startedAt: new Date(end - 12 * MINUTE).toISOString() } : {}),
    }));
    const green = next() < 0.6;
    if (green && next() < 0.7) { for (const s of stages) { (s as { state: StageState }).state = 'passed'; } }
    const extra = next() < 0.05 ? { alert: true } : next() < 0.05 ? { rollback: true } : next() < 0.04 ? { trigger: 'rollback' } : {};
    out.push({
      id: `run-${i}`, sha: `${'abcdef0123'[i % 10]}${i}`.padEnd(40, '0'), branch: 'main', trigger: 'commit',
      startedAt: new Date(end - (5 + Math.floor(next() * 30)) * MINUTE).toISOString(), endedAt: new Date(end).toISOString(), state: green ? 'green' : next() < 0.8 ? 'red' : 'cancelled', stages, ...extra,
    });
    if (next() < 0.02) { out.push({ id: 'no-time', state: 'green', stages: [] }, 'garbage', null); }
  }
  if (future) { out.push({ id: 'ahead', sha: 'f'.repeat(40), startedAt: new Date(NOW + 2 * HOUR).toISOString(), endedAt: new Date(NOW + 3 * HOUR).toISOString(), state: 'green', stages: [{ name: 'Deploy to Production', state: 'passed', exitCode: 0, durationMs: 1 }] }); }
  return out;
}


/**
 * runsOf's records in the order a history file has them: by start (a run's lines are written
 * when it starts), the garbage where it falls; one run in `tieEvery` starts when the one before did.
 */
export function inFileOrder(runs: readonly unknown[], tieEvery = 9): unknown[] {
  const timed = (r: unknown): r is { startedAt: string } => typeof r === 'object' && r !== null && typeof (r as { startedAt?: unknown }).startedAt === 'string';
  const sorted = runs.filter(timed).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  sorted.forEach((r, i) => { if (i > 0 && i % tieEvery === 0) { r.startedAt = sorted[i - 1].startedAt; } });
  const out: unknown[] = [];
  let k = 0;
  for (const r of runs) { out.push(timed(r) ? sorted[k++] : r); }
  return out;
}
