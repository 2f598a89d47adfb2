import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunEvent } from '../../../src/core/pipeline/types';
import { collect, finish, makePipeline, TempDirs, waitForFileCmd } from './helpers';

/** Position of the first event matching type and stage. */
function at(events: RunEvent[], type: RunEvent['type'], stage: string): number {
  const i = events.findIndex((e) => e.type === type && stageOf(e) === stage);
  assert.ok(i >= 0, `no ${type} for ${stage}`);
  return i;
}

function stageOf(e: RunEvent): string | undefined {
  if (e.type === 'runStarted' || e.type === 'runEnded') { return undefined; }
  return e.type === 'stageEnded' ? e.stage.name : e.stage;
}

describe('pipeline/runner: order', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('runs stages one after another by default, numbering them n of m', async () => {
    const dir = temp.make();
    const log = path.join(dir, 'log');
    const { run, events } = collect({
      pipeline: makePipeline(dir, ['One', 'Two', 'Three'].map((name) => ({ name, run: `echo "$GEARSHIFT_STAGE" >> '${log}'` }))),
    });
    const record = await finish(run);
    assert.equal(record.state, 'green');
    assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['One', 'Two', 'Three']);
    const started = events.filter((e) => e.type === 'stageStarted');
    assert.deepEqual(started.map((e) => [e.stage, e.index, e.total]), [['One', 1, 3], ['Two', 2, 3], ['Three', 3, 3]]);
    assert.ok(at(events, 'stageEnded', 'One') < at(events, 'stageStarted', 'Two'));
    assert.ok(at(events, 'stageEnded', 'Two') < at(events, 'stageStarted', 'Three'));
  });

  it('follows the DAG: a diamond starts the join only after both branches', async () => {
    const dir = temp.make();
    const log = path.join(dir, 'log');
    const step = `echo "$GEARSHIFT_STAGE:start" >> '${log}'; echo "$GEARSHIFT_STAGE:end" >> '${log}'`;
    const { run, events } = collect({
      pipeline: makePipeline(dir, [
        { name: 'A', run: step },
        { name: 'B', run: step, needs: ['A'] },
        { name: 'C', run: step, needs: ['A'] },
        { name: 'D', run: step, needs: ['B', 'C'] },
      ]),
    });
    const record = await finish(run);
    assert.equal(record.state, 'green');
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    const pos = (l: string): number => lines.indexOf(l);
    assert.ok(pos('A:end') < pos('B:start') && pos('A:end') < pos('C:start'), lines.join(' '));
    assert.ok(pos('D:start') > pos('B:end') && pos('D:start') > pos('C:end'), lines.join(' '));
    assert.ok(at(events, 'stageStarted', 'D') > at(events, 'stageEnded', 'B'));
    assert.ok(at(events, 'stageStarted', 'D') > at(events, 'stageEnded', 'C'));
  });

  it('really overlaps independent stages', async () => {
    const dir = temp.make();
    // Each stage waits until the other has started: only a parallel runner lets both finish.
    // The start file appears (mv) only once its timestamp is taken, so the other's end is later.
    const step = (other: string): string =>
      `date +%s%N > "$GEARSHIFT_STAGE.tmp" && mv "$GEARSHIFT_STAGE.tmp" "$GEARSHIFT_STAGE.start"; ` +
      `${waitForFileCmd(path.join(dir, `${other}.start`))}; date +%s%N > "$GEARSHIFT_STAGE.end"`;
    const { run, events } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Left', run: step('Right'), needs: [] },
        { name: 'Right', run: step('Left'), needs: [] },
      ]),
    });
    const record = await finish(run);
    assert.equal(record.state, 'green', JSON.stringify(record.stages));
    const t = (f: string): bigint => BigInt(fs.readFileSync(path.join(dir, f), 'utf8').trim());
    assert.ok(t('Left.start') < t('Right.end') && t('Right.start') < t('Left.end'), 'stage lifetimes overlap');
    const lastStart = Math.max(at(events, 'stageStarted', 'Left'), at(events, 'stageStarted', 'Right'));
    const firstEnd = Math.min(at(events, 'stageEnded', 'Left'), at(events, 'stageEnded', 'Right'));
    assert.ok(lastStart < firstEnd);
  });

  it('emits runStarted first, runEnded last, and output between a stage\'s start and end', async () => {
    const dir = temp.make();
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'A', run: 'echo out; echo err >&2' },
        { name: 'B', run: 'echo b' },
      ]),
    });
    const all: RunEvent[] = [];
    run.onEvent((e) => all.push(e));
    run.onEvent(() => { throw new Error('a broken view'); });
    const silenced: RunEvent[] = [];
    const dispose = run.onEvent((e) => silenced.push(e));
    dispose();
    dispose();
    const record = await finish(run);

    assert.equal(record.state, 'green');
    assert.equal(silenced.length, 0);
    assert.equal(all[0].type, 'runStarted');
    assert.equal(all[all.length - 1].type, 'runEnded');
    for (const name of ['A', 'B']) {
      const idx = all.flatMap((e, i) => (stageOf(e) === name ? [[e.type, i] as const] : []));
      assert.equal(idx[0][0], 'stageStarted');
      assert.equal(idx[idx.length - 1][0], 'stageEnded');
      assert.equal(idx.filter(([type]) => type === 'stageEnded').length, 1);
    }
    const streams = all.filter((e) => e.type === 'stageOutput' && e.stage === 'A').map((e) => e.type === 'stageOutput' && `${e.stream}:${e.chunk}`);
    assert.ok(streams.includes('stdout:out\n') && streams.includes('stderr:err\n'), String(streams));

    assert.ok(!Number.isNaN(Date.parse(record.startedAt)) && !Number.isNaN(Date.parse(record.endedAt ?? '')));
    assert.equal(typeof record.durationMs, 'number');
    assert.match(record.id, /^[0-9a-f-]{36}$/);
    const a = record.stages[0];
    assert.equal(a.exitCode, 0);
    assert.ok(a.startedAt && !Number.isNaN(Date.parse(a.startedAt)));
    assert.ok(a.durationMs >= 0);
  });

  it('start() twice returns the same run', async () => {
    const dir = temp.make();
    const { run, events } = collect({ pipeline: makePipeline(dir, [{ name: 'A', run: 'true' }]), runId: 'fixed-id' });
    const [r1, r2] = await Promise.all([run.start(), run.start()]);
    assert.equal(r1, r2);
    assert.equal(r1.id, 'fixed-id');
    assert.equal(events.filter((e) => e.type === 'stageStarted').length, 1);
  });
});
