import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployLock, DeployStateStore, type DeployState, makeRecord, productionIn, productionUnknownText } from '../../../src/core/deploy';
import { planDetail, rollbackDetail, type ProductionPlan, type RollbackGoAhead } from '../../../src/core/release';
import { deadPid, TempDirs } from './helpers';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

/**
 * What production serves, in the one rule `gearshift status`, the editor's tooltip and gauge and
 * the deploy confirmations share (editor42): a stopped deploy's `unsettled` mark makes it unknown;
 * one whose deploy still holds the lock does not. Real deploy.json and deploy.lock files.
 */
describe('deploy/productionNow: the live release, or unknown after a deploy stopped in its production stages', () => {
  const temps = new TempDirs();
  afterEach(() => temps.cleanup());

  /** deploy.json with OLD deployed, then `change`; the state as read back. */
  const stateIn = async (dir: string, change: (s: DeployState) => void = () => undefined) => {
    const store = new DeployStateStore(dir);
    await store.update((s) => {
      s.records.push(makeRecord({ environment: 'production', kind: 'deploy', sha: OLD, runId: 'run-0', result: 'ok' }));
      change(s);
    });
    return store.read();
  };
  const mark = (stopped?: 'failed' | 'cancelled') => (s: DeployState): void => {
    s.unsettled = { runId: 'run-1', sha: NEW, kind: 'deploy', startedAt: '2026-12-07T10:00:00.000Z', before: OLD, ...(stopped ? { stopped } : {}) };
  };

  it('no mark: the release recorded live', async () => {
    const dir = temps.make();
    const known = await productionIn(await stateIn(dir), new DeployLock(dir));
    assert.equal(known?.live?.sha, OLD);
    assert.equal(await productionUnknownText(await stateIn(dir), new DeployLock(dir)), undefined);
  });

  it('a mark that says its deploy failed: unknown, in status\' words, and the lock is not looked at', async () => {
    const dir = temps.make();
    const read = await stateIn(dir, mark('failed'));
    const never = (): Promise<DeployLock> => Promise.reject(new Error('the lock was looked at'));
    assert.equal((await productionIn(read, never))?.unsettled?.sha, NEW);
    assert.match(await productionUnknownText(read, never) ?? '', /^the production deploy of bbbbbbbb failed in its production stages: production may hold part of bbbbbbbb .*; aaaaaaaa was live before it; /);
  });

  it('a mark with no end, its run holding the deploy lock (the deploy runs): what was recorded live', async () => {
    const dir = temps.make();
    const read = await stateIn(dir, mark());
    const held = await new DeployLock(dir).acquire('production deploy of bbbbbbb', 'run-1');
    assert.ok(held.ok);
    try {
      assert.equal((await productionIn(read, new DeployLock(dir)))?.live?.sha, OLD);
    } finally { await held.release(); }
  });

  it('a mark with no end whose holder died (kill -9): unknown, "interrupted"', async () => {
    const dir = temps.make();
    const read = await stateIn(dir, mark());
    fs.writeFileSync(path.join(dir, 'deploy.lock'), JSON.stringify({ pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString(), what: 'production deploy', token: 't', runId: 'run-1' }));
    assert.match(await productionUnknownText(read, new DeployLock(dir)) ?? '', /^the production deploy of bbbbbbbb was interrupted in its production stages \(its process was killed\)/);
  });

  it('the deploy and rollback confirmations say it first, before the commits counted from the release live before it', () => {
    const plan: ProductionPlan = {
      kind: 'plan', sha: NEW, branch: 'main', dirty: false, moreCommits: false, blueGreen: false, productionStages: ['Deploy Prod'], problems: [],
      commits: [], lastProduction: { sha: OLD, at: '2026-12-07T09:00:00.000Z' }, productionUnknown: 'the production deploy of bbbbbbbb failed …',
    };
    assert.equal(planDetail(plan).split('\n')[0], 'What production runs is unknown: the production deploy of bbbbbbbb failed ….');
    const rollback = { kind: 'redeploy', sha: OLD, message: 'redeploys aaaaaaaa', productionUnknown: 'the production deploy of bbbbbbbb failed …' } as unknown as RollbackGoAhead;
    assert.match(rollbackDetail(rollback), /^What production runs is unknown: the production deploy of bbbbbbbb failed …\.\n\nWithout blue\/green: /);
  });
});
