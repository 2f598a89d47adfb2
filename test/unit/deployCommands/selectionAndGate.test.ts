import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GateAnswer, StageGate } from '../../../src/core/pipeline/gate';
import { planRun } from '../../../src/core/pipeline/graph';
import { collect, finish, makePipeline, TempDirs } from '../pipeline/helpers';

describe('pipeline: environment selections and the production gate', function () {
  this.timeout(20_000);
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  const talk = (dir: string) => makePipeline(dir, [
    { name: 'Lint', run: `echo lint >> '${dir}/ran'`, needs: [] },
    { name: 'Unit Tests', run: `echo unit >> '${dir}/ran'`, needs: [] },
    { name: 'Build', run: `echo build >> '${dir}/ran'`, needs: ['Unit Tests'] },
    { name: 'Deploy Non-Prod', run: `echo nonprod >> '${dir}/ran'`, environment: 'non-prod' },
    { name: 'Deploy Prod', run: `echo "prod $GEARSHIFT_SLOT" >> '${dir}/ran'`, environment: 'production' },
    { name: 'Smoke', run: `echo "smoke $GEARSHIFT_SLOT" >> '${dir}/ran'` },
  ]);
  const ran = (dir: string): string[] => fs.readFileSync(path.join(dir, 'ran'), 'utf8').trim().split('\n');

  it('target non-prod selects the non-prod stages and what they need, transitively; environment production only those stages', () => {
    const p = talk('/x');
    const nonProd = planRun(p, { target: 'non-prod' });
    assert.deepEqual([...nonProd.needs.keys()], ['Unit Tests', 'Build', 'Deploy Non-Prod']);
    assert.deepEqual(nonProd.notSelected.get('Lint'), 'not selected (deploy to non-prod)');
    const prod = planRun(p, { environment: 'production' });
    assert.deepEqual([...prod.needs.entries()], [['Deploy Prod', []]], 'needs outside the selection count as met');
    assert.equal(prod.notSelected.get('Smoke'), 'not selected (production stages only)');
    assert.throws(() => planRun(p, { target: 'non-prod', from: 'Build' }), /"from" and "target" cannot be combined/);
    const plain = makePipeline('/x', [{ name: 'A', run: 'true' }]);
    assert.throws(() => planRun(plain, { target: 'non-prod' }), /no `environment: non-prod` stage/);
    assert.throws(() => planRun(plain, { environment: 'production' }), /no `environment: production` stage/);
    const odd = makePipeline('/x', [{ name: 'P', run: 'true', environment: 'production' }, { name: 'N', run: 'true', environment: 'non-prod' }]);
    assert.throws(() => planRun(odd, { target: 'non-prod' }), /cannot run production stage "P"/);
  });

  it('the gate holds the production stages until it opens, then they and later stages get its env', async () => {
    const dir = temp.make();
    let open!: (a: GateAnswer) => void;
    let asked = 0;
    const gate: StageGate = { stages: new Set(['Deploy Prod']), open: () => { asked++; return new Promise((resolve) => { open = resolve; }); } };
    const { run, events } = collect({ pipeline: talk(dir), gate });
    const done = finish(run);
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (asked > 0) { clearInterval(t); resolve(); } }, 10); });
    assert.deepEqual(ran(dir).sort(), ['build', 'lint', 'nonprod', 'unit'], 'everything before production ran');
    assert.equal(run.record.stages[4].state, 'pending');
    open({ ok: true, env: { GEARSHIFT_SLOT: 'green' } });
    const record = await done;
    assert.equal(record.state, 'green');
    assert.deepEqual(ran(dir).slice(-2), ['prod green', 'smoke green']);
    assert.equal(asked, 1);
    assert.equal(events.filter((e) => e.type === 'stageStarted' && e.stage === 'Deploy Prod').length, 1);
  });

  it('a closed gate cancels the stage with its reason and stops the pipeline; cancel while it is pending aborts it', async () => {
    const dir = temp.make();
    const closed: StageGate = { stages: new Set(['Deploy Prod']), open: () => Promise.resolve({ ok: false, reason: 'another deploy is in progress: x' }) };
    const record = await finish(collect({ pipeline: talk(dir), gate: closed }).run);
    assert.equal(record.state, 'cancelled');
    assert.deepEqual([record.stages[4].state, record.stages[4].reason], ['cancelled', 'another deploy is in progress: x']);
    assert.equal(record.stages[5].reason, 'needs Deploy Prod, which was cancelled');

    let aborted = false;
    const pending: StageGate = {
      stages: new Set(['Deploy Prod']),
      open: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => { aborted = true; resolve({ ok: false, reason: 'aborted' }); })),
    };
    const { run } = collect({ pipeline: talk(temp.make()), gate: pending });
    const done = finish(run);
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (run.record.stages[3].state === 'passed') { clearInterval(t); resolve(); } }, 10); });
    run.cancel('stop');
    const cancelled = await done;
    assert.equal(cancelled.state, 'cancelled');
    assert.deepEqual([cancelled.stages[4].state, cancelled.stages[4].reason], ['cancelled', 'stop']);
    assert.ok(aborted, 'the gate was told');
  });
});
