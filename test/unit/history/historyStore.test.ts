import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore, INTERRUPTED_STAGE_REASON, MAX_PROBLEMS } from '../../../src/core/history';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { deadPid, makeRun, rawLine, stage } from './historyFixture';

describe('history/HistoryStore', () => {
  after(cleanupTempDirs);

  /** A store on a file in a fresh dir that does not exist yet (the store must create it). */
  function freshStore(): HistoryStore {
    return new HistoryStore(path.join(tempDir(), 'nested', 'gearshift', 'history.jsonl'));
  }

  function storeWith(content: string): HistoryStore {
    const file = path.join(tempDir(), 'history.jsonl');
    fs.writeFileSync(file, content);
    return new HistoryStore(file);
  }

  it('reads a missing file as an empty history with no problems', async () => {
    const store = freshStore();
    assert.deepStrictEqual(await store.read(), { runs: [], problems: [] });
    assert.strictEqual(await store.last(), undefined);
  });

  it('appends exactly one line per record, with v, kind, at, pid, host, pidStart and run', async () => {
    const store = freshStore();
    const run = makeRun('r1');
    await store.recordStart(run);
    await store.recordEnd({ ...run, state: 'green', endedAt: '2024-05-01T10:01:00.000Z' });
    const lines = fs.readFileSync(store.file, 'utf8').split('\n');
    assert.strictEqual(lines.length, 3);
    assert.strictEqual(lines[2], '', 'file ends with a newline');
    const first = JSON.parse(lines[0]);
    // pidStart: the writer's /proc start time, so a reused pid is not taken for the writer.
    assert.deepStrictEqual(Object.keys(first), ['v', 'kind', 'at', 'pid', 'host', 'pidStart', 'run']);
    assert.strictEqual(first.v, 1);
    assert.strictEqual(first.kind, 'start');
    assert.strictEqual(first.pid, process.pid);
    assert.strictEqual(first.host, os.hostname());
    assert.ok(!Number.isNaN(Date.parse(first.at)));
    assert.deepStrictEqual(first.run, run);
    assert.strictEqual(JSON.parse(lines[1]).kind, 'end');
  });

  it('keeps a newline inside a field on one line', async () => {
    const store = freshStore();
    await store.recordStart(makeRun('nl', { branch: 'a\nb', note: 'x\r\ny\u2028z' }));
    assert.strictEqual(fs.readFileSync(store.file, 'utf8').split('\n').length, 2);
    const run = (await store.read()).runs[0];
    assert.strictEqual(run.branch, 'a\nb');
    assert.strictEqual(run.note, 'x\r\ny\u2028z');
  });

  it('merges start and end by id, newest first, keeping fields only the start had', async () => {
    const store = freshStore();
    await store.recordStart(makeRun('a', { commits: ['c1', 'c2'] }));
    await store.recordStart(makeRun('b'));
    await store.recordEnd(makeRun('a', {
      state: 'red', endedAt: '2024-05-01T10:05:00.000Z',
      stages: [stage('Build', 'passed'), stage('Test', 'failed', { exitCode: 1 })],
    }));
    await store.recordEnd(makeRun('b', { state: 'green', endedAt: '2024-05-01T10:06:00.000Z', stages: [stage('Build', 'passed')] }));
    await store.recordStart(makeRun('c'));
    await store.recordEnd(makeRun('c', { state: 'cancelled', stages: [stage('Build', 'cancelled')] }));

    const { runs, problems } = await store.read();
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(runs.map((r) => [r.id, r.state]), [['c', 'cancelled'], ['b', 'green'], ['a', 'red']]);
    const a = runs[2];
    assert.deepStrictEqual(a.commits, ['c1', 'c2']);
    assert.strictEqual(a.endedAt, '2024-05-01T10:05:00.000Z');
    assert.deepStrictEqual(a.stages.map((s) => [s.name, s.state, s.exitCode]), [['Build', 'passed', 0], ['Test', 'failed', 1]]);
    assert.strictEqual((await store.last())?.id, 'c');
  });

  it('reads a start with no end from a dead process as interrupted, closing unfinished stages', async () => {
    const run = makeRun('crashed', {
      stages: [stage('Build', 'passed'), stage('Test', 'running'), stage('Gate', 'waiting-approval'), stage('Deploy', 'pending')],
    });
    const store = storeWith(rawLine('start', run, { pid: deadPid() }));
    const { runs, problems } = await store.read();
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(runs[0].state, 'interrupted');
    assert.strictEqual(runs[0].endedAt, undefined);
    assert.deepStrictEqual(runs[0].stages.map((s) => [s.name, s.state]),
      [['Build', 'passed'], ['Test', 'cancelled'], ['Gate', 'cancelled'], ['Deploy', 'cancelled']]);
    assert.strictEqual(runs[0].stages[0].reason, undefined);
    assert.strictEqual(runs[0].stages[1].reason, INTERRUPTED_STAGE_REASON);
  });

  it('reads a start with no end from a live process on this host as running, stages as recorded', async () => {
    const store = freshStore();
    await store.recordStart(makeRun('live', { stages: [stage('Build', 'running'), stage('Test', 'pending')] }));
    const run = await store.last();
    assert.strictEqual(run?.state, 'running');
    assert.deepStrictEqual(run?.stages.map((s) => s.state), ['running', 'pending']);
  });

  it('reads a live pid on another host, or from before the last boot, as interrupted', async () => {
    const store = storeWith(
      rawLine('start', makeRun('elsewhere'), { host: `not-${os.hostname()}` })
      + rawLine('start', makeRun('before-boot'), { at: '2000-01-01T00:00:00.000Z' }));
    const { runs } = await store.read();
    assert.deepStrictEqual(runs.map((r) => [r.id, r.state]), [['before-boot', 'interrupted'], ['elsewhere', 'interrupted']]);
  });

  it('skips bad lines and reports them with their line numbers; blank and unknown-kind lines are not problems', async () => {
    const content = [
      rawLine('start', makeRun('ok')), //                                       1
      'this is not json\n', //                                                  2
      '[1,2,3]\n', //                                                           3
      '\n', //                                                                  4 blank
      rawLine('start', { state: 'running' }), //                                5 no id
      rawLine('start', { id: 'no-state' }), //                                  6 no state
      '{"v":1,"run":{"id":"x","state":"green"}}\n', //                          7 no kind
      rawLine('end', makeRun('ok', { state: 'green' })), //                     8
      rawLine('deploy', { id: 'from-a-newer-version' }), //                     9 ignored
      '{"v":1,"kind":"end","run":{"id":"half', //                               10 crash, no newline
    ].join('');
    const { runs, problems } = await storeWith(content).read();
    assert.deepStrictEqual(runs.map((r) => [r.id, r.state]), [['ok', 'green']]);
    assert.deepStrictEqual(problems.map((p) => p.line), [2, 3, 5, 6, 7, 10]);
    assert.match(problems[0].message, /not valid JSON/);
    assert.match(problems[1].message, /not a JSON object/);
    assert.match(problems[2].message, /missing run\.id/);
    assert.match(problems[3].message, /missing run\.state/);
    assert.match(problems[4].message, /missing "kind"/);
    assert.match(problems[5].message, /incomplete last line/);
  });

  it('recovers the record appended after a writer crashed mid-line', async () => {
    const fragment = rawLine('start', makeRun('lost', { nested: { v: 2 } })).slice(0, 120);
    const store = storeWith(rawLine('start', makeRun('before'), { pid: deadPid() }) + fragment);
    await store.recordStart(makeRun('after'));
    await store.recordEnd(makeRun('after', { state: 'green' }));
    const { runs, problems } = await store.read();
    assert.deepStrictEqual(runs.map((r) => [r.id, r.state]), [['after', 'green'], ['before', 'interrupted']]);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].line, 2);
    assert.match(problems[0].message, /writer stopped mid-line.*kept the record after it/);
  });

  // A newer version adds fields to format 1; a line of another format (`v` 2) is passed over (foreignLines.test.ts, faults41 L3).
  it('keeps unknown fields from a newer version and never treats them as errors', async () => {
    const run = { ...makeRun('future', { state: 'green' }), approver: 'ana', stages: [{ ...stage('Build', 'passed'), cpuMs: 5 }] };
    const line = JSON.stringify({ v: 1, kind: 'end', at: new Date().toISOString(), pid: 1, host: 'h', signature: 'zz', run });
    const { runs, problems } = await storeWith(line + '\n').read();
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(runs[0].approver, 'ana');
    assert.strictEqual((runs[0].stages[0] as unknown as Record<string, unknown>).cpuMs, 5);
  });

  it('fills required fields a hand-written line left out', async () => {
    const { runs } = await storeWith('{"kind":"end","at":"2024-01-01T00:00:00.000Z","run":{"id":"m","state":"green"}}\n').read();
    assert.deepStrictEqual(runs[0], { id: 'm', state: 'green', sha: 'none', branch: '', trigger: 'unknown', startedAt: '2024-01-01T00:00:00.000Z', stages: [] });
  });

  it('accepts CRLF line endings', async () => {
    const content = rawLine('start', makeRun('w')).replace('\n', '\r\n') + rawLine('end', makeRun('w', { state: 'green' })).replace('\n', '\r\n');
    const { runs, problems } = await storeWith(content).read();
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(runs[0].state, 'green');
  });

  // fault31 LOW-5: a file an editor saved "with BOM" was reported on every command as a torn write.
  it('accepts a byte-order mark before the first line, with no problem, read whole or from the end', async () => {
    const store = storeWith(`\uFEFF${rawLine('start', makeRun('w'))}${rawLine('end', makeRun('w', { state: 'green' }))}`);
    for (const read of [await store.read(), await store.read({ limit: 5 })]) {
      assert.deepStrictEqual(read.problems, []);
      assert.strictEqual(read.runs[0].state, 'green');
    }
  });

  it('limit keeps the newest runs, and an end whose start fell out of the window stays out', async () => {
    const dead = deadPid();
    const content = [
      rawLine('start', makeRun('A'), { pid: dead }),
      rawLine('start', makeRun('B'), { pid: dead }),
      rawLine('start', makeRun('C'), { pid: dead }),
      rawLine('end', makeRun('A', { state: 'red' })), // A's start was dropped with limit 2
      rawLine('end', makeRun('B', { state: 'green' })),
      rawLine('start', makeRun('D'), { pid: dead }),
      rawLine('end', makeRun('C', { state: 'green' })),
    ].join('');
    const store = storeWith(content);
    assert.deepStrictEqual((await store.read({ limit: 2 })).runs.map((r) => [r.id, r.state]), [['D', 'interrupted'], ['C', 'green']]);
    assert.deepStrictEqual((await store.read({ limit: 3 })).runs.map((r) => r.id), ['D', 'C', 'B']);
    assert.deepStrictEqual((await store.read()).runs.map((r) => [r.id, r.state]),
      [['D', 'interrupted'], ['C', 'green'], ['B', 'green'], ['A', 'red']]);
    assert.deepStrictEqual((await store.read({ limit: 0 })).runs, []);
    await assert.rejects(store.read({ limit: -1 }), RangeError);
    await assert.rejects(store.read({ limit: 1.5 }), RangeError);
  });

  it('caps the list of problems for a garbage file', async () => {
    const { problems } = await storeWith('garbage\n'.repeat(MAX_PROBLEMS + 50)).read();
    assert.strictEqual(problems.length, MAX_PROBLEMS + 1);
    assert.deepStrictEqual(problems[MAX_PROBLEMS], { line: MAX_PROBLEMS + 1, message: '50 more bad lines from here on were not listed' });
  });

  it('rejects a write it cannot make, so the caller can log it', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const store = new HistoryStore(path.join(blocker, 'gearshift', 'history.jsonl'));
    await assert.rejects(store.recordStart(makeRun('x')), /ENOTDIR|EEXIST/);
  });
});
