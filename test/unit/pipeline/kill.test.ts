import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineRun } from '../../../src/core/pipeline';
import {
  collect, finish, groupGone, makePipeline, nextEvent, outputMatching, stageRecord, TempDirs, waitForFileCmd,
} from './helpers';

/** Prints the shell's pid (= the group id) and a background grandchild's pid, then blocks. */
const SPAWNS_GRANDCHILDREN = 'sleep 1000 & echo "pids $$ $!"; sleep 1000';
const PIDS = /pids (\d+) (\d+)/;

async function assertGroupGone(pgid: number, grandchild: number): Promise<void> {
  assert.deepEqual(await groupGone(pgid, [pgid, grandchild]), [], `processes of group ${pgid} survived`);
}

describe('pipeline/runner: timeouts, cleanup and cancel', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('a timeout kills the stage\'s whole group, grandchildren included', async () => {
    const dir = temp.make();
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Slow', run: SPAWNS_GRANDCHILDREN, timeoutMs: 400 },
        { name: 'After', run: 'true' },
      ]),
      killGraceMs: 2000,
    });
    const pids = outputMatching(run, 'Slow', PIDS);
    const started = nextEvent(run, (e) => e.type === 'stageStarted');
    const record = await finish(run);
    const [, pgid, grandchild] = (await pids).map(Number);
    const startedEvent = await started;
    assert.equal(startedEvent.type === 'stageStarted' && startedEvent.pid, pgid);

    const slow = stageRecord(record, 'Slow');
    assert.equal(slow.state, 'timedOut');
    assert.equal(slow.reason, 'timed out after 400ms');
    assert.equal(slow.exitCode, null);
    assert.equal(slow.signal, 'SIGTERM');
    assert.equal(stageRecord(record, 'After').reason, 'needs Slow, which timed out');
    assert.equal(record.state, 'red');
    await assertGroupGone(pgid, grandchild);
  });

  it('escalates to SIGKILL after the grace when the group ignores SIGTERM', async () => {
    const dir = temp.make();
    const { run } = collect({
      pipeline: makePipeline(dir, [{ name: 'Stubborn', run: `trap '' TERM; ${SPAWNS_GRANDCHILDREN}`, timeoutMs: 300 }]),
      killGraceMs: 300,
    });
    const pids = outputMatching(run, 'Stubborn', PIDS);
    const record = await finish(run);
    const [, pgid, grandchild] = (await pids).map(Number);
    assert.equal(stageRecord(record, 'Stubborn').state, 'timedOut');
    assert.equal(stageRecord(record, 'Stubborn').signal, 'SIGKILL');
    await assertGroupGone(pgid, grandchild);
  });

  it('a stage that exits normally leaves no background grandchild behind (and does not hang on its pipe)', async () => {
    const dir = temp.make();
    const { run } = collect({ pipeline: makePipeline(dir, [{ name: 'Leaky', run: 'sleep 1000 & echo "pids $$ $!"' }]) });
    const pids = outputMatching(run, 'Leaky', PIDS);
    const record = await finish(run);
    const [, pgid, grandchild] = (await pids).map(Number);
    assert.equal(stageRecord(record, 'Leaky').state, 'passed');
    await assertGroupGone(pgid, grandchild);
  });

  it('cancel mid-stage kills the group; the rest is cancelled; double cancel is safe', async () => {
    const dir = temp.make();
    const { run, events } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Long', run: SPAWNS_GRANDCHILDREN },
        { name: 'Never', run: `touch '${dir}/never'` },
      ]),
    });
    const done = finish(run);
    const [, pgid, grandchild] = (await outputMatching(run, 'Long', PIDS)).map(Number);
    run.cancel('stopped by test');
    run.cancel('again');
    const record = await done;
    run.cancel('after the end');

    assert.equal(record.state, 'cancelled');
    assert.equal(stageRecord(record, 'Long').state, 'cancelled');
    assert.equal(stageRecord(record, 'Long').reason, 'stopped by test');
    assert.equal(stageRecord(record, 'Never').state, 'cancelled');
    assert.equal(fs.existsSync(path.join(dir, 'never')), false);
    assert.equal(events.filter((e) => e.type === 'runEnded').length, 1);
    assert.equal(events[events.length - 1].type, 'runEnded');
    await assertGroupGone(pgid, grandchild);
  });

  it('cancel kills every running branch', async () => {
    const dir = temp.make();
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'L', run: SPAWNS_GRANDCHILDREN, needs: [] },
        { name: 'R', run: SPAWNS_GRANDCHILDREN, needs: [] },
      ]),
    });
    const lPids = outputMatching(run, 'L', PIDS);
    const rPids = outputMatching(run, 'R', PIDS);
    const done = finish(run);
    const l = (await lPids).map(Number);
    const r = (await rPids).map(Number);
    run.cancel();
    const record = await done;
    assert.deepEqual(record.stages.map((s) => [s.state, s.reason]), [['cancelled', 'run cancelled'], ['cancelled', 'run cancelled']]);
    await assertGroupGone(l[1], l[2]);
    await assertGroupGone(r[1], r[2]);
  });

  it('cancel before start ends the run without starting anything', async () => {
    const dir = temp.make();
    const { run, events } = collect({ pipeline: makePipeline(dir, [{ name: 'A', run: `touch '${dir}/ran'` }]) });
    run.cancel();
    run.cancel();
    const record = await finish(run);
    assert.equal(record.state, 'cancelled');
    assert.equal(stageRecord(record, 'A').state, 'cancelled');
    assert.deepEqual(events.map((e) => e.type), ['runStarted', 'stageEnded', 'runEnded']);
    assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  });

  it('red wins over a later cancel: a failure is never hidden', async () => {
    const dir = temp.make();
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Fails', run: 'exit 1', needs: [] },
        { name: 'Runs', run: `${waitForFileCmd(path.join(dir, 'never-created'), 1000)}`, needs: [] },
      ]),
    });
    run.onEvent((e) => { if (e.type === 'stageEnded' && e.stage.name === 'Fails') { run.cancel(); } });
    const record = await finish(run);
    assert.equal(stageRecord(record, 'Fails').state, 'failed');
    assert.equal(stageRecord(record, 'Runs').state, 'cancelled');
    assert.equal(record.state, 'red');
  });

  it('a listener that cancels from inside an event does not end the run twice', async () => {
    const dir = temp.make();
    const run = new PipelineRun({
      pipeline: makePipeline(dir, [{ name: 'A', run: 'sleep 1000' }, { name: 'B', run: 'true' }]),
      sha: 's', branch: 'b', trigger: 't',
    });
    let ended = 0;
    run.onEvent((e) => {
      if (e.type === 'stageStarted') { run.cancel(); }
      if (e.type === 'runEnded') { ended += 1; }
    });
    const record = await finish(run);
    assert.equal(record.state, 'cancelled');
    assert.equal(ended, 1);
  });
});
