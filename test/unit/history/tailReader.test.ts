import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readLines } from '../../../src/core/history/lineReader';
import { readLineBatchesBackward, readLinesBackward } from '../../../src/core/history/tailReader';
import { HistoryStore } from '../../../src/core/history/historyStore';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { deadPid, makeRun, rawLine, stage } from './historyFixture';

function write(content: string | Buffer): string {
  const file = path.join(tempDir(), 'f.txt');
  fs.writeFileSync(file, content);
  return file;
}

async function backward(content: string | Buffer, max?: number, chunk?: number): Promise<[number, string, boolean, boolean][]> {
  const out: [number, string, boolean, boolean][] = [];
  for await (const l of readLinesBackward(write(content), max, chunk)) { out.push([l.fromEnd, l.text, l.terminated, l.tooLong]); }
  return out;
}

async function forwardReversed(content: string | Buffer, max?: number): Promise<[number, string, boolean, boolean][]> {
  const lines = [];
  for await (const l of readLines(write(content), max)) { lines.push(l); }
  return lines.reverse().map((l, i) => [i + 1, l.text, l.terminated, l.tooLong]);
}

describe('history/tailReader: lines from the end', () => {
  after(cleanupTempDirs);

  it('an empty file has no lines; a last line without a newline is unterminated; CRLF and blank lines as forwards', async () => {
    assert.deepStrictEqual(await backward(''), []);
    assert.deepStrictEqual(await backward('a\nb\r\nc'), [[1, 'c', false, false], [2, 'b', true, false], [3, 'a', true, false]]);
    assert.deepStrictEqual(await backward('a\n\n'), [[1, '', true, false], [2, 'a', true, false]]);
    assert.deepStrictEqual(await backward('\n'), [[1, '', true, false]]);
  });

  it('gives the same lines as the forward reader at every chunk size, multi-byte characters split across chunks', async () => {
    const content = `€uro\n${'ü'.repeat(50)}\n\nx\r\n${'日本'.repeat(30)}\ntorn{"v":`;
    for (const chunk of [1, 2, 3, 5, 7, 64, 1024]) {
      assert.deepStrictEqual(await backward(content, undefined, chunk), await forwardReversed(content), `chunk ${chunk}`);
    }
  });

  it('marks over-long lines without buffering them, as the forward reader does', async () => {
    const content = `ok\n${'x'.repeat(5000)}\nafter\n${'y'.repeat(5000)}`;
    assert.deepStrictEqual(await backward(content, 1000, 512), await forwardReversed(content, 1000));
  });

  it('rejects with ENOENT for a missing file', async () => {
    await assert.rejects(async () => readLinesBackward(path.join(tempDir(), 'none')).next(), /ENOENT/);
  });

  it('hands the lines over one array per chunk read, the same lines in the same order (status reads hundreds: one round trip each was ≈ 2 ms)', async () => {
    const content = Array.from({ length: 300 }, (_, i) => `{"line":${i}}`).join('\n') + '\n';
    const file = write(content);
    for (const chunk of [64 * 1024, 1000, 7]) {
      const batches: [number, string][][] = [];
      for await (const b of readLineBatchesBackward(file, undefined, chunk)) { batches.push(b.map((l) => [l.fromEnd, l.text])); }
      // Against the forward reader: readLinesBackward is built on these batches, so it proves nothing here.
      assert.deepStrictEqual(batches.flat(), (await forwardReversed(content)).map(([n, t]) => [n, t]), `chunk ${chunk}`);
      assert.ok(batches.length <= Math.ceil(content.length / chunk) + 1, `chunk ${chunk}: ${batches.length} batches for ${Math.ceil(content.length / chunk)} chunks`);
    }
  });
});

