import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { StageProcess } from '../../../src/core/pipeline/process';
import { STAGE_COOKIE_VAR } from '../../../src/core/pipeline/procfs';
import { awaitFile, killMarked, marked, markedProcesses, newMarker, waitForMarked } from '../reliability/markers';
import { collect, finish, makePipeline, stageRecord, TempDirs } from './helpers';

/**
 * Between a stage's end and its dependents' start (issue 14's DAG figure): the /proc scan for the
 * stage's escaped processes runs after the dependents started, and the run still ends only once
 * every escaped process is swept.
 */
describe('pipeline: what happens between a stage ending and its dependents starting', () => {
  const temp = new TempDirs();
  const markers: string[] = [];
  const marker = (): string => { const m = newMarker(); markers.push(m); return m; };
  afterEach(() => { temp.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  it('starts the dependent before sweeping the finished stage\'s escaped process, which is still killed before the run ends', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    const { run: r, events } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Escapes', run: `setsid ${marked(m, up)} >/dev/null 2>&1 & ${awaitFile(up)}; echo started` },
        { name: 'Next', run: 'true', needs: ['Escapes'] },
      ]),
    });
    let aliveAsNextStarted: number[] | undefined;
    let runEndedAfterEvents = 0;
    r.onEvent((e) => {
      // Outside the group, so only the cookie scan can kill it: alive here means the scan had not run yet.
      if (e.type === 'stageStarted' && e.stage === 'Next') { aliveAsNextStarted = markedProcesses(m); }
      if (e.type === 'runEnded') { runEndedAfterEvents = events.length; }
    });
    const record = await finish(r);
    assert.equal(stageRecord(record, 'Escapes').state, 'passed');
    assert.equal(stageRecord(record, 'Next').state, 'passed');
    assert.equal(aliveAsNextStarted?.length, 1, `escaped processes as Next started: ${JSON.stringify(aliveAsNextStarted)}`);
    assert.equal(events.at(-1)?.type, 'runEnded');
    assert.equal(runEndedAfterEvents, events.length);
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the escaped process outlived the run');
  });

  it('a process gives its outcome (`ended`) before its sweep is done (`done`), with the same result', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    const cookie = { name: STAGE_COOKIE_VAR, value: `${m}/stage` };
    const proc = new StageProcess({
      command: `setsid ${marked(m, up)} >/dev/null 2>&1 & ${awaitFile(up)}; exit 3`,
      cwd: dir, env: { ...process.env, [cookie.name]: cookie.value }, timeoutMs: 10_000, killGraceMs: 1000,
      onOutput: () => undefined, cookie,
    });
    let doneSettled = false;
    void proc.done.then(() => { doneSettled = true; });
    const outcome = await proc.ended;
    assert.equal(doneSettled, false, 'done settled with the outcome: the sweep ran before it');
    assert.equal(outcome.exitCode, 3);
    assert.equal(markedProcesses(m).length, 1, 'the escaped process was swept before the outcome was given');
    assert.equal(await proc.done, outcome);
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the escaped process outlived done');
  });
});
