/**
 * review27: a red period opened by a run of uncommitted changes blames no commit only while its
 * latest red run tested uncommitted changes too; once a clean run is red (the changes were
 * committed, or thrown away, and it still fails) that run's commit is the one a revert offers.
 */
import * as assert from 'node:assert';
import * as path from 'node:path';
import { HistoryStore } from '../../../src/core/history';
import { redNowIn } from '../../../src/core/redgreen';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { run } from './runs';

async function storeOf(...runs: ReturnType<typeof run>[]): Promise<HistoryStore> {
  const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
  for (const r of runs) { await store.recordStart({ ...r, state: 'running', endedAt: undefined }); await store.recordEnd(r); }
  return store;
}

describe('redNowIn: red of uncommitted changes (review27)', () => {
  after(cleanupTempDirs);

  it('dirty, then dirty again: no commit to blame', async () => {
    const first = run('red', 0, { dirty: true });
    const red = await redNowIn(await storeOf(run('green', -5), first, run('red', 5, { dirty: true })));
    assert.strictEqual(red?.dirty, true);
    assert.strictEqual(red?.blameSha, first.sha);
  });

  it('dirty, then a clean red run: the clean run\'s commit is to blame, and the red is not "uncommitted" any more', async () => {
    const committed = run('red', 5);
    const red = await redNowIn(await storeOf(run('green', -5), run('red', 0, { dirty: true }), committed));
    assert.strictEqual(red?.dirty, undefined);
    assert.strictEqual(red?.blameSha, committed.sha);
  });

  it('a clean red run: its own commit', async () => {
    const first = run('red', 0);
    const red = await redNowIn(await storeOf(run('green', -5), first, run('red', 5)));
    assert.strictEqual(red?.blameSha, first.sha);
  });
});