describe('history/HistoryStore.readNewest: the newest runs from the file\'s end', () => {
  after(cleanupTempDirs);

  /** Runs a0..a(n-1), each a start and an end line, with a stage line between. */
  function history(n: number, extra = ''): string {
    let text = '';
    for (let i = 0; i < n; i++) {
      const run = makeRun(`a${i}`, { state: 'running', stages: [stage('s', 'running')] });
      text += rawLine('start', run) + rawLine('end', { ...run, state: i % 3 ? 'green' : 'red', stages: [stage('s', i % 3 ? 'passed' : 'failed')] });
    }
    return text + extra;
  }

  async function both(content: string, limit: number): Promise<void> {
    const store = new HistoryStore(write(content));
    const tail = await store.readNewest(limit);
    const forward = await forwardRead(store, limit);
    assert.deepStrictEqual(tail.runs, forward.runs);
  }

  /** The forward reader, with the same limit, for comparison. */
  async function forwardRead(store: HistoryStore, limit: number): Promise<{ runs: unknown[] }> {
    const all = await store.read();
    return { runs: all.runs.slice(0, limit) };
  }

  it('answers what the whole-file read answers, for every limit, with interleaved and late end lines', async () => {
    const late = rawLine('end', { ...makeRun('a3'), state: 'interrupted' }); // a cleanup's end line for an older run
    const content = history(12, late);
    for (const limit of [0, 1, 2, 5, 11, 12, 40]) { await both(content, limit); }
  });

  it('a torn last line (a writer stopped mid-record) is reported, and the runs before it still read', async () => {
    const content = `${history(3)}{"v":1,"kind":"start","at":"2026-`;
    const read = await new HistoryStore(write(content)).readNewest(1);
    assert.strictEqual(read.runs[0].id, 'a2');
    assert.strictEqual(read.problems.length, 1);
    assert.match(read.problems[0].message, /incomplete last line/);
    assert.strictEqual(read.problems[0].fromEnd, 1);
    assert.strictEqual(read.complete, false);
    const whole = await new HistoryStore(write(content)).readNewest(10);
    assert.deepStrictEqual(whole.problems.map((p) => p.line), [7]); // the whole file was read: the real line number
    assert.strictEqual(whole.complete, true);
  });

  it('reads records of 48 KiB across chunk boundaries, and a file without a trailing newline', async () => {
    const big = makeRun('big', { subject: 'ß'.repeat(24 * 1024), stages: [stage('s', 'passed')], state: 'green' });
    const content = history(2) + rawLine('start', big) + rawLine('end', big).trimEnd();
    const read = await new HistoryStore(write(content)).readNewest(1);
    assert.strictEqual(read.runs[0].id, 'big');
    assert.strictEqual(read.runs[0].subject, big.subject);
    assert.deepStrictEqual(read.problems, []);
  });

  // fault32 MEDIUM-4: history.jsonl truncated mid-line while a run appends. The run's start line is
  // gone, its stageEnd line is glued onto the cut fragment (kept), its end line is whole; the
  // old run the cut ended early then gets an `interrupted` line from the clean-up. `status` must
  // name the run that just ended, not the old one.
  it('a run whose start line was cut away, ended after an old run: it is the newest, for every limit', async () => {
    const pid = deadPid();
    const at = (day: number): string => `2026-11-${String(day).padStart(2, '0')}T14:55:08.000Z`;
    let content = '';
    for (let i = 0; i < 5; i++) {
      const run = makeRun(`old${i}`, { startedAt: at(i + 1), stages: [stage('s', 'running')] });
      content += rawLine('start', run, { pid, at: at(i + 1) }) + rawLine('end', { ...run, state: 'green', stages: [stage('s', 'passed')] }, { pid, at: at(i + 1) });
    }
    const cut = makeRun('cut', { startedAt: at(6), stages: [stage('s', 'running')] });
    content += rawLine('start', cut, { pid, at: at(6) });
    content += rawLine('end', { ...cut, state: 'green', stages: [stage('s', 'passed')] }, { pid, at: at(6) }).slice(0, 150); // the cut
    const now = new Date().toISOString();
    const fresh = makeRun('fresh', { startedAt: now, stages: [stage('s', 'passed')] });
    content += rawLine('stageEnd', fresh, { pid, at: now });
    content += rawLine('end', { ...fresh, state: 'green' }, { pid, at: now });
    content += rawLine('end', { ...cut, state: 'interrupted' }, { at: now }); // the clean-up's line for the cut run
    const store = new HistoryStore(write(content));
    for (const limit of [1, 2, 3, 8]) {
      const read = await store.readNewest(limit);
      assert.deepStrictEqual(read.runs.slice(0, 2).map((r) => [r.id, r.state]), [['fresh', 'green'], ['cut', 'interrupted']].slice(0, limit), `limit ${limit}`);
    }
    assert.deepStrictEqual((await store.read()).runs[0].id, 'fresh', 'the whole-file read agrees');
  });

  it('an end line whose start lies further back than the runs asked for is still left out', async () => {
    const pid = deadPid();
    const early = makeRun('early', { startedAt: '2026-11-01T00:00:00.000Z', stages: [stage('s', 'running')] });
    let content = rawLine('start', early, { pid });
    for (let i = 0; i < 3; i++) {
      const run = makeRun(`r${i}`, { startedAt: `2026-11-0${i + 2}T00:00:00.000Z`, stages: [stage('s', 'passed')], state: 'green' });
      content += rawLine('start', run, { pid }) + rawLine('end', run, { pid });
    }
    content += rawLine('end', { ...early, state: 'interrupted' });
    const read = await new HistoryStore(write(content)).readNewest(2);
    assert.deepStrictEqual(read.runs.map((r) => r.id), ['r2', 'r1']);
  });

  it('an empty or missing file is an empty history', async () => {
    assert.deepStrictEqual(await new HistoryStore(write('')).readNewest(5), { runs: [], problems: [], complete: true });
    assert.deepStrictEqual(await new HistoryStore(path.join(tempDir(), 'none.jsonl')).readNewest(5), { runs: [], problems: [], complete: true });
  });
});
