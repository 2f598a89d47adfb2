import * as assert from 'assert';
import { commit, commitFile, git } from '../../support/git';
import { deployContextIn } from '../../../src/core/deploy/deployFiles';
import { redNowIn } from '../../../src/core/redgreen';
import { CHAIN_LIMIT } from '../../../src/core/automation/commitChain';
import { outLines, type Harness, Harnesses, pipelineYaml, release, WAIT_FOR_RELEASE } from './triggerFixture';

/** Unit Tests wait for $RELEASE; Acceptance (non-prod) fails when the work tree's `v` says broken. */
const ACCEPTANCE = [
  { name: 'Unit Tests', run: WAIT_FOR_RELEASE },
  { name: 'Acceptance', run: 'echo "$GEARSHIFT_SHA $(cat v)" >> "$OUT"; test "$(cat v)" != broken', extra: ['environment: non-prod'] },
];

async function lastNonProdPass(h: Harness): Promise<string | undefined> {
  return (await deployContextIn(await h.engine.dataDir()).store.read()).state.lastNonProdPass?.sha;
}

const NOT_HEAD = (sha: string, head: string): RegExp =>
  new RegExp(`^${sha.slice(0, 8)} is no longer HEAD \\(HEAD is ${head.slice(0, 8)}\\)`);

