import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeployStateStore, makeRecord, recentRecords, type DeployRecord } from '../../../src/core/deploy';
import { syncFileIo, useSyncFileIo } from '../../../src/core/fileio';
import { recordFsCalls } from '../../support/fsCalls';
import { Child, OUT_DEPLOY, TempDirs } from './helpers';

function rec(sha: string, extra: Partial<DeployRecord> = {}): DeployRecord {
  return makeRecord({ environment: 'production', sha, runId: `run-${sha}`, kind: 'deploy', result: 'ok', ...extra });
}

describe('deploy/deployState: deploy.json', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('a missing file is an empty state with no problems; the first write creates the folder', async () => {
    const dir = path.join(temp.make(), 'gearshift');
    const store = new DeployStateStore(dir);
    const read = await store.read();
    assert.deepEqual(read, { state: { version: 1, slots: {}, records: [] }, problems: [] });
    await store.update((s) => { s.live = 'blue'; });
    assert.equal(JSON.parse(fs.readFileSync(store.file, 'utf8')).live, 'blue');
  });

  it('writes atomically (temp file + rename): valid JSON after every write, no temp files left', async () => {
    const dir = temp.make();
    const store = new DeployStateStore(dir);
    for (let i = 0; i < 5; i++) { await store.addRecord(rec(`sha${i}`)); }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['deploy.json']);
    const { state, problems } = await store.read();
    assert.deepEqual(problems, []);
    assert.deepEqual(state.records.map((r) => r.sha), ['sha0', 'sha1', 'sha2', 'sha3', 'sha4']);
    assert.deepEqual(recentRecords(state, 2).map((r) => r.sha), ['sha4', 'sha3']);
  });

  it('each write is flushed to disk before its rename (a power cut leaves the old state or the new, never an empty deploy.json), in the editor and the CLI alike', async () => {
    const before = syncFileIo();
    const store = new DeployStateStore(temp.make());
    try {
      const calls = await recordFsCalls(['fsync', 'fsyncSync', 'rename', 'renameSync'], async () => {
        for (const sync of [false, true]) {
          useSyncFileIo(sync);
          await store.addRecord(rec(`sha-${sync}`));
        }
      });
      assert.deepEqual(calls, ['fsync', 'rename deploy.json', 'fsync', 'rename deploy.json']);
    } finally {
      useSyncFileIo(before);
    }
  });

  it('keeps only the newest maxRecords records', async () => {
    const store = new DeployStateStore(temp.make(), { maxRecords: 3 });
    for (let i = 0; i < 5; i++) { await store.addRecord(rec(`sha${i}`)); }
    assert.deepEqual((await store.read()).state.records.map((r) => r.sha), ['sha2', 'sha3', 'sha4']);
  });

  it('a corrupt file reads empty, is reported and marked corrupt, is kept as deploy.json.corrupt, and is never written over', async () => {
    const dir = temp.make();
    const store = new DeployStateStore(dir);
    fs.writeFileSync(store.file, '{"version":1,"live":"bl');
    const read = await store.read();
    assert.deepEqual(read.state, { version: 1, slots: {}, records: [] });
    assert.equal(read.problems.length, 1);
    assert.match(read.problems[0], /deploy\.json is corrupt \(not valid JSON: .*\); shown as an empty deploy state, and production deploys, switch and rollback refuse until it is repaired or deleted \(its text is kept in .*deploy\.json\.corrupt\)$/);
    assert.match(read.corrupt ?? '', /deploy\.json is corrupt \(not valid JSON: .*\), so the live slot and the rollback target are unknown; its text is kept in .*deploy\.json\.corrupt\. Repair deploy\.json, or delete it to start over with nothing deployed \(the next deploy then goes into the first slot, even if that one is live\)$/);
    assert.equal(fs.readFileSync(`${store.file}.corrupt`, 'utf8'), '{"version":1,"live":"bl');
    // A write would turn "unknown" into a valid-looking "nothing deployed": refused, the file untouched.
    await assert.rejects(store.update((s) => { s.live = 'green'; }), /^Error: not written: .*deploy\.json is corrupt/);
    await assert.rejects(store.recordNonProd({ sha: 'aaa', runId: 'r', result: 'ok' }), /not written/);
    assert.equal(fs.readFileSync(store.file, 'utf8'), '{"version":1,"live":"bl');
    fs.rmSync(store.file);
    await store.update((s) => { s.live = 'green'; });
    assert.deepEqual(await store.read(), { state: { version: 1, live: 'green', slots: {}, records: [] }, problems: [] }, 'deleted: a fresh start, no longer corrupt');
  });

  it('copies of a corrupt file are never written over: the same text is not copied again, another goes to .corrupt.1, …; at most ten', async () => {
    const store = new DeployStateStore(temp.make());
    const first = '{"version":1,"live":"bl';
    fs.writeFileSync(store.file, first);
    for (let i = 0; i < 3; i++) { assert.match((await store.read()).corrupt ?? '', /its text is kept in .*deploy\.json\.corrupt\. Repair/); }
    // A half-done repair breaks it another way: the first copy (the file as it broke) must survive.
    const second = '{"version":1,"live":"blue",';
    fs.writeFileSync(store.file, second);
    assert.ok(((await store.read()).corrupt ?? '').includes(`its text is kept in ${store.file}.corrupt.1. Repair`));
    assert.equal(fs.readFileSync(`${store.file}.corrupt`, 'utf8'), first, 'the first copy is kept');
    assert.equal(fs.readFileSync(`${store.file}.corrupt.1`, 'utf8'), second);
    fs.writeFileSync(store.file, first); // back to the first text: that copy is named, nothing new written
    assert.ok(((await store.read()).corrupt ?? '').includes(`its text is kept in ${store.file}.corrupt. Repair`));
    for (let i = 2; i < 12; i++) { fs.writeFileSync(store.file, `${second}${i}`); await store.read(); }
    const copies = fs.readdirSync(store.dir).filter((n) => n.startsWith('deploy.json.corrupt')).sort();
    assert.equal(copies.length, 10, copies.join(' '));
    assert.match((await store.read()).corrupt ?? '', /its text could not be kept beside it \(10 copies \(.*deploy\.json\.corrupt to \.9\) are kept already; not copied again: delete the ones you no longer need\)\. Repair/);
    assert.equal(fs.readFileSync(`${store.file}.corrupt`, 'utf8'), first, 'still the first copy');
  });

  it('a file of the wrong shape or version is corrupt too; a bad entry is dropped and named, the rest kept', async () => {
    const store = new DeployStateStore(temp.make());
    fs.writeFileSync(store.file, '[1,2]');
    assert.match((await store.read()).problems[0], /corrupt \(not a JSON object\)/);
    fs.writeFileSync(store.file, '{"version":7}');
    assert.match((await store.read()).problems[0], /corrupt \(unknown version 7 \(expected 1\)\)/);
    const good = rec('aaa');
    fs.writeFileSync(store.file, JSON.stringify({ version: 1, live: 'blue', slots: { blue: { sha: 'aaa', deployedAt: 'x', runId: 'r' }, green: 5 }, records: [good, { id: 'x', kind: 'explode' }] }));
    const read = await store.read();
    assert.equal(read.state.live, 'blue');
    assert.deepEqual(Object.keys(read.state.slots), ['blue']);
    assert.deepEqual(read.state.records, [good]);
    assert.deepEqual(read.problems.map((p) => p.replace(/^.*deploy\.json: /, '')), [
      'slot "green": unreadable entry dropped', 'record 2: unreadable entry dropped',
      `the next write leaves these entries out; the file's text is kept in ${store.file}.corrupt (or the next free .corrupt.N) first`,
    ]);
  });

  it("a slot's reason (why its deploy stopped) is kept when it is text; when it is not, the slot is dropped and named", async () => {
    const store = new DeployStateStore(temp.make());
    const cancelled = { sha: 'aaa', deployedAt: 'x', runId: 'r', status: 'cancelled', reason: 'HEAD moved from aaa to bbb during its production stages' };
    fs.writeFileSync(store.file, JSON.stringify({ version: 1, slots: { blue: cancelled, green: { ...cancelled, reason: 5 } }, records: [] }));
    const read = await store.read();
    assert.deepEqual(read.state.slots, { blue: cancelled });
    assert.match(read.problems[0], /slot "green": unreadable entry dropped/);
  });

  it('a rollback\'s mark on a record reads back; an unreadable mark drops that record as any bad field does', async () => {
    const store = new DeployStateStore(temp.make());
    const marked = { ...rec('aaa'), rolledBackAt: '2026-12-05T08:10:11.000Z', rolledBackBy: 'run-rb' };
    fs.writeFileSync(store.file, JSON.stringify({ version: 1, slots: {}, records: [marked, { ...rec('bbb'), rolledBackAt: 5 }] }));
    const read = await store.read();
    assert.deepEqual(read.state.records, [marked]);
    assert.match(read.problems.join('\n'), /record 2: unreadable entry dropped/);
  });

  it('a write after dropping an unreadable entry keeps the file as it was in deploy.json.corrupt first, and says so', async () => {
    const store = new DeployStateStore(temp.make());
    // A hand edit's typo ("OK"), or a record a newer Gearshift wrote: unreadable here, but someone's data.
    const before = JSON.stringify({ version: 1, live: 'blue', slots: {}, records: [rec('aaa'), { ...rec('bbb'), result: 'OK' }] }, null, 2);
    fs.writeFileSync(store.file, before);
    const written = await store.addRecord(rec('ccc'));
    assert.equal(fs.readFileSync(`${store.file}.corrupt`, 'utf8'), before, 'the dropped record survives somewhere');
    assert.match(written.problems.join('\n'), /record 2: unreadable entry dropped/);
    assert.match(written.problems.join('\n'), /deploy\.json: the next write leaves these entries out; the file's text is kept in .*deploy\.json\.corrupt \(or the next free \.corrupt\.N\) first/);
    assert.deepEqual(JSON.parse(fs.readFileSync(store.file, 'utf8')).records.map((r: DeployRecord) => r.sha), ['aaa', 'ccc']);
  });

  it('concurrent updates in one process lose nothing', async () => {
    const store = new DeployStateStore(temp.make());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.addRecord(rec(`s${i}`))));
    assert.equal((await store.read()).state.records.length, 20);
  });

  it('concurrent updates from three processes lose nothing (the update lock)', async function () {
    this.timeout(30_000);
    const dir = temp.make();
    const script = `
      const { DeployStateStore, makeRecord } = require(${JSON.stringify(OUT_DEPLOY)});
      const store = new DeployStateStore(process.argv[1]);
      (async () => {
        for (let i = 0; i < 10; i++) {
          await store.addRecord(makeRecord({ environment: 'production', sha: process.pid + '-' + i, runId: 'r', kind: 'deploy', result: 'ok' }));
        }
        console.log('done');
      })().catch((e) => { console.log('error ' + e.message); process.exit(1); });`;
    const children = [0, 1, 2].map(() => new Child(script, [dir]));
    const codes = await Promise.all(children.map((c) => c.exited));
    assert.deepEqual(codes, [0, 0, 0], children.map((c) => c.output).join('\n'));
    const { state, problems } = await new DeployStateStore(dir).read();
    assert.deepEqual(problems, []);
    assert.equal(state.records.length, 30);
    assert.equal(new Set(state.records.map((r) => r.sha)).size, 30);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['deploy.json'], 'no lock or temp files left');
  });

  it('recordNonProd records the run and remembers the last non-prod pass', async () => {
    const store = new DeployStateStore(temp.make());
    await store.recordNonProd({ sha: 'good1', runId: 'r1', result: 'ok' });
    await store.recordNonProd({ sha: 'bad2', runId: 'r2', result: 'failed' });
    const { state } = await store.read();
    assert.equal(state.lastNonProdPass?.sha, 'good1');
    assert.equal(state.lastNonProdPass?.runId, 'r1');
    assert.deepEqual(state.records.map((r) => [r.environment, r.kind, r.sha, r.result]), [['non-prod', 'deploy', 'good1', 'ok'], ['non-prod', 'deploy', 'bad2', 'failed']]);
  });
});
