import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * firsthour34 F5 and F10: `gearshift status` after a real run and real commits says when HEAD has
 * not run, and when an invalid .gearshift.yml stops every run, as the status item does.
 */
describe('status: HEAD not run, and an invalid pipeline file', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function commitFile(repo: string, name: string, text: string, message: string): string {
    fs.writeFileSync(path.join(repo, name), text);
    git(repo, 'add', name);
    git(repo, 'commit', '-q', '-m', message);
    return git(repo, 'rev-parse', 'HEAD').trim();
  }

  async function greenRepo(): Promise<{ repo: string; ran: string }> {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'true' }]));
    const ran = await runMain(['run'], { cwd: repo });
    assert.equal(ran.code, 0, ran.stderr);
    return { repo, ran: git(repo, 'rev-parse', 'HEAD').trim() };
  }

  type Json = { verdict: string; pipelineFile: { valid: boolean; problems: number }; headNotRun: { sha: string; lastRunSha: string; lastRunState: string } | null };
  async function json(repo: string): Promise<Json> {
    const res = await runMain(['status', '--json'], { cwd: repo });
    assert.equal(res.code, 0, res.stderr);
    return JSON.parse(res.stdout) as Json;
  }

  it('HEAD is the run\'s commit: nothing said; a commit later: "HEAD … not run yet (last run: green on …)", text and --json', async () => {
    const { repo, ran } = await greenRepo();
    const before = await runMain(['status'], { cwd: repo });
    assert.doesNotMatch(before.stdout, /not run/);
    assert.deepEqual((await json(repo)).headNotRun, null);
    const head = commitFile(repo, 'sum.js', 'a * b', 'faster sum');
    const res = await runMain(['status'], { cwd: repo });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^green {2}/);
    assert.ok(res.stdout.includes(`\nHEAD ${head.slice(0, 8)} not run yet (last run: green on ${ran.slice(0, 8)})\n`), res.stdout);
    const j = await json(repo);
    assert.equal(j.verdict, 'green');
    assert.deepEqual(j.headNotRun, { sha: head, lastRunSha: ran, lastRunState: 'green' });
    assert.deepEqual(j.pipelineFile, { valid: true, problems: 0 });
    commitFile(repo, 'b.js', 'b', 'second');
    assert.match((await runMain(['status'], { cwd: repo })).stdout, /\nHEAD [0-9a-f]{8} \(2 commits after the last run\) not run yet/);
  });

  it('an invalid .gearshift.yml committed: said with its problems and that HEAD was not run; exit 0; --json pipelineFile', async () => {
    const { repo } = await greenRepo();
    const text = fs.readFileSync(path.join(repo, '.gearshift.yml'), 'utf8').replace('run:', 'command:');
    const head = commitFile(repo, '.gearshift.yml', text, 'typo');
    const res = await runMain(['status'], { cwd: repo });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^green {2}/);
    assert.match(res.stdout, new RegExp(`\\n\\.gearshift\\.yml is invalid \\(\\d+ problems?\\): nothing runs until it is fixed; HEAD ${head.slice(0, 8)} was not run\\.\\n`));
    assert.doesNotMatch(res.stdout, /not run yet/, 'one line: the invalid file is why');
    const j = await json(repo);
    assert.equal(j.pipelineFile.valid, false);
    assert.ok(j.pipelineFile.problems >= 1);
    assert.equal(j.headNotRun?.sha, head);
  });
});
