/**
 * Defect 6: long history lines were torn or lost. Real writer processes append at once; every
 * record must be one bounded write, and whatever is in the file must be read back.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HistoryStore } from '../../../src/core/history';
import { MAX_RECORD_BYTES, TRUNCATED_MARK } from '../../../src/core/history/bound';
import { encodeEntry } from '../../../src/core/history/entry';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { makeRun, rawLine, stage } from '../../unit/history/historyFixture';

const STORE_MODULE = path.resolve(__dirname, '../../../src/core/history/historyStore.js');

/** Child: one run, start then end, with a commit subject of `subjectBytes`. */
const WRITER = `
const { HistoryStore } = require(process.argv[1]);
const store = new HistoryStore(process.argv[2]);
const id = process.argv[3];
const run = { id, sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt: new Date().toISOString(),
  state: 'running', subject: id + ':' + 'x'.repeat(Number(process.argv[4])), stages: [{ name: 'Build', state: 'pending', exitCode: null, durationMs: 0 }] };
store.recordStart(run)
  .then(() => store.recordEnd({ ...run, state: 'green', endedAt: new Date().toISOString(), stages: [{ name: 'Build', state: 'passed', exitCode: 0, durationMs: 5 }] }))
  .catch((e) => { console.error(e); process.exit(1); });
`;

function writer(file: string, id: string, subjectBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', WRITER, STORE_MODULE, file, id, String(subjectBytes)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${id} exited ${code}: ${err}`))));
  });
}

describe('history records are bounded, written whole and read back (real processes)', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it('12 concurrent writers with 3 MB commit subjects: every run read back exactly once, 0 torn lines', async () => {
    const file = path.join(tempDir(), 'gearshift', 'history.jsonl');
    const ids = Array.from({ length: 12 }, (_, i) => `writer-${i}`);
    await Promise.all(ids.map((id) => writer(file, id, 3 * 1024 * 1024)));

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, 24, 'a start and an end line per run');
    for (const line of lines) {
      assert.ok(Buffer.byteLength(line) + 1 <= MAX_RECORD_BYTES, `a line of ${Buffer.byteLength(line)} bytes`);
      JSON.parse(line); // a torn line throws here
    }
    const { runs, problems } = await new HistoryStore(file).read();
    assert.deepEqual(problems, []);
    assert.deepEqual(runs.map((r) => r.id).sort(), [...ids].sort());
    for (const run of runs) {
      assert.equal(run.state, 'green');
      const subject = run.subject as string;
      assert.ok(subject.startsWith(`${run.id}:xxx`) && subject.endsWith(TRUNCATED_MARK), 'the subject is kept, cut with a marker');
    }
  });

  it('a 10,000-stage run: its end line is under the bound and keeps the failed stage and a count of the rest', () => {
    const stages = Array.from({ length: 10_000 }, (_, i) => stage(`Stage number ${i} with a longish name`, i === 7777 ? 'failed' : 'passed', { reason: i === 7777 ? 'r'.repeat(100_000) : undefined }));
    const line = encodeEntry('end', makeRun('big', { state: 'red', stages }));
    assert.ok(Buffer.byteLength(line) <= MAX_RECORD_BYTES, `end line is ${Buffer.byteLength(line)} bytes`);
    const run = (JSON.parse(line) as { run: { stages: Array<{ name: string; state: string; reason?: string }>; stagesOmitted: { count: number; states: Record<string, number> } } }).run;
    const failed = run.stages.find((s) => s.state === 'failed');
    assert.equal(failed?.name, 'Stage number 7777 with a longish name');
    assert.ok(failed?.reason?.endsWith(TRUNCATED_MARK));
    assert.equal(run.stages.length + run.stagesOmitted.count, 10_000);
    assert.equal(run.stagesOmitted.states.passed, run.stagesOmitted.count);
  });

  it('reads back a 9 MB line an older version wrote (no 8 MiB cliff), its subject cut on reading', async () => {
    const file = path.join(tempDir(), 'history.jsonl');
    const run = makeRun('old-big', { state: 'green', subject: 's'.repeat(9 * 1024 * 1024) });
    fs.writeFileSync(file, rawLine('end', run, { pid: 1, host: 'elsewhere' }) + rawLine('end', makeRun('small', { state: 'red' }), { pid: 1, host: 'elsewhere' }));
    const { runs, problems } = await new HistoryStore(file).read();
    assert.deepEqual(problems, []);
    assert.deepEqual(runs.map((r) => r.id), ['small', 'old-big']);
    assert.ok((runs[1].subject as string).endsWith(TRUNCATED_MARK));
  });
});
