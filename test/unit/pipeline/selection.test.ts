import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collect, finish, makePipeline, TempDirs } from './helpers';

describe('pipeline/runner: only and from', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  const four = (dir: string) => makePipeline(dir, ['A', 'B', 'C', 'D'].map((name) => ({ name, run: `touch '${dir}/${name}'` })));
  const ran = (dir: string): string[] => ['A', 'B', 'C', 'D'].filter((n) => fs.existsSync(path.join(dir, n)));

  it('only runs a single stage, ignoring its needs', async () => {
    const dir = temp.make();
    const { run, events } = collect({ pipeline: four(dir), only: 'C' });
    const record = await finish(run);
    assert.equal(record.state, 'green');
    assert.deepEqual(ran(dir), ['C']);
    assert.deepEqual(record.stages.map((s) => s.state), ['skipped', 'skipped', 'passed', 'skipped']);
    assert.equal(record.stages[0].reason, 'not selected: ran C only');
    const started = events.filter((e) => e.type === 'stageStarted');
    assert.deepEqual(started.map((e) => [e.stage, e.index, e.total]), [['C', 1, 1]]);
  });

  it('from runs that stage and every later one; earlier ones are skipped', async () => {
    const dir = temp.make();
    const { run, events } = collect({ pipeline: four(dir), from: 'B' });
    const record = await finish(run);
    assert.equal(record.state, 'green');
    assert.deepEqual(ran(dir), ['B', 'C', 'D']);
    assert.equal(record.stages[0].state, 'skipped');
    assert.equal(record.stages[0].reason, 'not selected: ran from B on');
    const started = events.filter((e) => e.type === 'stageStarted');
    assert.deepEqual(started.map((e) => [e.stage, e.index, e.total]), [['B', 1, 3], ['C', 2, 3], ['D', 3, 3]]);
    // Skipped stages still get their one stageEnded, right after runStarted.
    assert.equal(events[1].type === 'stageEnded' && events[1].stage.name, 'A');
  });
});
