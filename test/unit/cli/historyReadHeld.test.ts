/**
 * The window cache answers a reader from the end (cli/historyRead.ts) for every limit up to what
 * it holds. One run appended moves the next limit's estimate, and a limit past what it holds used
 * to send the call to a read of the file from its end (on 200,000 lived-in runs, ≈ 3× a warm
 * call). What it holds answers when that is already enough; when it is not, the file is read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readRecentHistory } from '../../../src/cli/historyRead';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { cleanEnv } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { FakeIo } from './fakeIo';
import { historyOf, stateDir } from './keptGauge';

describe('status --json\'s window cache: a limit past what it holds', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());
  const dead = deadPid();

  function runLines(i: number): string {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const run = makeRun(`run-${String(i).padStart(5, '0')}`, { startedAt: at, stages: [stage('Build', 'pending')] });
    return rawLine('start', run, { at, pid: dead }) + rawLine('end', { ...run, state: 'green', endedAt: at, stages: [stage('Build', 'passed', { durationMs: 5 })] }, { at, pid: dead });
  }

  /** 3,000 runs, the window cache saved by a read that stopped at 1,000, one run appended, and a bad line far back (a read of the file reports it). */
  async function repoWithCache(): Promise<string> {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }]));
    let lines = '';
    for (let i = 0; i < 3000; i++) { lines += runLines(i); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    await readRecentHistory(repo, new FakeIo(repo, cleanEnv(), []), (runs) => runs.length >= 1000, { nextLimit: () => 1000, cached: true });
    fs.appendFileSync(historyOf(repo), runLines(3000));
    const text = fs.readFileSync(historyOf(repo), 'utf8');
    const old = text.indexOf('"id":"run-00100"');
    fs.writeFileSync(historyOf(repo), `${text.slice(0, old)}"id":"run-00100"}}}}${text.slice(old + 20)}`); // same size, same inode
    return repo;
  }

  const read = async (repo: string, needed: number): Promise<{ runs: RunRecord[]; err: string }> => {
    const io = new FakeIo(repo, cleanEnv(), []);
    const { runs } = await readRecentHistory(repo, io, (r) => r.length >= needed, { nextLimit: () => 5000, cached: true });
    return { runs, err: io.err };
  };

  it('answers from what it holds when that is enough: the file is not read', async () => {
    const { runs, err } = await read(await repoWithCache(), 1000);
    assert.equal(err, '', 'nothing from the file\'s older part');
    assert.ok(runs.length >= 1000 && runs.length < 3001, `${runs.length} runs`);
    assert.equal(runs[0].id, 'run-03000', 'the appended run folded in');
  });

  it('reads the file when what it holds is not enough', async () => {
    const { runs, err } = await read(await repoWithCache(), 2000);
    assert.match(err, /skipped/, 'the bad line far back, from a read of the file');
    assert.ok(runs.length >= 2000);
  });
});
