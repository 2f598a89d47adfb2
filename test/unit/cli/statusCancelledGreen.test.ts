import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * A cancelled or interrupted run gives no verdict: the pipeline keeps the state it had. A red
 * period already outlives one; a green pipeline stays green too (the editor's status bar says
 * the same, through core/redgreen's pipelineStatus), and the run is named on a line of its own.
 */
describe('status: a cancelled run after a green one leaves the pipeline green', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function repoWith(runs: ReturnType<typeof makeRun>[]): string {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Test', run: 'true' }]));
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const pid = deadPid();
    fs.writeFileSync(file, runs.flatMap((r) => [rawLine('start', { ...r, state: 'running' }, { pid }), rawLine('end', r, { pid })]).join(''));
    return repo;
  }
  const green = makeRun('green-run', { sha: 'aaaa1111', state: 'green', endedAt: '2024-05-01T10:01:00.000Z', stages: [stage('Build', 'passed'), stage('Test', 'passed')] });
  const cancelled = makeRun('cancelled-run', {
    sha: 'bbbb2222', state: 'cancelled', startedAt: '2024-05-01T10:05:00.000Z', endedAt: '2024-05-01T10:05:30.000Z',
    stages: [stage('Build', 'cancelled'), stage('Test', 'skipped')],
  });

  it('green, with the cancelled run on a line of its own', async () => {
    const res = await runMain(['status'], { cwd: repoWith([green, cancelled]) });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^green {2}aaaa1111/);
    assert.match(res.stdout, /\n {2}last run {2}cancelled {2}bbbb2222/);
  });

  it('an interrupted run before it still shows, though green came earlier (review18 LOW 4)', async () => {
    const interrupted = makeRun('interrupted-run', {
      sha: 'cccc3333', state: 'interrupted', startedAt: '2024-05-01T10:03:00.000Z', endedAt: '2024-05-01T10:03:30.000Z',
      stages: [stage('Build', 'cancelled'), stage('Test', 'skipped')],
    });
    const res = await runMain(['status'], { cwd: repoWith([green, interrupted, cancelled]) });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^interrupted {2}cccc3333/);
  });

  it('nothing green before it: cancelled, as before', async () => {
    const res = await runMain(['status'], { cwd: repoWith([cancelled]) });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^cancelled {2}bbbb2222/);
  });
});
