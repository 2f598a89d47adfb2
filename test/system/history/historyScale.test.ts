/** Real processes and big files: concurrent writers, and reading with bounded memory. */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore } from '../../../src/core/history';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { makeRun, rawLine, stage } from '../../unit/history/historyFixture';

/** The compiled store, for child processes (tests run from out/test/system/history). */
const STORE_MODULE = path.resolve(__dirname, '../../../src/core/history/historyStore.js');

/** Runs `node -e script ...args`; resolves with stdout, rejects on a non-zero exit. */
function node(script: string, args: string[], nodeFlags: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '-e', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`node exited ${code}: ${err}`))));
  });
}

/** Child: append `count` start records at once (all in flight together, to maximise contention). */
const WRITER = `
const { HistoryStore } = require(process.argv[1]);
const store = new HistoryStore(process.argv[2]);
const tag = process.argv[3], count = Number(process.argv[4]);
const pad = tag.repeat(6000); // lines of ~6 kB: well over PIPE_BUF, so atomicity is not by luck
Promise.all(Array.from({ length: count }, (_, i) => store.recordStart({
  id: tag + '-' + i, sha: 'none', branch: '', trigger: 'cli', startedAt: new Date().toISOString(),
  state: 'running', stages: [], pad,
}))).catch((e) => { console.error(e); process.exit(1); });
`;

describe('history at scale', () => {
  after(cleanupTempDirs);

  it('two processes appending 500 lines each at once never interleave within a line', async () => {
    const file = path.join(tempDir(), 'gearshift', 'history.jsonl');
    await Promise.all([node(WRITER, [STORE_MODULE, file, 'a', '500']), node(WRITER, [STORE_MODULE, file, 'b', '500'])]);

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.strictEqual(lines.pop(), '', 'ends with a newline');
    assert.strictEqual(lines.length, 1000);
    for (const [i, line] of lines.entries()) {
      const entry = JSON.parse(line) as { run: { id: string; pad: string } };
      const tag = entry.run.id.split('-')[0];
      assert.strictEqual(entry.run.pad, tag.repeat(6000), `line ${i + 1} is intact`);
    }
    const { runs, problems } = await new HistoryStore(file).read();
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(new Set(runs.map((r) => r.id)).size, 1000);
  });

  describe('a 200k-line file', function () {
    this.timeout(120_000);
    let file: string;
    const RUNS = 100_000; // a start and an end line each

    before(() => {
      file = path.join(tempDir(), 'history.jsonl');
      const fd = fs.openSync(file, 'w');
      const stages = [stage('Build', 'passed'), stage('Unit Tests', 'passed'), stage('Deploy', 'passed')];
      let batch = '';
      for (let i = 0; i < RUNS; i++) {
        const run = makeRun(`run-${i}`, { stages, note: 'n'.repeat(200) });
        batch += rawLine('start', run, { pid: 1, host: 'elsewhere' });
        batch += rawLine('end', { ...run, state: i % 7 ? 'green' : 'red', endedAt: '2024-05-01T10:01:00.000Z' }, { pid: 1, host: 'elsewhere' });
        if (i % 1000 === 999) {
          fs.writeSync(fd, batch);
          batch = '';
        }
      }
      fs.closeSync(fd);
    });

    it('reads the newest runs and retains nothing of the file in this process', async () => {
      // The peak bound is proven by the next test (a child with a 48 MiB heap); in this shared
      // process, uncollected garbage from other suites makes a peak figure meaningless, so this
      // checks what stays reachable after the read, with a forced GC (mocha runs with --expose-gc).
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const base = process.memoryUsage().heapUsed;
      const result = await new HistoryStore(file).read({ limit: 10 });
      gc?.();
      assert.deepStrictEqual(result.problems, []);
      assert.deepStrictEqual(result.runs.map((r) => r.id), Array.from({ length: 10 }, (_, i) => `run-${RUNS - 1 - i}`));
      assert.strictEqual(result.runs[0].state, 'green');
      if (gc) {
        const retained = process.memoryUsage().heapUsed - base;
        assert.ok(retained < 16 * 2 ** 20, `heap retained ${(retained / 2 ** 20).toFixed(1)} MiB after reading the file`);
      }
    });

    it('reads it in a process whose heap is far smaller than the file', async () => {
      const size = fs.statSync(file).size;
      assert.ok(size > 100 * 2 ** 20, `file is ${size} bytes`);
      const script = `
        const { HistoryStore } = require(process.argv[1]);
        new HistoryStore(process.argv[2]).last().then((r) => console.log(r.id + ' ' + r.state),
          (e) => { console.error(e); process.exit(1); });`;
      const out = await node(script, [STORE_MODULE, file], ['--max-old-space-size=48']);
      assert.strictEqual(out.trim(), `run-${RUNS - 1} green`);
    });
  });
});
