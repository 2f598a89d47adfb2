import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

/** Keep clears the pause only once its history record is written: a record that cannot be written leaves the release paused (in-process CLI). */
describe('keep: a decision whose record cannot be written is not taken', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('refuses (exit 2) naming why, and the release still waits for a decision', async () => {
    const repo = ws.repo(pipeline([{ name: 'Deploy', run: 'true', extra: ['environment: production'] }]));
    const dir = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(path.join(dir, 'history.jsonl'), { recursive: true }); // a folder where history belongs: every append fails
    const decision = { runId: 'paused-run', recordId: 'deploy-record', sha: git(repo, 'rev-parse', 'HEAD'), at: new Date().toISOString(), message: 'inconclusive' };
    fs.writeFileSync(path.join(dir, 'deploy.json'), JSON.stringify({ version: 1, live: 'blue', slots: {}, records: [], decision }));
    const r = await runMain(['keep'], { cwd: repo });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /gearshift keep: not kept: could not write history: .*; the release still waits for a decision/);
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'deploy.json'), 'utf8')) as { decision?: { runId: string } };
    assert.equal(state.decision?.runId, 'paused-run');
  });
});
