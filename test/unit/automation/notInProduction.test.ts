import * as assert from 'assert';
import { commitsNotInProduction } from '../../../src/core/automation/notInProduction';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { cleanupTempDirs, commitAt, initRepo, tempDir } from '../../support/git';
import { DAY, SIMPLE, run } from '../gears/helpers';

/** A run of `sha` that ended at `end`: red in Unit Tests (never reached production), or a green deploy. */
function redRun(sha: string, end: number): RunRecord {
  return { ...run(end, { 'Unit Tests': ['failed', 1], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] }, 'red'), sha };
}
function deployOf(sha: string, end: number): RunRecord {
  return { ...run(end, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['passed', 1], Monitoring: ['passed', 1] }), sha };
}

describe('Commits to Deploy from history + git: commits no green production run covered (real git)', () => {
  after(cleanupTempDirs);
  const now = Date.now();

  it('a red, never-deployed pipeline whose commits predate any window: every commit on HEAD is not in production', async () => {
    const repo = initRepo();
    const shas = [200, 150, 120].map((d, i) => commitAt(repo, `c${i}`, now - d * DAY));
    const runs = [redRun(shas[2], now - 100 * DAY), redRun(shas[1], now - 140 * DAY)];
    const found = await commitsNotInProduction(repo, SIMPLE, runs);
    assert.deepStrictEqual(found, { count: 3, lastDeployedSha: null, hasProductionStage: true });
  });

  it('counts only what came after the newest green production deploy; a red or alerted run covers nothing', async () => {
    const repo = initRepo();
    const [c0, c1, c2, c3] = [40, 30, 20, 10].map((d, i) => commitAt(repo, `c${i}`, now - d * DAY));
    const alerted = { ...deployOf(c2, now - 19 * DAY), state: 'red' as const, alert: true };
    const found = await commitsNotInProduction(repo, SIMPLE, [deployOf(c0, now - 39 * DAY), deployOf(c1, now - 29 * DAY), alerted, redRun(c3, now - 9 * DAY)]);
    assert.deepStrictEqual(found, { count: 2, lastDeployedSha: c1, hasProductionStage: true });
    const all = await commitsNotInProduction(repo, SIMPLE, [deployOf(c3, now - DAY)]);
    assert.strictEqual(all?.count, 0);
  });

  it('the commit deploy.json says is live counts as in production, though its run was cancelled after the switch (walkedit33 H1)', async () => {
    const repo = initRepo();
    const [c0, c1, c2] = [30, 20, 10].map((d, i) => commitAt(repo, `c${i}`, now - d * DAY));
    const cancelled = { ...deployOf(c2, now - 9 * DAY), state: 'cancelled' as const }; // switched, then the window reloaded
    const runs = [deployOf(c0, now - 29 * DAY), redRun(c1, now - 19 * DAY), cancelled];
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, runs), { count: 2, lastDeployedSha: c0, hasProductionStage: true });
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, runs, c2), { count: 0, lastDeployedSha: c2, hasProductionStage: true });
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, runs, '--output=pwned'), { count: 2, lastDeployedSha: c0, hasProductionStage: true }, 'not a sha: ignored');
  });

  // review41 F1: after a rollback the view said "Every commit on HEAD is in production" while an older release was live.
  it('after a rollback, what production serves is the end of the line: the commits an older deploy shipped are not in production', async () => {
    const repo = initRepo();
    const [c0, c1, c2] = [30, 20, 10].map((d, i) => commitAt(repo, `c${i}`, now - d * DAY));
    const runs = [deployOf(c0, now - 29 * DAY), deployOf(c2, now - 9 * DAY)];
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, runs, c2), { count: 0, lastDeployedSha: c2, hasProductionStage: true });
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, runs, c0), { count: 2, lastDeployedSha: c0, hasProductionStage: true }, 'blue/green: switched back to c0');
    const redeployed = [...runs, { ...deployOf(c1, now - DAY), trigger: 'rollback' }];
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, redeployed), { count: 1, lastDeployedSha: c1, hasProductionStage: true }, 'no blue/green: c1 deployed again');
    assert.deepStrictEqual(await commitsNotInProduction(repo, undefined, runs, c0), { count: 2, lastDeployedSha: c0, hasProductionStage: false }, 'an invalid file: the live commit');
  });

  it('ignores deployed shas git no longer knows and hostile text in history; no pipeline: nothing can deploy', async () => {
    const repo = initRepo();
    const c0 = commitAt(repo, 'c0', now - 2 * DAY);
    const gone = 'a'.repeat(40);
    const runs = [deployOf(gone, now - DAY), deployOf('--output=pwned', now - DAY)];
    assert.deepStrictEqual(await commitsNotInProduction(repo, SIMPLE, runs), { count: 1, lastDeployedSha: gone, hasProductionStage: true });
    assert.deepStrictEqual(await commitsNotInProduction(repo, undefined, [deployOf(c0, now)]), { count: 1, lastDeployedSha: null, hasProductionStage: false });
  });

  it('no production stage: a whole green run is the end of the line; a red one, or one stage alone, is not (walkedit33 L9)', async () => {
    const repo = initRepo();
    const [c0, c1, c2] = [30, 20, 10].map((d, i) => commitAt(repo, `c${i}`, now - d * DAY));
    const noProd = { stages: SIMPLE.stages.filter((s) => s.environment !== 'production') };
    const green = (sha: string, end: number): RunRecord => ({ ...run(end, { 'Unit Tests': ['passed', 1], Monitoring: ['passed', 1] }), sha });
    const oneStage = { ...run(now - DAY, { 'Unit Tests': ['passed', 1], Monitoring: ['skipped', 0] }), sha: c2 };
    const found = await commitsNotInProduction(repo, noProd, [green(c0, now - 29 * DAY), redRun(c1, now - 19 * DAY), oneStage]);
    assert.deepStrictEqual(found, { count: 2, lastDeployedSha: c0, hasProductionStage: false });
  });

  // review41 F2: the view's header counted the window's commits, its rows too, while the deploy dialog listed live..HEAD.
  it('with `list`, the counted commits themselves, newest first and bounded, from the same range as the count', async () => {
    const repo = initRepo();
    const [c0, c1, c2, c3] = [40, 30, 20, 10].map((d, i) => commitAt(repo, i === 3 ? 'c3 \x1f odd\tsubject' : `c${i}`, now - d * DAY));
    const all = await commitsNotInProduction(repo, SIMPLE, [], undefined, { list: 10 });
    assert.deepStrictEqual(all?.commits?.map((c) => c.sha), [c3, c2, c1, c0], 'nothing deployed: every commit on HEAD');
    assert.strictEqual(all?.count, 4);
    assert.strictEqual(all?.commits?.[0].subject, 'c3 \x1f odd\tsubject', 'a unit separator in a subject is data');
    assert.strictEqual(Date.parse(all?.commits?.[3].time ?? ''), Math.round((now - 40 * DAY) / 1000) * 1000);
    const live = await commitsNotInProduction(repo, SIMPLE, [deployOf(c0, now - 39 * DAY)], c1, { list: 1 });
    assert.deepStrictEqual({ count: live?.count, shas: live?.commits?.map((c) => c.sha) }, { count: 2, shas: [c3] }, 'bounded: the count says how many in all');
  });

  it('undefined outside a repository or before the first commit', async () => {
    assert.strictEqual(await commitsNotInProduction(tempDir(), SIMPLE, []), undefined);
    assert.strictEqual(await commitsNotInProduction(initRepo(), SIMPLE, []), undefined);
  });
});
