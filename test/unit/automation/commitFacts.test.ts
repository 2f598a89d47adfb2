import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RunLock } from '../../../src/core/lock';
import { commit, commitFile, git } from '../../support/git';
import { gitShim } from '../../support/gitShim';
import { Harnesses, pipelineYaml } from './triggerFixture';

describe('CommitTrigger: a commit\'s facts come from the tracker, the tree\'s state from one git status', function () {
  this.timeout(30_000);
  const harnesses = new Harnesses();
  let shim: ReturnType<typeof gitShim> | undefined;
  afterEach(async () => { shim?.restore(); shim = undefined; await harnesses.cleanup(); });

  it('records sha, branch, subject and dirty as git says, without asking git for the commit again', async () => {
    shim = gitShim();
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'true' }]));
    const atStart = shim.calls().length; // the tracker's own look at the repository as it starts
    const runOf = async (sha: string): Promise<Record<string, unknown>> => {
      await h.log.ended(sha);
      await h.engine.settle();
      const run = (await (await h.engine.history()).read()).runs.find((r) => r.sha === sha);
      assert.ok(run, `a history record for ${sha}`);
      return { sha: run.sha, branch: run.branch, subject: run.subject, dirty: run.dirty === true };
    };
    const asGit = (sha: string, dirty: boolean): Record<string, unknown> => ({
      sha: git(h.repo, 'rev-parse', 'HEAD'), branch: git(h.repo, 'branch', '--show-current'),
      subject: git(h.repo, 'log', '-1', '--format=%s', sha), dirty,
    });

    const added = commitFile(h.repo, 'a.txt', 'one\n', 'Add a: <b>"quoted"</b> $(subject)');
    assert.deepStrictEqual(await runOf(added), asGit(added, false));

    // `commit -a`: git renames index.lock over the index after the reflog line the tracker wakes on.
    fs.writeFileSync(path.join(h.repo, 'a.txt'), 'two\n');
    git(h.repo, 'commit', '-q', '-a', '-m', 'Change a');
    const changed = git(h.repo, 'rev-parse', 'HEAD');
    assert.deepStrictEqual(await runOf(changed), asGit(changed, false));

    fs.writeFileSync(path.join(h.repo, 'untracked.txt'), 'not committed');
    git(h.repo, 'checkout', '-q', '-b', 'feature/x');
    const onBranch = commit(h.repo, 'On a branch, tree dirty');
    assert.notStrictEqual(git(h.repo, 'status', '--porcelain'), '');
    assert.deepStrictEqual(await runOf(onBranch), asGit(onBranch, true));

    const calls = shim.calls().slice(atStart);
    assert.deepStrictEqual(calls.filter((c) => c.includes('%H%x00%s')), [], 'HEAD\'s commit was not asked for again');
    assert.strictEqual(calls.filter((c) => / status --porcelain /.test(c)).length, 3, 'one status per run');
  });

  it('a run that waited for another process\'s run records the tree as it is when it starts', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'true' }]));
    const held = await new RunLock(await h.engine.dataDir()).acquire('a run of another process', 'other-run');
    assert.ok(held.ok);
    const waiting = new Promise<void>((resolve) => { const off = h.engine.onEvent((e) => { if (e.type === 'waitingForRun') { off(); resolve(); } }); });
    const sha = commit(h.repo, 'committed on a clean tree');
    await waiting;
    // While it waits, the other run leaves a file behind: the stages will run on that tree.
    fs.writeFileSync(path.join(h.repo, 'left-by-the-other-run.txt'), 'x');
    await held.release();
    const ended = await h.log.ended(sha);
    assert.strictEqual(ended.run.dirty, true);
  });
});
