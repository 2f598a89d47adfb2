import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * docs/cli.md: `gearshift status` says `running` "with its stage". The run is always another
 * process's (a `gearshift run`, a hook, the editor): its start line lists every stage pending,
 * and a `stage` line is appended as each stage starts. Those lines name the current stage.
 */
describe('status: a run in progress in another process names its current stage', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** A live writer (this process) whose run has started `started`, in that order. */
  function repoRunning(started: string[]): string {
    const names = ['Build', 'Test', 'Deploy'];
    const repo = ws.repo(pipeline(names.map((name) => ({ name, run: 'true' }))));
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = makeRun('live-run', { startedAt: new Date().toISOString(), state: 'running', stages: names.map((n) => stage(n, 'pending')) });
    const lines = [rawLine('start', run)];
    started.forEach((name, i) => {
      lines.push(`${JSON.stringify({ v: 1, kind: 'stage', at: new Date().toISOString(), pid: process.pid, host: os.hostname(), run: { id: 'live-run', state: 'running' }, proc: { stage: name, pgid: 900_000 + i, start: '1' } })}\n`);
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join(''));
    return repo;
  }

  it('the stage that started last, counted among the stages begun', async () => {
    const res = await runMain(['status'], { cwd: repoRunning(['Build', 'Test']) });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^running {2}/);
    assert.match(res.stdout, /\n {2}stage {5}Test \(2\/3\)\n/);
  });

  it('before its first stage starts, no stage is named', async () => {
    const res = await runMain(['status'], { cwd: repoRunning([]) });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^running {2}/);
    assert.doesNotMatch(res.stdout, /\n {2}stage /);
  });
});
