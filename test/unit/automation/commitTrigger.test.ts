import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommitTrigger } from '../../../src/core/automation/commitTrigger';
import { commit, git } from '../../support/git';
import { eventText } from '../../../src/cli/watchText';
import { style } from '../../../src/core/render';
import { until } from '../../support/until';
import { OwnResources } from './ownResources';
import { Harnesses, outLines, pipelineYaml, release, WAIT_FOR_RELEASE } from './triggerFixture';

const shaOf = (repo: string): string => git(repo, 'rev-parse', 'HEAD');

describe('CommitTrigger: commits start pipeline runs (real repos, real engine)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('a commit starts a green run for exactly that sha, with no other call', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'echo "$GEARSHIFT_SHA $GEARSHIFT_TRIGGER" > "$OUT"' }]));
    const sha = commit(h.repo, 'feat: <b>html</b> subject');
    const ended = await h.log.ended(sha);
    assert.strictEqual(ended.run.state, 'green');
    assert.strictEqual(ended.run.sha, sha);
    assert.strictEqual(ended.run.trigger, 'commit');
    assert.strictEqual(ended.run.subject, 'feat: <b>html</b> subject');
    assert.deepStrictEqual(ended.run.covers, [sha]);
    assert.ok(ended.byTrigger);
    assert.deepStrictEqual(outLines(h), [`${sha} commit`]);
    const seen = await h.log.seen(sha);
    assert.deepStrictEqual(seen.decision, { triggers: true, message: 'runs next unless a newer commit comes first' });
    assert.strictEqual(h.trigger.tracked().find((t) => t.sha === sha)?.state, 'ran');
    assert.deepStrictEqual(h.trigger.commitRun(sha), { runId: ended.run.id, runSha: sha, state: 'green' });
    assert.strictEqual(h.trigger.mode().state, 'commit');
    // No production stage: no production to wait for; a green run is the end of the line (walkedit33 L9).
    assert.deepStrictEqual(h.trigger.undeployed(), { count: 0, commits: [], finish: 'green run' });
  });

  it('no production stage: a red commit its fix\'s green run covers (the fix descends from it) waits for nothing (review40 L2)', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Unit Tests', run: 'test ! -e broken.txt' }]));
    fs.writeFileSync(path.join(h.repo, 'broken.txt'), 'x\n');
    git(h.repo, 'add', 'broken.txt');
    const red = commit(h.repo, 'red commit');
    assert.strictEqual((await h.log.ended(red)).run.state, 'red');
    assert.deepStrictEqual(h.trigger.undeployed().commits.map((c) => c.sha), [red]);
    git(h.repo, 'rm', '-q', 'broken.txt');
    const fix = commit(h.repo, 'fix');
    assert.strictEqual((await h.log.ended(fix)).run.state, 'green');
    assert.deepStrictEqual(h.trigger.undeployed(), { count: 0, commits: [], finish: 'green run' });
  });

  it('trigger: manual lists the commit and runs nothing', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'true' }], ['trigger: manual']));
    const sha = commit(h.repo, 'chore: listed only');
    const seen = await h.log.seen(sha);
    assert.strictEqual(seen.decision.triggers, false);
    assert.strictEqual(!seen.decision.triggers && seen.decision.because, 'manual');
    assert.match(seen.decision.message, /trigger: manual/);
    assert.deepStrictEqual([h.trigger.active(), h.trigger.queued(), h.engine.current], [undefined, [], undefined]);
    assert.deepStrictEqual(h.trigger.tracked().map((t) => [t.sha, t.state]), [[sha, 'new']]);
    assert.strictEqual(h.log.of('runStarted').length, 0);
  });

  it('branches: a commit on another branch is ignored, one on main runs', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'true' }], ['trigger: commit', 'branches: [main]']));
    git(h.repo, 'checkout', '-q', '-b', 'feature');
    const f = commit(h.repo, 'on feature');
    const seen = await h.log.seen(f);
    assert.strictEqual(!seen.decision.triggers && seen.decision.because, 'branch');
    git(h.repo, 'checkout', '-q', 'main');
    const m = commit(h.repo, 'on main');
    await h.log.ended(m);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [m]);
    assert.strictEqual(h.trigger.tracked().find((t) => t.sha === f)?.state, 'new');
  });

  it('an invalid config is told once and nothing runs', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'true' }]));
    fs.writeFileSync(path.join(h.repo, '.gearshift.yml'), 'version: 1\ntrigger: commit\nstages:\n  - name: Test\n    runn: true\n');
    const a = commit(h.repo, 'a');
    const b = commit(h.repo, 'b');
    for (const sha of [a, b]) {
      const seen = await h.log.seen(sha);
      assert.strictEqual(!seen.decision.triggers && seen.decision.because, 'invalid');
    }
    assert.strictEqual(h.log.of('configInvalid').length, 1);
    assert.strictEqual(h.lines.filter((l) => /invalid/.test(l)).length, 1, h.lines.join('\n'));
    assert.match(h.lines[0], /\.gearshift\.yml:\d+:\d+: /);
    assert.strictEqual(h.log.of('runStarted').length, 0);
  });

  it('a secret that is not set: the commit runs nothing and the refusal names the secret (for the Set Secret… button and watch)', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Deploy', run: 'echo "ran" > "$OUT"', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
    const sha = commit(h.repo, 'needs a token');
    const refused = await h.log.waitFor('runNotStarted', (e) => e.plan.sha === sha);
    assert.deepStrictEqual(refused.missingSecrets, ['DEPLOY_TOKEN']);
    assert.match(eventText(refused, style(false)).text, /DEPLOY_TOKEN; set GEARSHIFT_SECRET_DEPLOY_TOKEN in the environment \(nothing ran\)/);
    assert.strictEqual(h.log.of('runStarted').length, 0);
    assert.deepStrictEqual(outLines(h), []);
  });

  it('amend during a run: the amended-away commit never runs', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const a = commit(h.repo, 'a');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const b = commit(h.repo, 'b');
    assert.strictEqual((await h.log.seen(b)).decision.message, 'queued: runs after the current run unless a newer commit comes first');
    git(h.repo, 'commit', '-q', '--amend', '--allow-empty', '-m', 'b, amended');
    const b2 = shaOf(h.repo);
    await h.log.seen(b2);
    assert.deepStrictEqual(h.trigger.queued(), [{ sha: b2, branch: 'main', covers: [b2] }]);
    release(h);
    await h.log.ended(b2);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [a, b2]);
    assert.strictEqual(h.trigger.tracked().find((t) => t.sha === b)?.state, 'replaced');
    assert.ok(!h.log.of('runEnded').some((e) => (e.run.covers as string[]).includes(b)));
  });

  it('checkout: clean runs the exact sha (not HEAD, not the dirty tree) and leaves no worktree', async () => {
    const stage = `${WAIT_FOR_RELEASE}; git rev-parse HEAD >> "$OUT"; echo "$GEARSHIFT_SHA" >> "$OUT"; test ! -e dirt.txt`;
    const h = await harnesses.make(pipelineYaml([{ name: 'Exact', run: stage }], ['trigger: commit', 'checkout: clean']));
    const a = commit(h.repo, 'a');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const b = commit(h.repo, 'b');
    fs.writeFileSync(path.join(h.repo, 'dirt.txt'), 'uncommitted\n');
    await h.log.seen(b);
    release(h);
    await h.log.ended(b);
    await h.engine.settle();
    assert.deepStrictEqual(outLines(h), [a, a, b, b]);
    assert.deepStrictEqual(h.log.of('runEnded').map((e) => [e.run.state, e.run.checkout]), [['green', 'clean'], ['green', 'clean']]);
    const worktrees = git(h.repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
    assert.deepStrictEqual(worktrees, [`worktree ${h.repo}`]);
  });

  it('a branch name full of shell syntax reaches stages only as GEARSHIFT_BRANCH, never executed', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Echo', run: 'printf "%s" "$GEARSHIFT_BRANCH" > "$OUT"' }]));
    // git forbids spaces in branch names; ${IFS} is how a shell would get one.
    const branch = 'evil/"q\'$(touch${IFS}pwned)`touch${IFS}pwned2`;touch${IFS}pwned3';
    git(h.repo, 'checkout', '-q', '-b', branch);
    const sha = commit(h.repo, '$(touch pwned4) `touch pwned5` "; touch pwned6');
    const ended = await h.log.ended(sha);
    assert.strictEqual(ended.run.state, 'green');
    assert.strictEqual(ended.run.branch, branch);
    assert.strictEqual(fs.readFileSync(path.join(h.scratch, 'out'), 'utf8'), branch);
    for (const dir of [h.repo, h.scratch, process.cwd()]) {
      assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.startsWith('pwned')), [], `something ran in ${dir}`);
    }
  });

  it('a green run through production marks what it deployed; a red one leaves commits waiting', async () => {
    const h = await harnesses.make(pipelineYaml([
      { name: 'Test', run: 'test ! -e "$FAIL"' },
      { name: 'Deploy Prod', run: 'true', extra: ['environment: production'] },
    ]));
    const a = commit(h.repo, 'a');
    await h.log.ended(a);
    assert.deepStrictEqual((await h.log.waitFor('commitsDeployed')).shas, [a]);
    assert.deepStrictEqual(h.trigger.undeployed(), { count: 0, commits: [], finish: 'production' });
    fs.writeFileSync(path.join(h.scratch, 'fail'), '');
    const b = commit(h.repo, 'b');
    assert.strictEqual((await h.log.ended(b)).run.state, 'red');
    const waiting = h.trigger.undeployed();
    assert.deepStrictEqual([waiting.count, waiting.oldest?.sha], [1, b]);
    fs.rmSync(path.join(h.scratch, 'fail'));
    const c = commit(h.repo, 'c');
    await h.log.ended(c);
    await h.log.waitFor('commitsDeployed', (e) => e.shas.includes(c));
    // b was never run green itself, but c (its child) reached production, so b is there too.
    assert.deepStrictEqual(h.log.of('commitsDeployed').map((e) => e.shas), [[a], [b, c]]);
    assert.deepStrictEqual(h.trigger.tracked().map((t) => t.state), ['deployed', 'deployed', 'deployed']);
  });

  it('a run started by hand for a queued sha counts as its run: the trigger does not run it again', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const manual = await h.engine.start({ trigger: 'manual' });
    assert.strictEqual(manual.kind, 'started');
    await h.log.waitFor('runStarted', (e) => !e.byTrigger);
    const a = commit(h.repo, 'a');
    await h.log.waitFor('runQueued', (e) => e.plan.sha === a);
    // Someone asks for a run of that very commit while the first still runs: the engine queues it.
    assert.strictEqual((await h.engine.start({ trigger: 'cli', sha: a }, 'queue')).kind, 'queued');
    release(h);
    const ended = await h.log.ended(a);
    assert.strictEqual(ended.run.trigger, 'cli');
    await h.engine.settle();
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => [e.plan.sha === a, e.byTrigger]), [[false, false], [true, false]]);
    assert.deepStrictEqual([h.trigger.active(), h.trigger.queued()], [undefined, []]);
    assert.strictEqual(h.trigger.commitRun(a)?.runId, ended.run.id);
  });

  it('dispose leaves no watcher or timer behind', async () => {
    // Only what this test made counts: a timer another test's leftover work arms meanwhile is not this one's leak (tests38 R3).
    const own = new OwnResources();
    try {
      await own.run(async () => {
        const h = await harnesses.make(pipelineYaml([{ name: 'Quick', run: 'true' }]));
        const sha = commit(h.repo, 'a');
        await h.log.ended(sha);
        assert.ok(own.count('FSEVENTWRAP') > 0, 'precondition: the tracker holds watchers');
        await h.engine.settle();
        await h.trigger.dispose();
        await h.engine.dispose();
      });
      // A closed watcher is destroyed a turn later; simple-git arms a 50 ms timer per git call that outlives the call (the
      // engine's git queries at run start): allow those to run out (bounded); a leaked poll interval or retry timer never would.
      await until('no watcher or timer of the trigger left', () => own.count('FSEVENTWRAP') === 0 && own.count('Timeout') === 0, 5_000)
        .catch(() => assert.fail(`left behind: ${own.describe()}`));
    } finally {
      own.close();
    }
  });

  it('a given tracker is started but not disposed by the trigger', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Quick', run: 'true' }]), { start: false });
    const trigger = new CommitTrigger({ engine: h.engine, tracker: h.trigger.tracker });
    await trigger.start();
    assert.strictEqual(h.trigger.tracker.status().state, 'tracking');
    await trigger.dispose();
    assert.strictEqual(h.trigger.tracker.status().state, 'tracking');
  });
});
