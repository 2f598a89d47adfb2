/**
 * What history says about commits a starting trigger reads again, and runs other processes make:
 * a commit run by hand while no trigger ran is not run again (review40 H1) nor shown "not run"
 * (review40 H2); the chain rule holds whoever runs the links (faults40 F1) and across a restart
 * (faults40 F2). Real repositories, real engines (two engines on one repository stand for two
 * processes: they share only the files, the run lock and history), real CommitTriggers.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommitTrigger } from '../../../src/core/automation/commitTrigger';
import { CHAIN_LIMIT } from '../../../src/core/automation/commitChain';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { deployRunHooks } from '../../../src/core/deploy';
import { commit, commitFile, git, gitEnv } from '../../support/git';
import { type Harness, Harnesses, markSaved, outLines, pipelineYaml, TriggerLog } from './triggerFixture';

const ECHO_AND_DEPLOY = [
  { name: 'Test', run: 'echo "$GEARSHIFT_SHA" >> "$OUT"' },
  { name: 'Deploy', run: 'true', extra: ['environment: production'] },
];
const BUMP = 'n=$(cat version); echo $((n+1)) > version; git commit -qam "chore: bump to $((n+1))"';

/** A run by hand of HEAD (`gearshift run`), to its end. */
async function runByHand(engine: PipelineEngine): Promise<string> {
  const outcome = await engine.start({ trigger: 'cli' });
  assert.ok(outcome.kind === 'started', JSON.stringify(outcome));
  const record = await outcome.done;
  assert.strictEqual(record.state, 'green');
  return record.id;
}

/** The trigger `h` ran a commit, saved where it got to, and stopped (a watch stopped, a window closed). */
async function ranAndStopped(h: Harness): Promise<string> {
  const before = Date.now();
  const a = commit(h.repo, 'a: run by the trigger');
  assert.strictEqual((await h.log.ended(a)).run.state, 'green');
  await markSaved(await h.engine.dataDir(), before - 5000);
  await h.trigger.dispose();
  return a;
}

function historyStarts(dataDir: string): number {
  return fs.readFileSync(path.join(dataDir, 'history.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"kind":"start"')).length;
}

describe('CommitTrigger and history: runs by hand and by other processes (review40 H1/H2, faults40 F1/F2)', function () {
  this.timeout(60_000);
  const harnesses = new Harnesses();
  const extra: Array<{ trigger: CommitTrigger; engine: PipelineEngine }> = [];
  afterEach(async () => {
    for (const x of extra.splice(0)) { await x.trigger.dispose(); await x.engine.dispose(); }
    await harnesses.cleanup();
  });

  it('a commit run (and deployed) by hand while no trigger ran is not run again when the next one starts, and says so', async () => {
    const h = await harnesses.make(pipelineYaml(ECHO_AND_DEPLOY));
    const a = await ranAndStopped(h);
    const b = commit(h.repo, 'b: deployed from the terminal while no watch ran');
    const hand = await runByHand(h.engine);
    const next = new CommitTrigger({ engine: h.engine });
    const log = new TriggerLog(next);
    extra.push({ trigger: next, engine: h.engine });
    await next.start();
    const elsewhere = await log.waitFor('ranElsewhere', (e) => e.plan.sha === b);
    assert.strictEqual(elsewhere.run.id, hand);
    assert.strictEqual(elsewhere.run.trigger, 'cli');
    await h.engine.settle();
    assert.deepStrictEqual(outLines(h), [a, b], 'b ran once: by hand');
    assert.strictEqual(log.of('runStarted').length, 0);
  });

  it('commits run by hand while no trigger ran are shown as run and deployed, not "not run" (the status tooltip, Commits To Deploy)', async () => {
    const h = await harnesses.make(pipelineYaml(ECHO_AND_DEPLOY));
    await ranAndStopped(h);
    fs.writeFileSync(path.join(h.repo, '.gearshift.yml'), pipelineYaml(ECHO_AND_DEPLOY, ['trigger: manual']));
    git(h.repo, 'commit', '-qam', 'b: manual from now on');
    const c = commit(h.repo, 'c: deployed from the terminal');
    const hand = await runByHand(h.engine);
    const next = new CommitTrigger({ engine: h.engine });
    const log = new TriggerLog(next);
    extra.push({ trigger: next, engine: h.engine });
    await next.start();
    assert.ok(next.tracked().some((t) => t.sha === c), 'c is read again (within the resume window)');
    assert.deepStrictEqual(next.commitRun(c) && { runId: next.commitRun(c)?.runId, state: next.commitRun(c)?.state }, { runId: hand, state: 'green' });
    assert.strictEqual((await log.waitFor('commitsDeployed', (e) => e.shas.includes(c))).past, true, 'told for the views, not as news');
    assert.strictEqual(next.undeployed().count, 0, JSON.stringify(next.undeployed()));
  });

  it('two triggers on one repository (two watches), a stage that commits: the chain stops after CHAIN_LIMIT links whoever runs them', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Bump Version', run: BUMP }]));
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: h.repo, color: false, killGraceMs: 500, baseEnv: gitEnv({}) });
    const other = new CommitTrigger({ engine });
    const otherLog = new TriggerLog(other);
    extra.push({ trigger: other, engine });
    await other.start();
    commitFile(h.repo, 'version', '1\n', 'feature');
    const refused = await Promise.all([h.log, otherLog].map((l) => l.waitFor('runNotStarted', () => true, 30_000)));
    for (const r of refused) { assert.match(r.reason, /would start runs without end under trigger: commit, so it was not run/); }
    await Promise.all([h.engine.settle(), engine.settle()]);
    assert.strictEqual(historyStarts(await h.engine.dataDir()), 1 + CHAIN_LIMIT, 'the feature, then three bumps, in both triggers together');
    assert.strictEqual(git(h.repo, 'show', 'HEAD:version'), String(2 + CHAIN_LIMIT), 'no further commit: the loop is broken');
  });

  it('the commit the chain rule turned away is not run when the trigger starts again (a watch restarted)', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Bump Version', run: BUMP }]));
    commitFile(h.repo, 'version', '1\n', 'feature');
    await h.log.waitFor('runNotStarted');
    await h.engine.settle();
    await h.trigger.dispose();
    const dataDir = await h.engine.dataDir();
    const runs = historyStarts(dataDir);
    const reflog = fs.statSync(path.join(h.repo, '.git', 'logs', 'HEAD')).size;
    const restartedAt = Date.now();
    const next = new CommitTrigger({ engine: h.engine });
    const log = new TriggerLog(next);
    extra.push({ trigger: next, engine: h.engine });
    await next.start();
    // Dealt with (turned away again, or not read again): the mark moves past the whole reflog.
    await markSaved(dataDir, restartedAt - 5000, reflog);
    await h.engine.settle();
    assert.strictEqual(log.of('runStarted').length, 0, JSON.stringify(log.of('runNotStarted').map((e) => e.reason)));
    assert.strictEqual(historyStarts(dataDir), runs);
    assert.strictEqual(git(h.repo, 'show', 'HEAD:version'), String(2 + CHAIN_LIMIT));
  });
});
