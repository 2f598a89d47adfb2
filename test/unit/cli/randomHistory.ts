/**
 * review4's generator of random real histories (statusKeptFiguresProperty.test.ts): commits over
 * the last week (reverts, commits off HEAD's history, skewed dates) and a history of runs over
 * them (deploys, red builds and deploys, alerts, rollbacks, interrupted runs, short shas).
 * Seeded: the same seed gives the same repository and history.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline } from '../../support/workspaces';
import { commitAt, git, gitDate, gitWith } from '../../support/git';
import { historyOf, stateDir } from './keptGauge';

const SEC = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Commit { sha: string; at: number }

export interface RandomHistory {
  seed: number;
  rnd(): number;
  pick<T>(xs: readonly T[]): T;
  /** Commits over the last week (some reverts of earlier ones, some off HEAD's history); returns them oldest first. */
  commits(repo: string): Commit[];
  /** One run at t of a commit no newer than t (`last`: a green deploy): its history lines and every time it holds. */
  oneRun(i: number, t: number, sha: string, last: boolean): { text: string; times: number[] };
  /** A history of runs over `cs` (the newest a green deploy), written to the repository's history file; every time it holds. */
  history(repo: string, cs: readonly Commit[]): number[];
}

/** The pipeline the histories are for: Build, then Deploy to production; a 2-day window. */
export const RANDOM_PIPELINE = `${pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }])}gears:\n  window: 2d\n`;

export function randomHistory(NOW: number): RandomHistory {
  const PIPELINE = RANDOM_PIPELINE;
  const dead = deadPid();
  const gen = { seed: 1 } as RandomHistory;
  const rnd = (): number => { gen.seed = (gen.seed * 1103515245 + 12345) % 2147483648; return gen.seed / 2147483648; };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

  /** Commits over the last week (some reverts of earlier ones, some off HEAD's history); returns them oldest first. */
  function commits(repo: string): Commit[] {
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE + (rnd() < 0.5 ? 'trigger: commit\n' : ''));
    git(repo, 'add', '.gearshift.yml');
    const out: Commit[] = [{ sha: commitAt(repo, 'the pipeline', NOW - 9 * DAY), at: NOW - 9 * DAY }];
    const n = 10 + Math.floor(rnd() * 25);
    const times = Array.from({ length: n }, () => NOW - Math.floor(rnd() * 7 * DAY / SEC) * SEC - 10 * 60_000).sort((a, b) => a - b);
    for (const planned of times) {
      // Now and then a commit dated one to three days before its parent (a skewed clock).
      const at = rnd() < 0.1 ? planned - Math.floor(rnd() * 2 * DAY / SEC) * SEC - DAY : planned;
      const r = rnd();
      if (r < 0.15 && out.length > 2) {
        const reverted = pick(out.slice(1));
        out.push({ sha: commitAt(repo, `Revert something\n\nThis reverts commit ${reverted.sha}.`, at), at });
      } else if (r < 0.25) {
        const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
        const side = gitWith(repo, gitDate(at), 'commit-tree', tree, '-p', 'HEAD', '-m', `side ${at}`).trim();
        out.push({ sha: side, at });
      } else {
        out.push({ sha: commitAt(repo, `change ${at}`, at), at });
      }
    }
    return out;
  }

  /** One run at t of a commit no newer than t; the newest run is a green deploy. */
  function oneRun(i: number, t: number, sha: string, last: boolean): { text: string; times: number[] } {
    const at = new Date(t).toISOString();
    const kind = last ? 'deploy' : pick(['deploy', 'deploy', 'deploy', 'redBuild', 'redDeploy', 'partial', 'alert', 'rollback', 'inconclusive', 'interrupted']);
    const end = t + 60_000 + Math.floor(rnd() * 600_000);
    const p = (n: string) => stage(n, 'passed', { durationMs: 1000 + Math.floor(rnd() * 60_000), startedAt: at });
    const f = (n: string) => stage(n, 'failed', { durationMs: 1000 + Math.floor(rnd() * 60_000), startedAt: at });
    const base = makeRun(`run-${String(i).padStart(4, '0')}`, { startedAt: at, sha, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const rec = kind === 'deploy' ? { state: 'green', stages: [p('Build'), p('Deploy')] }
      : kind === 'redBuild' ? { state: 'red', stages: [f('Build'), stage('Deploy', 'cancelled')] }
        : kind === 'redDeploy' ? { state: 'red', stages: [p('Build'), f('Deploy')] }
          : kind === 'alert' ? { state: 'red', alert: true, rollback: rnd() < 0.5, stages: [p('Build'), p('Deploy')], deploy: { result: 'alert', message: 'error rate' } }
            : kind === 'rollback' ? { state: 'green', trigger: 'rollback', stages: [], deploy: { result: 'ok', message: 'rolled back' } }
              : kind === 'inconclusive' ? { state: 'green', inconclusive: true, stages: [p('Build'), p('Deploy')], deploy: { result: 'inconclusive', message: 'hmm' } }
                : { state: 'green', stages: [p('Build'), stage('Deploy', 'skipped', { durationMs: 0, reason: 'not selected (--stage Build)' })] };
    const endedAt = new Date(end).toISOString();
    if (kind === 'interrupted') { return { text: rawLine('start', base, { at, pid: dead }), times: [t] }; } // a dead writer, no processes
    const text = rawLine('start', base, { at, pid: dead }) + rawLine('end', { ...base, endedAt, ...rec }, { at: endedAt, pid: dead });
    // Deploy's end: startedAt + durationMs (compact.ts) is the deploy's time.
    const deployEnd = rec.stages.map((s) => Date.parse(at) + (s.durationMs ?? 0));
    return { text, times: [t, end, ...deployEnd] };
  }

  function history(repo: string, cs: readonly Commit[]): number[] {
    // Some histories reach past the read's horizon (12 weeks): the read stops at a reset run, at another one for a later clock.
    const span = pick([8, 8, 100]) * DAY;
    const count = span > 8 * DAY ? 60 + Math.floor(rnd() * 100) : 8 + Math.floor(rnd() * 30);
    const times = Array.from({ length: count }, () => NOW - span + Math.floor(rnd() * (span - 2 * HOUR))).sort((a, b) => a - b)
      .map((t, i) => (i < count - 1 && rnd() < 0.05 ? t - Math.floor(rnd() * DAY) : t)); // a few out of order
    let lines = '';
    const edges: number[] = [];
    times.forEach((t, i) => {
      const older = cs.filter((c) => c.at <= t);
      const sha = rnd() < 0.05 ? 'abc1234' : (older.length ? pick(older) : cs[0]).sha; // a short sha delivers nothing
      const r = oneRun(i, t, sha, i === count - 1);
      lines += r.text;
      edges.push(...r.times);
    });
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return edges;
  }

  return Object.assign(gen, { rnd, pick, commits, oneRun, history });
}
