import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore, pipelineStateDir } from '../../../src/core/history';
import { readPipelineState } from '../../../src/core/monorepo';
import { initRepo } from '../../support/git';
import { makeRun, stage } from '../history/historyFixture';

describe('monorepo/readState', () => {
  async function apiStore(): Promise<{ dir: string; store: HistoryStore }> {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'apps', 'api'), { recursive: true });
    const dir = await pipelineStateDir(path.join(repo, 'apps', 'api'));
    return { dir, store: new HistoryStore(path.join(dir, 'history.jsonl')) };
  }
  const ended = (id: string, state: 'green' | 'red' | 'cancelled', at: string, failed?: string) => makeRun(id, {
    state, startedAt: at, endedAt: at,
    stages: [stage('Build', 'passed'), stage('Test', failed === 'Test' ? 'failed' : state === 'cancelled' ? 'cancelled' : 'passed')],
  });

  it('not run yet without a history; red with since when and the stage; a later cancelled run leaves it red; green ends it', async () => {
    const { dir, store } = await apiStore();
    assert.strictEqual((await readPipelineState(dir)).status.kind, 'notRun');
    await store.recordEnd(ended('r1', 'red', '2026-12-01T10:00:00.000Z', 'Test'));
    await store.recordEnd(ended('c1', 'cancelled', '2026-12-01T10:05:00.000Z'));
    const red = await readPipelineState(dir);
    assert.strictEqual(red.status.kind, 'red');
    assert.strictEqual(red.failedStage, 'Test');
    assert.strictEqual(red.redSince, Date.parse('2026-12-01T10:00:00.000Z'));
    await store.recordEnd(ended('g1', 'green', '2026-12-01T10:10:00.000Z'));
    assert.deepStrictEqual(await readPipelineState(dir), { status: { kind: 'green', run: (await store.readNewest(1)).runs[0] } });
  });

  it('a history that cannot be read is unknown, with why, not "not run yet"', async () => {
    const { dir } = await apiStore();
    fs.mkdirSync(path.join(dir, 'history.jsonl'), { recursive: true }); // a directory in its place
    const read = await readPipelineState(dir);
    assert.strictEqual(read.status.kind, 'unknown');
  });
});
