/**
 * Random history lines of every kind of run (review3's fuzz, statusKeptGaugeFuzz.test.ts): full
 * deploys, red in build, deploy or smoke, partial `--stage`/`--from` runs, cancelled, alerts with
 * and without rollback, rollback runs, inconclusive ones and interrupted ones (a start line by a
 * dead writer). Deterministic by seed, so a failure can be replayed.
 */
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline } from '../../support/workspaces';

export const FUZZ_PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Test', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }, { name: 'Smoke', run: 'true' }]);

export const RUN_KINDS = ['full', 'full', 'full', 'redBuild', 'redDeploy', 'partial', 'partialFrom', 'cancelled', 'alert', 'rollback', 'interrupted', 'redSmoke', 'inconclusive'] as const;
export type RunKind = typeof RUN_KINDS[number];

export class RandomRuns {
  private seed = 1;

  constructor(private readonly dead: number) {}

  reseed(seed: number): void { this.seed = seed; }

  rnd(): number { this.seed = (this.seed * 1103515245 + 12345) % 2147483648; return this.seed / 2147483648; }

  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.rnd() * xs.length)]; }

  /** Run i's lines, started at t; `kinds`: what it may be (all of RUN_KINDS by default); `commit`: its sha. */
  oneRun(i: number, t: number, kinds: readonly RunKind[] = RUN_KINDS, commit?: string): string {
    const at = new Date(t).toISOString();
    const kind = this.pick(kinds);
    const id = `run-${String(i).padStart(5, '0')}`;
    const drawn = `sha-${Math.floor(this.rnd() * 40)}`;
    const sha = commit ?? drawn;
    const base = makeRun(id, { startedAt: at, sha, stages: ['Build', 'Test', 'Deploy', 'Smoke'].map((n) => stage(n, 'pending')) });
    const end = new Date(t + 60_000 + Math.floor(this.rnd() * 600_000)).toISOString();
    const rec = this.record(kind, at);
    const start = rawLine('start', base, { at, pid: this.dead });
    return rec ? start + rawLine('end', { ...base, endedAt: end, ...rec }, { at: end, pid: this.dead }) : start; // interrupted: a dead writer, no processes
  }

  private record(kind: RunKind, at: string): Record<string, unknown> | undefined {
    const d = (): number => 1000 + Math.floor(this.rnd() * 60_000);
    const p = (n: string) => stage(n, 'passed', { durationMs: d(), startedAt: at });
    const f = (n: string) => stage(n, 'failed', { durationMs: d(), startedAt: at });
    const s = (n: string, why = `not selected (--stage Build)`) => stage(n, 'skipped', { durationMs: 0, reason: why });
    const c = (n: string) => stage(n, 'cancelled', { durationMs: 0 });
    switch (kind) {
      case 'full': return { state: 'green', stages: [p('Build'), p('Test'), p('Deploy'), p('Smoke')] };
      case 'redBuild': return { state: 'red', stages: [f('Build'), c('Test'), c('Deploy'), c('Smoke')] };
      case 'redDeploy': return { state: 'red', stages: [p('Build'), p('Test'), f('Deploy'), c('Smoke')] };
      case 'redSmoke': return { state: 'red', stages: [p('Build'), p('Test'), p('Deploy'), f('Smoke')] };
      case 'partial': return { state: 'green', stages: [p('Build'), s('Test'), s('Deploy'), s('Smoke')] };
      case 'partialFrom': return { state: 'green', stages: [s('Build', 'before --from Deploy'), s('Test', 'before --from Deploy'), p('Deploy'), p('Smoke')], deploy: { result: 'ok', message: 'live' } };
      case 'cancelled': return { state: 'cancelled', stages: [p('Build'), c('Test'), c('Deploy'), c('Smoke')] };
      case 'alert': return { state: 'red', alert: true, rollback: this.rnd() < 0.5, stages: [p('Build'), p('Test'), p('Deploy'), p('Smoke')], deploy: { result: 'alert', message: 'error rate' } };
      case 'rollback': return { state: 'green', trigger: 'rollback', stages: [], deploy: { result: 'ok', message: 'rolled back' } };
      case 'inconclusive': return { state: 'green', inconclusive: true, stages: [p('Build'), p('Test'), p('Deploy'), p('Smoke')], deploy: { result: 'inconclusive', message: 'hmm' } };
      default: return undefined;
    }
  }
}
