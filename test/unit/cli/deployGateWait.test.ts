/**
 * rereview39 F3, F7: the words a deploy refused by a run at a manual gate gives. Real engines on a real git repository,
 * the run lock and history as written; the holder is this process, as the extension host is for the editor's runs.
 */
import * as assert from 'node:assert/strict';
import { wayOut, withWaitingGate } from '../../../src/cli/commands/deployGateWait';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { deployRunHooks } from '../../../src/core/deploy/runHooks';
import { deployNonProd } from '../../../src/core/release/index';
import { holderKind, RunLock } from '../../../src/core/lock/index';
import { cleanEnv } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo } from '../deployCommands/deployRepo';

/** The refusal `gearshift deploy non-prod` gets from `other` while a run holds the lock, with the gate words added. */
async function refusal(other: PipelineEngine): Promise<string> {
  const refused = await deployNonProd(other);
  assert.equal(refused.result, 'refused', refused.message);
  return withWaitingGate(other, refused.message);
}

describe('gearshift deploy refused by a run at a manual gate: who holds it decides the words (rereview39 F3, F7)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const engines: PipelineEngine[] = [];
  let r: DeployRepo | undefined;
  afterEach(async () => {
    for (const e of engines.splice(0)) { e.cancel('test over'); await e.dispose(); }
    await r?.dispose(); r = undefined;
    ws.cleanup();
  });

  /** A run (trigger `trigger`) that waits at "Release Gate", nobody answering; resolves once it asks. */
  async function waitingRun(repo: string, trigger: string): Promise<void> {
    let asked = false;
    const holder = new PipelineEngine({ folder: repo, approve: () => { asked = true; return new Promise(() => undefined); } });
    engines.push(holder);
    const started = await holder.start({ trigger });
    assert.equal(started.kind, 'started');
    await until(() => asked, 20_000, 'the gate to ask');
  }

  const gated = (): string => ws.repo(pipeline([
    { name: 'Unit Tests', run: 'echo tested' },
    { name: 'Deploy Staging', run: 'echo staged', extra: ['environment: non-prod'] },
    { name: 'Release Gate', run: 'echo released', extra: ['approval: manual'] },
  ]));

  it('the editor\'s run (trigger manual): answer it in VS Code, no terminal and no Ctrl+C', async () => {
    const repo = gated();
    await waitingRun(repo, 'manual');
    const other = new PipelineEngine({ folder: repo });
    engines.push(other);
    const said = await refusal(other);
    assert.match(said, /: it waits for approval of "Release Gate": answer it in VS Code \(Gearshift: Answer Waiting Approval…\), or stop it there \(Gearshift: Stop Pipeline\)$/);
    assert.doesNotMatch(said, /terminal|Ctrl\+C/);
  });

  it('a terminal\'s run (trigger cli): the terminal and Ctrl+C, as before', async () => {
    const repo = gated();
    await waitingRun(repo, 'cli');
    const other = new PipelineEngine({ folder: repo });
    engines.push(other);
    assert.match(await refusal(other), /: it waits for approval of "Release Gate": answer it in the terminal running it \(pid \d+\), or stop it there with Ctrl\+C$/);
  });

  it('a production deploy sampling its baseline after its gate was approved: "may be waiting", not a fact', async () => {
    const gate = ['  - name: Release Gate', '    run: "true"', '    environment: production', '    approval: manual'];
    r = await DeployRepo.create({ before: () => gate, monitor: { baseline: '30s', interval: '200ms', window: '200ms' } });
    let approved = false;
    const holder = new PipelineEngine({ hooks: deployRunHooks(), folder: r.dir, color: false, baseEnv: cleanEnv(), approve: () => { approved = true; return Promise.resolve({ approvedBy: 'test' }); } });
    engines.push(holder);
    let sampling = false;
    holder.onEvent((e) => { if (e.type === 'deploy' && e.event.type === 'deployStarted') { sampling = true; } });
    const started = await holder.start({ trigger: 'cli' });
    assert.equal(started.kind, 'started', JSON.stringify(started));
    await until(() => sampling, 20_000, 'the deploy to sample its baseline');
    assert.ok(approved, 'the gate was answered before the baseline: nothing waits for a person');
    const other = new PipelineEngine({ folder: r.dir });
    engines.push(other);
    const said = await withDeadline(refusal(other), 20_000, 'the refusal');
    assert.match(said, /: it may be waiting for approval of "Release Gate", or for the monitoring baseline before it: if it asks, answer it in the terminal running it \(pid \d+\), or stop it there with Ctrl\+C$/);
    assert.doesNotMatch(said, /it waits for approval/);
  });

  it('the run lock records its holder\'s kind, and the words follow it, not the trigger (closing-39)', async () => {
    const repo = gated();
    let asked = false;
    const holder = new PipelineEngine({ folder: repo, holderKind: 'watch', approve: () => { asked = true; return new Promise(() => undefined); } });
    engines.push(holder);
    assert.equal((await holder.start({ trigger: 'commit' })).kind, 'started');
    await until(() => asked, 20_000, 'the gate to ask');
    assert.equal((await new RunLock(await holder.dataDir()).holder())?.kind, 'watch');
    const other = new PipelineEngine({ folder: repo });
    engines.push(other);
    assert.match(await refusal(other), /answer it in the terminal running `gearshift watch` \(pid \d+\), or stop it there$/);
  });

  it('a lock written without a kind (an older version), or with one this version does not know: both places, as before', () => {
    assert.equal(holderKind({}), undefined);
    assert.equal(holderKind({ kind: 'toaster' }), undefined);
    assert.equal(wayOut({ pid: 42, kind: 'toaster' }, 'commit'), wayOut({ pid: 42 }, 'commit'));
    assert.match(wayOut({ pid: 42 }, 'commit'), /^answer it in VS Code \(Gearshift: Answer Waiting Approval…\) or in the terminal running `gearshift watch` \(pid 42\), or stop it there$/);
    assert.match(wayOut({ pid: 42, kind: 'editor' }, 'commit'), /^answer it in VS Code \(Gearshift: Answer Waiting Approval…\), or stop it there \(Gearshift: Stop Pipeline\)$/);
    assert.match(wayOut({ pid: 42, kind: 'terminal' }, 'deploy', true), /^if it asks, answer it in the terminal that started it \(pid 42\), or stop it there with Ctrl\+C$/);
  });

  it('a promote or rollback run: VS Code or the terminal that started it, never `gearshift watch` (rereview39b)', () => {
    assert.strictEqual(wayOut({ pid: 42 }, 'rollback'), 'answer it in VS Code (Gearshift: Answer Waiting Approval…) or in the terminal that started it (pid 42), or stop it there');
    assert.match(wayOut({ pid: 42 }, 'commit'), /the terminal running `gearshift watch` \(pid 42\)/);
  });
});
