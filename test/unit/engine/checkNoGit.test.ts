import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine';
import { getRepoInfo } from '../../../src/core/git';
import { gitShim, type GitShim } from '../../support/gitShim';
import { pipeline } from '../../support/workspaces';
import { Repos } from './engineFixture';

/**
 * `engine.check()` (the editor's Run Stage picker, `gearshift run` before it starts) asks git
 * only when the answer decides which file runs: under `checkout: clean`. Counted with a real git
 * behind a PATH shim. check() never awaits a question it does not need, so a stray one is found
 * by a sentinel: one question of our own, asked and answered after check() resolved; a git
 * process check() had started was spawned before it.
 */
describe('engine.check(): no git process unless the answer is used', function () {
  this.timeout(30_000);
  const repos = new Repos();
  let shim: GitShim | undefined;
  let engine: PipelineEngine | undefined;
  afterEach(async () => { shim?.restore(); shim = undefined; await engine?.dispose(); engine = undefined; repos.cleanup(); });

  async function gitCallsOfCheck(text: string): Promise<{ kind: string; calls: string[] }> {
    const repo = repos.make(text);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), text); // committed and in the working copy alike
    engine = new PipelineEngine({ folder: repo, color: false });
    shim = gitShim();
    const checked = await engine.check({ trigger: 'manual' });
    await getRepoInfo(repo); // the sentinel: exactly one `git status` of ours
    const calls = shim.calls();
    const sentinel = calls.map((c) => c.includes(' status ')).lastIndexOf(true);
    assert.ok(sentinel >= 0, `the sentinel's git status was seen: ${JSON.stringify(calls)}`);
    return { kind: checked.kind, calls: calls.filter((_, i) => i !== sentinel) };
  }

  it('checkout: workspace (the default): the working copy\'s file, and git is not asked', async () => {
    const { kind, calls } = await gitCallsOfCheck(pipeline([{ name: 'A', run: 'true' }]));
    assert.strictEqual(kind, 'source');
    assert.deepStrictEqual(calls, []);
  });

  it('checkout: clean: git is asked (the commit\'s file decides), so the shim does see check()\'s processes', async () => {
    const { kind, calls } = await gitCallsOfCheck(pipeline([{ name: 'A', run: 'true' }]).replace('version: 1\n', 'version: 1\ncheckout: clean\n'));
    assert.strictEqual(kind, 'source');
    assert.ok(calls.length > 0, 'check() asked git');
  });
});
