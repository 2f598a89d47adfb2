/**
 * The prune's memo (runlogs/.prune-index.json, pruneIndex.ts) must answer what reading every
 * run.json answers: real folders in a temp data folder, pruned with the memo and, on a twin
 * copy, without it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pruneRunLogs } from '../../../src/core/runlog';

const INDEX = '.prune-index.json';

describe('runlog: the prune index answers what the run.json files answer', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-pruneidx-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const rootOf = (dataDir: string): string => path.join(dataDir, 'runlogs');
  const folders = (dataDir: string): string[] => fs.readdirSync(rootOf(dataDir)).filter((f) => f !== INDEX).sort();
  const indexed = (dataDir: string): string[] => (JSON.parse(fs.readFileSync(path.join(rootOf(dataDir), INDEX), 'utf8')) as { runs: [string][] }).runs.map((r) => r[0]).sort();

  /** A saved run as the recorder leaves it: ended (run.json with bytes) or not (killed, or still running). */
  function savedRun(dataDir: string, id: string, second: number, bytes: number, ended = true): void {
    const dir = path.join(rootOf(dataDir), id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'stage-0.log'), 'x'.repeat(bytes));
    const meta = { v: 1, id, sha: 'a', startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(), state: ended ? 'green' : 'running', trigger: 'cli', ...(ended ? { bytes } : {}) };
    fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(meta));
  }

  function twinWithoutIndex(dataDir: string): string {
    const twin = `${dataDir}-twin`;
    fs.cpSync(dataDir, twin, { recursive: true });
    fs.rmSync(path.join(rootOf(twin), INDEX), { force: true });
    return twin;
  }

  it('random saved runs and limits: the same folders removed with the memo as without it', async () => {
    let seed = 7;
    const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let round = 0; round < 6; round += 1) {
      const dataDir = path.join(tmp, `d${round}`);
      const count = 5 + rand(40);
      for (let i = 0; i < count; i += 1) { savedRun(dataDir, `run-${round}-${i}`, rand(100_000), rand(5000), rand(6) > 0); }
      assert.equal(await pruneRunLogs(dataDir, { keepRuns: 1000, maxTotalBytes: 1e12 }), 0); // writes the memo, removes nothing
      for (let step = 0; step < 4; step += 1) {
        // runs added since the memo was written: one ended, one still running
        savedRun(dataDir, `run-${round}-late-${step}`, rand(100_000), rand(5000));
        savedRun(dataDir, `run-${round}-open-${step}`, rand(100_000), rand(5000), false);
        const twin = twinWithoutIndex(dataDir);
        const limits = { keepRuns: 1 + rand(count), maxTotalBytes: 1000 + rand(count * 5000) };
        const removed = await pruneRunLogs(dataDir, limits);
        assert.equal(removed, await pruneRunLogs(twin, limits), `round ${round} step ${step}`);
        assert.deepEqual(folders(dataDir), folders(twin), `round ${round} step ${step}`);
        fs.rmSync(twin, { recursive: true, force: true });
      }
    }
  });

  it('only ended runs are kept in it: a run still running is read again, its final size counts once it ends', async () => {
    const dataDir = path.join(tmp, 'd');
    savedRun(dataDir, 'run-old', 1, 100);
    savedRun(dataDir, 'run-open', 2, 100, false);
    savedRun(dataDir, 'run-new', 3, 100);
    assert.equal(await pruneRunLogs(dataDir, { maxTotalBytes: 10_000 }), 0);
    assert.deepEqual(indexed(dataDir), ['run-new', 'run-old']);
    savedRun(dataDir, 'run-open', 2, 20_000); // it ended, with far more output
    assert.equal(await pruneRunLogs(dataDir, { maxTotalBytes: 10_000 }), 2, 'run-open and everything older go');
    assert.deepEqual(folders(dataDir), ['run-new']);
    assert.deepEqual(indexed(dataDir), ['run-new']);
  });

  it('a memo that is damaged, of another version, or names what is not a run folder is ignored; a folder gone is dropped from it', async () => {
    const dataDir = path.join(tmp, 'd');
    const outside = path.join(tmp, 'outside');
    fs.mkdirSync(outside);
    savedRun(dataDir, 'run-a', 1, 100);
    savedRun(dataDir, 'run-b', 2, 100);
    const root = rootOf(dataDir);
    for (const memo of ['{"v":1,"runs":[["run-a",', JSON.stringify({ v: 2, runs: [['run-a', 9e15, 0]] }), JSON.stringify({ v: 1, runs: [['../outside', 9e15, 0], ['run-a', -1, 5], ['run-b', 'x', 5], 'run-a'] })]) {
      fs.writeFileSync(path.join(root, INDEX), memo);
      assert.equal(await pruneRunLogs(dataDir, { keepRuns: 1 }), 1, memo);
      assert.deepEqual(folders(dataDir), ['run-b'], memo);
      assert.ok(fs.existsSync(outside));
      savedRun(dataDir, 'run-a', 1, 100);
    }
    await pruneRunLogs(dataDir, { keepRuns: 10 });
    assert.deepEqual(indexed(dataDir), ['run-a', 'run-b']);
    fs.rmSync(path.join(root, 'run-a'), { recursive: true });
    await pruneRunLogs(dataDir, { keepRuns: 10 });
    assert.deepEqual(indexed(dataDir), ['run-b']);
  });
});
