/**
 * readAppendedRuns (core/history/appendedRuns.ts): the runs appended since a fingerprint, only
 * when the file is the same one, longer, with the fingerprint's last bytes in place and ending a
 * line, and the new bytes are whole lines of runs started and ended there. Each guard on its own.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIo, type OpenFile } from '../../../src/core/fileio';
import { historyFingerprint, readAppendedRuns, type HistoryFingerprint } from '../../../src/core/history';
import { deadPid, makeRun, rawLine, stage } from './historyFixture';

describe('history: the runs appended since a fingerprint (readAppendedRuns)', () => {
  let dir: string;
  let file: string;
  const dead = deadPid();
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-appended-')); file = path.join(dir, 'history.jsonl'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const start = (id: string, t: number): string => rawLine('start', makeRun(id, { startedAt: new Date(t).toISOString() }), { pid: dead, at: new Date(t).toISOString() });
  const end = (id: string, t: number): string => rawLine('end', { ...makeRun(id, { startedAt: new Date(t).toISOString() }), state: 'green', endedAt: new Date(t + 1000).toISOString(), stages: [stage('Build', 'passed')] }, { pid: dead });
  const runLines = (id: string, t: number): string => start(id, t) + end(id, t);
  const T = Date.parse('2026-11-01T00:00:00Z');

  /** A history of `count` runs (≈ 700 bytes each, so past the fingerprint's 4 KiB) and its fingerprint. */
  async function kept(count = 20): Promise<HistoryFingerprint> {
    let lines = '';
    for (let i = 0; i < count; i++) { lines += runLines(`old-${i}`, T + i * 60_000); }
    fs.writeFileSync(file, lines);
    const f = await historyFingerprint(file);
    assert.ok(f && f.size > 4096);
    return f;
  }

  it('whole new runs: newest first, and the fingerprint of the bytes read', async () => {
    const before = await kept();
    fs.appendFileSync(file, runLines('new-1', T + DAY) + rawLine('stage', { ...makeRun('new-2'), state: 'running' }, { pid: dead }).replace('"run":', '"proc":{"stage":"Build","pgid":1},"run":').replace('"stage"', '"start"') + end('new-2', T + DAY + 1) + '{"v":1,"kind":"future-kind","run":{"id":"x","state":"y"}}\n\n');
    const read = await readAppendedRuns(file, before);
    assert.ok(read);
    assert.deepStrictEqual(read.runs.map((r) => [r.id, r.state]), [['new-2', 'green'], ['new-1', 'green']]);
    assert.deepStrictEqual(read.history, await historyFingerprint(file));
  });

  it('a small file: the fingerprint holds all of it, and the new one too', async () => {
    fs.writeFileSync(file, runLines('a', T));
    const before = await historyFingerprint(file);
    fs.appendFileSync(file, runLines('b', T + 1));
    const read = await readAppendedRuns(file, before!);
    assert.deepStrictEqual(read?.runs.map((r) => r.id), ['b']);
    assert.deepStrictEqual(read?.history, await historyFingerprint(file));
  });

  const refusals: [string, (before: HistoryFingerprint) => HistoryFingerprint | void][] = [
    ['nothing appended', () => undefined],
    ['another file (inode) with the same bytes and more', () => { const copy = `${file}.copy`; fs.writeFileSync(copy, fs.readFileSync(file, 'utf8') + runLines('new', T + DAY)); fs.renameSync(copy, file); }],
    ['a byte changed among the last 4 KiB before the old end', (before) => {
      const bytes = fs.readFileSync(file);
      bytes[before.size - 30] = bytes[before.size - 30] === 0x41 ? 0x42 : 0x41;
      fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from(runLines('new', T + DAY))]));
    }],
    ['the old end was mid-line', (before) => { fs.appendFileSync(file, runLines('new', T + DAY)); const f = { ...before, size: before.size - 1, tail: fs.readFileSync(file).subarray(before.size - 1 - 4096, before.size - 1) }; return f; }],
    ['a fingerprint whose last bytes are not all of its last 4 KiB', (before) => { fs.appendFileSync(file, runLines('new', T + DAY)); return { ...before, tail: before.tail.subarray(1) }; }],
    ['a torn last line', () => fs.appendFileSync(file, runLines('new', T + DAY) + '{"v":1,"kind":"start"')],
    ['a line that is not JSON', () => fs.appendFileSync(file, 'nope\n' + runLines('new', T + DAY))],
    ['a line with a problem (no run id)', () => fs.appendFileSync(file, '{"v":1,"kind":"start","run":{"state":"running"}}\n')],
    ['an end line for an older run', () => fs.appendFileSync(file, end('old-3', T))],
    ['a stage line for an older run', () => fs.appendFileSync(file, rawLine('stage', { ...makeRun('old-3'), state: 'running' }, { pid: dead }))],
    ['a run started twice', () => fs.appendFileSync(file, start('new', T + DAY) + runLines('new', T + DAY))],
    ['a run with no end line (running, or its writer died)', () => fs.appendFileSync(file, runLines('new', T + DAY) + start('open', T + DAY + 1))],
    ['the file shorter', () => fs.truncateSync(file, 100)],
  ];
  for (const [what, change] of refusals) {
    it(`undefined: ${what}`, async () => {
      const before = await kept();
      const given = change(before) ?? before;
      assert.strictEqual(await readAppendedRuns(file, given), undefined);
    });
  }

  /** What `body` reads of the history through fileIo, in bytes. */
  async function bytesReadBy(body: () => Promise<unknown>): Promise<number> {
    const open = fileIo.open;
    let read = 0;
    fileIo.open = async (p: string, flags: string | number): Promise<OpenFile> => {
      const handle = await open(p, flags);
      const inner = handle.read.bind(handle);
      handle.read = async (...args: Parameters<OpenFile['read']>) => { const r = await inner(...args); read += r.bytesRead; return r; };
      return handle;
    };
    try { await body(); } finally { fileIo.open = open; }
    return read;
  }

  it('review5: more runs than maxRuns are undefined without reading all of them (a gauge kept long ago)', async () => {
    const before = await kept();
    let lines = '';
    for (let i = 0; i < 4000; i++) { lines += runLines(`new-${i}`, T + DAY + i); }
    fs.appendFileSync(file, lines);
    const added = fs.statSync(file).size - before.size;
    assert.ok(added > 2 * 1024 * 1024, `${added} bytes appended`);
    let answer: unknown = 'not called';
    const read = await bytesReadBy(async () => { answer = await readAppendedRuns(file, before, 10); });
    assert.strictEqual(answer, undefined);
    assert.ok(read < added / 2, `read ${read} of ${added} bytes`);
    const all = await readAppendedRuns(file, before, 4000);
    assert.strictEqual(all?.runs.length, 4000, 'as many as maxRuns are read');
    assert.strictEqual(all?.history.size, fs.statSync(file).size);
    assert.ok(all && Buffer.from(all.history.tail).equals(fs.readFileSync(file).subarray(-4096)), 'the tail of the new bytes');
  });
});

const DAY = 24 * 3_600_000;
