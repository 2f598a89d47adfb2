import { computeGauge, type GaugeModel } from '../../../src/core/gears/gaugeState';
import { DAY, deployRun, HOUR, NOW, run, SIMPLE } from './helpers';

/**
 * The hand-checked history (SIMPLE pipeline, now = NOW, window 90 days):
 *  1. −10 d    deploy, green: Unit 2m, Deploy 5m, Monitoring 3m (10m)
 *  2. −8 d     red: Unit Tests failed (before production: not a change failure)
 *  3. −7.5 d   deploy, green: 4m, 6m, 2m (12m)              — recovers run 2 after 12 h
 *  4. −5 d     deploy, green: 3m, 7m, 4m (14m)
 *  5. −4.9 d   green `--stage Monitoring` run with alert: true (1m) — deploy 4 failed
 *  6. −2 d     deploy, red: Monitoring failed                — deploy 6 failed
 *  7. −1 d     deploy, green: 2m, 8m, 5m (15m)              — recovers run 6 after 24 h
 * Commits: −12 d (lead 2 d), −8 d (12 h), −6 d (1 d), −1.5 d (12 h), −0.5 d (not deployed yet).
 */
export function handHistory(): GaugeModel {
  const runs = [
    deployRun(NOW - 10 * DAY, [2, 5, 3]),
    run(NOW - 8 * DAY, { 'Unit Tests': ['failed', 1], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] }, 'red'),
    deployRun(NOW - 7.5 * DAY, [4, 6, 2]),
    deployRun(NOW - 5 * DAY, [3, 7, 4]),
    run(NOW - 4.9 * DAY, { 'Unit Tests': ['skipped', 0], 'Deploy to Production': ['skipped', 0], Monitoring: ['passed', 1] }, 'green', { alert: true }),
    run(NOW - 2 * DAY, { 'Unit Tests': ['passed', 2], 'Deploy to Production': ['passed', 5], Monitoring: ['failed', 1] }, 'red'),
    deployRun(NOW - DAY, [2, 8, 5]),
  ];
  const commits = [
    { at: NOW - 12 * DAY, leadTimeMs: 2 * DAY }, { at: NOW - 8 * DAY, leadTimeMs: 12 * HOUR }, { at: NOW - 6 * DAY, leadTimeMs: DAY },
    { at: NOW - 1.5 * DAY, leadTimeMs: 12 * HOUR }, { at: NOW - 0.5 * DAY, leadTimeMs: null },
  ];
  return computeGauge({ now: NOW, pipeline: SIMPLE, runs: [...runs].reverse(), commits });
}
