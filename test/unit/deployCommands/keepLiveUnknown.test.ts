import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

/** Keep used to ignore a switch intent left by a killed switch: it kept a release while which slot serves it was unknown (in-process CLI). */
describe('keep: refused while an interrupted switch leaves the live slot unknown', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('refuses (exit 2) with deploy, switch and rollback\'s words and way out, and the release still waits', async () => {
    const repo = ws.repo(`${pipeline([{ name: 'Deploy', run: 'true', extra: ['environment: production'] }])}deploy:\n  slots: [blue, green]\n  switch: "true"\n`);
    const dir = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(dir, { recursive: true });
    const sha = git(repo, 'rev-parse', 'HEAD');
    const decision = { runId: 'paused-run', recordId: 'deploy-record', sha, at: new Date().toISOString(), message: 'inconclusive' };
    const switching = { to: 'blue', from: 'green', sha, runId: 'dead-switch', kind: 'switch', startedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(dir, 'deploy.json'), JSON.stringify({ version: 1, live: 'green', slots: {}, records: [], decision, switching }));
    const r = await runMain(['keep'], { cwd: repo });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^gearshift keep: not keeping: the switch to blue \([0-9a-f]{8}\) was interrupted: which slot is live is unknown; check which slot serves traffic, then `gearshift switch --to blue` or `gearshift switch --to green`/);
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'deploy.json'), 'utf8')) as { decision?: { runId: string } };
    assert.equal(state.decision?.runId, 'paused-run');
  });
});
