import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Stage } from '../../../src/core/config/types';
import type { StageState } from '../../../src/core/pipeline/types';
import { collect, finish, makePipeline, stageRecord, TempDirs, waitForFileCmd, withDeadline } from './helpers';

describe('pipeline/runner: manual approval', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  const gated = (dir: string) => makePipeline(dir, [
    { name: 'Test', run: 'true' },
    { name: 'Deploy', run: `touch '${dir}/deployed'`, approval: 'manual', environment: 'production' },
    { name: 'Smoke', run: 'true' },
  ]);

  it('asks before the gated stage and runs it when approved', async () => {
    const dir = temp.make();
    const asked: Array<[string, StageState]> = [];
    const { run, events } = collect({
      pipeline: gated(dir),
      approve: async (stage: Stage, rec) => {
        asked.push([stage.name, stageRecord(rec, stage.name).state]);
        return true;
      },
    });
    const record = await finish(run);
    assert.equal(record.state, 'green');
    assert.deepEqual(asked, [['Deploy', 'waiting-approval']]);
    assert.ok(fs.existsSync(path.join(dir, 'deployed')));
    const types = events.filter((e) => 'stage' in e).map((e) => `${e.type}:${e.type === 'stageEnded' ? e.stage.name : (e as { stage: string }).stage}`);
    assert.ok(types.indexOf('approvalNeeded:Deploy') < types.indexOf('stageStarted:Deploy'));
    assert.ok(types.indexOf('stageEnded:Test') < types.indexOf('approvalNeeded:Deploy'));
  });

  it('a declined gate cancels the stage and the run; nothing after it starts', async () => {
    const dir = temp.make();
    const { run, events } = collect({ pipeline: gated(dir), approve: async () => false });
    const record = await finish(run);
    assert.equal(record.state, 'cancelled');
    assert.equal(stageRecord(record, 'Test').state, 'passed');
    assert.equal(stageRecord(record, 'Deploy').state, 'cancelled');
    assert.equal(stageRecord(record, 'Deploy').reason, 'approval declined');
    assert.equal(stageRecord(record, 'Smoke').state, 'skipped');
    assert.equal(stageRecord(record, 'Smoke').reason, 'needs Deploy, which was not approved');
    assert.equal(fs.existsSync(path.join(dir, 'deployed')), false);
    assert.equal(events.filter((e) => e.type === 'stageStarted').length, 1);
  });

  it('no approver means declined; a throwing approver too', async () => {
    const dir = temp.make();
    const none = collect({ pipeline: gated(dir) });
    const r1 = await finish(none.run);
    assert.equal(r1.state, 'cancelled');
    assert.equal(stageRecord(r1, 'Deploy').reason, 'approval declined');
    assert.ok(none.events.some((e) => e.type === 'approvalNeeded'));

    const throwing = collect({ pipeline: gated(dir), approve: () => { throw new Error('no UI'); } });
    const r2 = await finish(throwing.run);
    assert.equal(r2.state, 'cancelled');
    assert.equal(stageRecord(r2, 'Deploy').reason, 'approval failed: no UI');
    assert.equal(fs.existsSync(path.join(dir, 'deployed')), false);
  });

  it('cancel while waiting for approval resolves promptly and aborts the prompt', async () => {
    const dir = temp.make();
    let signal: AbortSignal | undefined;
    const { run } = collect({
      pipeline: gated(dir),
      approve: (_stage, _rec, s) => { signal = s; return new Promise<boolean>(() => undefined); },
    });
    run.onEvent((e) => { if (e.type === 'approvalNeeded') { setImmediate(() => run.cancel('user pressed Ctrl+C')); } });
    const record = await withDeadline(run.start(), 5000, 'cancel during approval hung');
    assert.equal(record.state, 'cancelled');
    assert.equal(stageRecord(record, 'Deploy').state, 'cancelled');
    assert.equal(stageRecord(record, 'Deploy').reason, 'user pressed Ctrl+C');
    assert.equal(stageRecord(record, 'Smoke').state, 'cancelled');
    assert.equal(signal?.aborted, true);
  });

  it('a failure elsewhere while waiting skips the gated stage and aborts the prompt', async () => {
    const dir = temp.make();
    const asked = path.join(dir, 'asked');
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Gate', run: `touch '${dir}/deployed'`, approval: 'manual', needs: [] },
        { name: 'Lint', run: `${waitForFileCmd(asked)}; exit 1`, needs: [] },
      ]),
      // Answers only when the runner no longer needs the answer.
      approve: (_stage, _rec, signal) => new Promise<boolean>((resolve) => {
        fs.writeFileSync(asked, '');
        signal.addEventListener('abort', () => resolve(true));
      }),
    });
    const record = await finish(run);
    assert.equal(record.state, 'red');
    assert.equal(stageRecord(record, 'Gate').state, 'skipped');
    assert.equal(stageRecord(record, 'Gate').reason, 'pipeline stopped after Lint failed');
    assert.equal(fs.existsSync(path.join(dir, 'deployed')), false);
  });
});