describe('CommitTrigger and HEAD moves under checkout: workspace (real repos, real engine)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  // review22 H1: `git checkout main` (a tip older than the tracker) while B waited left B unrun and unreported for good.
  it('a waiting commit HEAD left by a checkout to an older commit is refused when its turn comes, saying why', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const base = git(h.repo, 'rev-parse', 'HEAD');
    git(h.repo, 'checkout', '-q', '-b', 'feature');
    await h.log.waitFor('headMoved', (e) => e.branch === 'feature');
    const a = commit(h.repo, 'A on feature');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const b = commit(h.repo, 'B on feature');
    await h.log.seen(b);
    git(h.repo, 'checkout', '-q', 'main');
    await h.log.waitFor('headMoved', (e) => e.to === base && e.branch === 'main');
    release(h);
    await h.log.ended(a);
    const refused = await h.log.waitFor('runNotStarted', (e) => e.plan.sha === b);
    assert.match(refused.reason, NOT_HEAD(b, base));
    assert.deepStrictEqual(h.trigger.queued(), [], 'nothing is left waiting for good');
    assert.ok(h.lines.some((l) => l.includes(`the run for ${b.slice(0, 8)} could not start`)), h.lines.join('\n'));
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [a]);
  });

  // review22 H2: A's Acceptance ran on B's tree; A's run was red, opened the red period, and Revert offered to revert A.
  it('a commit made during a run: that run is neither red nor green of its sha (cancelled, saying HEAD moved); the next commit owns the red', async () => {
    const h = await harnesses.make(pipelineYaml(ACCEPTANCE));
    const a = commitFile(h.repo, 'v', 'ok2\n', 'A harmless');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const b = commitFile(h.repo, 'v', 'broken\n', 'B breaks');
    await h.log.seen(b);
    release(h);
    const endedA = await h.log.ended(a);
    assert.strictEqual(endedA.run.state, 'cancelled');
    assert.strictEqual(endedA.run.headMoved, b);
    assert.match(endedA.run.cancelReason ?? '', new RegExp(`^HEAD moved from ${a.slice(0, 8)} to ${b.slice(0, 8)} during the run, so its stages tested files that are not ${a.slice(0, 8)}'s`));
    const endedB = await h.log.ended(b);
    assert.strictEqual(endedB.run.state, 'red');
    assert.deepStrictEqual(outLines(h), [`${a} broken`, `${b} broken`], 'A\'s Acceptance did see B\'s tree');
    const history = await h.engine.history();
    const ends = (await history.read()).runs.map((r) => [r.sha, r.state]);
    assert.deepStrictEqual(ends.slice(0, 2), [[b, 'red'], [a, 'cancelled']], 'newest first');
    const red = await redNowIn(history);
    assert.strictEqual(red?.sha, b, 'the red period (and the revert offer it feeds) names B, not A');
  });

  // review22 H2: the non-prod pass Promote ships must be a commit whose non-prod stages ran on its own tree.
  it('a commit made during a deploy to non-prod: the run is no non-prod pass of its sha', async () => {
    const h = await harnesses.make(pipelineYaml(ACCEPTANCE, ['trigger: manual']));
    const a = commitFile(h.repo, 'v', 'broken\n', 'A breaks');
    const started = await h.engine.start({ trigger: 'cli', target: 'non-prod' });
    assert.ok(started.kind === 'started');
    commitFile(h.repo, 'v', 'ok\n', 'B fixes');
    release(h);
    const record = await started.done;
    assert.deepStrictEqual(record.stages.map((s) => [s.name, s.state]), [['Unit Tests', 'passed'], ['Acceptance', 'passed']]);
    assert.strictEqual(record.sha, a);
    assert.strictEqual(record.state, 'cancelled');
    assert.strictEqual(await lastNonProdPass(h), undefined, 'A, never tested, is not promotable');
  });

  // An empty commit (or a reworded amend) changes no file the stages test: the run still speaks for its sha.
  it('a commit of the same tree made during a run (--allow-empty) leaves the run its verdict: green, the non-prod pass', async () => {
    const h = await harnesses.make(pipelineYaml(ACCEPTANCE, ['trigger: manual']));
    const a = commitFile(h.repo, 'v', 'ok\n', 'A');
    const started = await h.engine.start({ trigger: 'cli', target: 'non-prod' });
    assert.ok(started.kind === 'started');
    const b = commit(h.repo, 'B, empty');
    release(h);
    const record = await started.done;
    assert.notStrictEqual(git(h.repo, 'rev-parse', 'HEAD'), a, `HEAD moved to ${b}`);
    assert.strictEqual(record.state, 'green');
    assert.strictEqual(record.headMoved, undefined);
    assert.strictEqual(await lastNonProdPass(h), a);
  });

  // review22 M4: 165 commits in 12 s, nothing deployed: each bump was a new commit the trigger ran.
  it('a stage that commits (a version bump) does not start runs without end: the chain stops after CHAIN_LIMIT runs, saying why', async () => {
    const bump = 'n=$(cat version); echo $((n+1)) > version; git commit -qam "chore: bump to $((n+1))"';
    const h = await harnesses.make(pipelineYaml([{ name: 'Bump Version', run: bump }]));
    commitFile(h.repo, 'version', '1\n', 'feature');
    const refused = await h.log.waitFor('runNotStarted');
    assert.match(refused.reason, /as were the commits of the 3 runs before it: that is what a stage that commits \(a version bump\?\) does, and it would start runs without end under trigger: commit, so it was not run; the next commit's run on this line covers it\. If a person made these commits, run it by hand/);
    await h.engine.settle();
    assert.strictEqual(h.log.of('runStarted').length, 1 + CHAIN_LIMIT, 'the feature, then three bumps');
    assert.strictEqual(git(h.repo, 'show', 'HEAD:version'), String(2 + CHAIN_LIMIT), 'no further commit: the loop is broken');
    assert.ok(h.lines.some((l) => l.includes('would start runs without end')), h.lines.join('\n'));
  });

  // Under queue: all each commit is its own run: no later run covers the one turned away, and the words do not say so (review35 F9).
  it('queue: all: the refusal does not say a later run covers the commit', async () => {
    const bump = 'n=$(cat version); echo $((n+1)) > version; git commit -qam "chore: bump to $((n+1))"';
    const h = await harnesses.make(pipelineYaml([{ name: 'Bump Version', run: bump }], ['trigger: commit', 'queue: all']));
    commitFile(h.repo, 'version', '1\n', 'feature');
    const refused = await h.log.waitFor('runNotStarted');
    assert.match(refused.reason, /under trigger: commit, so it was not run\. If a person made these commits, run it by hand/);
    await h.engine.settle();
  });

  // A stage that commits twice (a bump and a changelog) leaves HEAD two commits on: each run is a plan of two commits, not one.
  it('a stage that commits twice each run does not start runs without end either: the chain stops after CHAIN_LIMIT runs', async () => {
    const bump = 'n=$(cat version); echo $((n+1)) > version; git commit -qam "chore: bump to $((n+1))"; echo "$n" >> changes; git add changes; git commit -qm "chore: changelog $n"';
    const h = await harnesses.make(pipelineYaml([{ name: 'Bump Twice', run: bump }]));
    commitFile(h.repo, 'version', '1\n', 'feature');
    const refused = await h.log.waitFor('runNotStarted');
    assert.match(refused.reason, /as were the commits of the 3 runs before it: that is what a stage that commits \(a version bump\?\) does/);
    await h.engine.settle();
    assert.strictEqual(h.log.of('runStarted').length, 1 + CHAIN_LIMIT, 'the feature, then three runs of the stage\'s own commits');
    assert.strictEqual(git(h.repo, 'show', 'HEAD:version'), String(2 + CHAIN_LIMIT), 'no further commit: the loop is broken');
  });

  // burst35: 100 commits at shell speed on a loaded machine made the chain too; the commit it turned away got no run while the next one ran (commitBurst, system tier).
  it('a commit the chain rule turned away is covered by the next run on its line: a burst of commits during runs leaves none without a run', async () => {
    const stage = `${WAIT_FOR_RELEASE}; rm "$RELEASE"`; // each run waits for its own release
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: stage }]));
    const shas = [commit(h.repo, 'c0')];
    // Each commit made during the run of the one before, on top of it, HEAD there as its stages end: CHAIN_LIMIT links, then one too many.
    for (let i = 1; i <= CHAIN_LIMIT + 1; i++) {
      await h.log.waitFor('runStarted', (e) => e.plan.sha === shas[i - 1]);
      shas.push(commit(h.repo, `c${i}, during the run of c${i - 1}`));
      await h.log.seen(shas[i]);
      release(h);
      await h.log.ended(shas[i - 1]);
    }
    const refused = await h.log.waitFor('runNotStarted', (e) => e.plan.sha === shas[CHAIN_LIMIT + 1]);
    assert.match(refused.reason, /would start runs without end under trigger: commit, so it was not run; the next commit's run on this line covers it\./);
    // The next commit, made after the refusal, runs: its run tests the refused commit's tree too.
    const next = commit(h.repo, 'made after the refusal');
    shas.push(next);
    await h.log.waitFor('runStarted', (e) => e.plan.sha === next);
    release(h);
    const ended = await h.log.ended(next);
    assert.deepStrictEqual(ended.run.covers, [shas[CHAIN_LIMIT + 1], next], 'the run of the next commit covers the refused one');
    const covered = h.log.of('runEnded').flatMap((e) => e.run.covers as string[]);
    assert.deepStrictEqual([...covered].sort(), [...shas].sort(), 'every commit covered by exactly one run');
    assert.strictEqual(h.trigger.commitRun(shas[CHAIN_LIMIT + 1])?.runSha, next);
  });

  // A same-tree move keeps the run's verdict (headWatch), but a stage making empty commits (a "deployed" marker) still chains.
  it('a stage that makes an empty commit each run: the runs stay green, and the chain still stops after CHAIN_LIMIT runs', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Mark', run: 'git commit -q --allow-empty -m "chore: marker"' }]));
    commitFile(h.repo, 'version', '1\n', 'feature');
    const refused = await h.log.waitFor('runNotStarted');
    assert.match(refused.reason, /would start runs without end under trigger: commit, so it was not run/);
    await h.engine.settle();
    assert.strictEqual(h.log.of('runStarted').length, 1 + CHAIN_LIMIT);
    assert.ok(h.log.of('runEnded').every((e) => e.run.state === 'green'), 'an empty commit changes no tested file: every run keeps its verdict');
  });
});

