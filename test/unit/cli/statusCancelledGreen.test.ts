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

  describe('--json: `verdict` is what the text and the status bar say; `state` stays the last run\'s own (review18 LOW 5)', () => {
    async function json(repo: string): Promise<{ state: string; verdict: string; gear: { why: string } }> {
      const res = await runMain(['status', '--json'], { cwd: repo });
      assert.equal(res.code, 0, res.stderr);
      return JSON.parse(res.stdout) as { state: string; verdict: string; gear: { why: string } };
    }

    it('green then cancelled: verdict green, state cancelled; the same from kept figures, which hold only the newest run', async () => {
      const repo = repoWith([green, cancelled]);
      const first = await json(repo);
      assert.deepEqual([first.state, first.verdict], ['cancelled', 'green']);
      await json(repo); // the second call on these bytes keeps the figures (cli/gaugeAnswer.ts)
      const kept = path.join(repo, '.git', 'gearshift', 'gauge-answer.json');
      const figures = JSON.parse(fs.readFileSync(kept, 'utf8')) as { gauge: { gear: { why: string } } };
      figures.gauge.gear.why = 'MARK: from the kept figures';
      fs.writeFileSync(kept, JSON.stringify(figures));
      const third = await json(repo);
      assert.equal(third.gear.why, 'MARK: from the kept figures', 'answered from the kept figures');
      assert.deepEqual([third.state, third.verdict], ['cancelled', 'green']);
    });

    it('red then cancelled: verdict red; only a cancelled run: cancelled; no runs: unknown', async () => {
      const red = makeRun('red-run', { sha: 'dddd4444', state: 'red', endedAt: '2024-05-01T10:01:00.000Z', stages: [stage('Build', 'failed'), stage('Test', 'skipped')] });
      assert.deepEqual(Object.values(await json(repoWith([red, cancelled]))).slice(0, 2), ['cancelled', 'red']);
      assert.deepEqual(Object.values(await json(repoWith([cancelled]))).slice(0, 2), ['cancelled', 'cancelled']);
      assert.deepEqual(Object.values(await json(repoWith([]))).slice(0, 2), ['unknown', 'unknown']);
    });
  });
});
