/**
 * decisionStateIn (what Keep, the editor and `gearshift status` ask: does a release wait for a
 * decision?) against the store's own read of deploy.json, on files the store wrote: empty, at the
 * record cap with and without a pause, and a pause among records that mention decisions. A file
 * without the bytes `"decision"` is answered without being parsed; damage the store would report
 * still reaches the caller when the file is cut short.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decisionStateIn } from '../../../src/core/deploy/deployFiles';
import { DeployStateStore } from '../../../src/core/deploy/stateStore';
import { addRecord, makeRecord } from '../../../src/core/deploy/stateModel';

describe('deploy: decisionStateIn answers as the store reads deploy.json', function () {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-decision-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The store's answer: its decision, or that it cannot tell. */
  async function storeSays(store: DeployStateStore): Promise<unknown> {
    const { state, corrupt } = await store.read();
    return corrupt !== undefined ? 'corrupt' : state.decision ?? null;
  }

  async function same(store: DeployStateStore, what: string): Promise<void> {
    const quick = await decisionStateIn(dir);
    assert.deepEqual(quick.corrupt !== undefined ? 'corrupt' : quick.decision ?? null, await storeSays(store), what);
  }

  const pause = { runId: 'run-9', recordId: 'rec-9', sha: 'a'.repeat(40), slot: 'blue', at: '2026-12-05T00:00:00.000Z', message: 'health: inconclusive' };

  it('no file, the record cap with and without a pause, a pause cleared, a file cut short', async () => {
    const store = new DeployStateStore(dir);
    await same(store, 'no file');
    await store.update((s) => {
      for (let i = 0; i < 2000; i++) { addRecord(s, makeRecord({ environment: 'production', kind: 'deploy', sha: 'b'.repeat(40), runId: `run-${i}`, result: 'ok', message: `"decision" ${i}` })); }
    });
    assert.ok(fs.statSync(store.file).size > 200_000);
    await same(store, 'records that mention decisions, no pause');
    await store.update((s) => { s.decision = { ...pause }; });
    assert.equal((await decisionStateIn(dir)).decision?.runId, 'run-9');
    await same(store, 'a pause at the record cap');
    await store.update((s) => { delete s.decision; s.records = s.records.slice(0, 3).map((r) => ({ ...r, message: 'plain' })); });
    assert.doesNotMatch(fs.readFileSync(store.file, 'utf8'), /"decision"/);
    await same(store, 'no pause, no mention: not parsed');
    fs.writeFileSync(store.file, fs.readFileSync(store.file, 'utf8').slice(0, 200));
    assert.ok((await decisionStateIn(dir)).corrupt !== undefined, 'a file cut short is the store\'s to report');
    await same(store, 'cut short');
  });
});
