import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

describe('gearshift run: manual gates (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const GATED = pipeline([
    { name: 'Build', run: 'echo built' },
    { name: 'Deploy Prod', run: 'touch deployed', extra: ['approval: manual'] },
    { name: 'Smoke', run: 'touch smoked' },
  ]);

  it('under CI=true without --yes, ends the run cancelled (130) and says how to approve', async () => {
    const repo = ws.repo(GATED);
    const r = await runMain(['run'], { cwd: repo, env: { CI: 'true' } });
    assert.strictEqual(r.code, 130, r.stderr);
    assert.match(r.stderr, /stage "Deploy Prod" needs approval: rerun with --yes/);
    // Nobody declined it: history and the line say nobody could be asked.
    assert.match(r.stdout, /■ Deploy Prod cancelled: not approved: nobody could be asked \(CI is set\)/);
    assert.match(r.stdout, /Pipeline CANCELLED/);
    assert.ok(!fs.existsSync(path.join(repo, 'deployed')));
    assert.ok(!fs.existsSync(path.join(repo, 'smoked')));
  });

  it('with no terminal on stdin (and no CI) declines the same way instead of waiting', async () => {
    const repo = ws.repo(GATED);
    const r = await runMain(['run', '--json'], { cwd: repo, answers: ['y'] }); // a "y" piped in is not read
    assert.strictEqual(r.code, 130);
    assert.deepStrictEqual(r.io.questions, [], 'nobody is asked');
    assert.match(r.stderr, /needs approval: rerun with --yes .*stdin is not a terminal/);
    const run = JSON.parse(r.stdout) as { state: string; stages: Array<{ name: string; reason?: string }> };
    assert.strictEqual(run.state, 'cancelled');
    assert.strictEqual(run.stages.find((s) => s.name === 'Deploy Prod')?.reason, 'not approved: nobody could be asked (stdin is not a terminal)');
  });

  it('--yes approves the gate, also under CI', async () => {
    const repo = ws.repo(GATED);
    const r = await runMain(['run', '--yes'], { cwd: repo, env: { CI: 'true' } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /stage "Deploy Prod" approved by --yes/);
    assert.ok(fs.existsSync(path.join(repo, 'deployed')));
    assert.ok(fs.existsSync(path.join(repo, 'smoked')));
  });
});
