import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processesWithEnv, stageCookie, STAGE_COOKIE_VAR } from '../../../src/core/pipeline/procfs';
import { MAX_WAITING } from '../../../src/core/pipeline/prelaunches';
import type { RunEvent } from '../../../src/core/pipeline/types';
import { ResolvedSecrets } from '../../../src/core/secrets';
import { awaitFile } from '../reliability/markers';
import { collect, finish, isAlive, launcherOf, makePipeline, nextEvent, stageRecord, TempDirs } from './helpers';

/**
 * A DAG's fan-out forked ahead (prelaunches.ts): every stage certain to start once the running
 * ones pass waits as a launcher, is released at its turn, and is dropped with the run otherwise.
 * Each run holds its stages on a file until the test has seen the launchers in /proc.
 */
describe('pipeline: a fan-out\'s dependents forked ahead (prelaunch)', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  const startedPid = (events: RunEvent[], stage: string): number | undefined => {
    const e = events.find((x) => x.type === 'stageStarted' && x.stage === stage);
    return e?.type === 'stageStarted' ? e.pid : undefined;
  };
  const cookieHolders = (runId: string, stages: string[]): number[] =>
    stages.flatMap((stage) => processesWithEnv(STAGE_COOKIE_VAR, stageCookie(runId, stage)));

  it('a diamond\'s B and C are the launchers forked while A ran, and D the one forked while B and C ran', async () => {
    const dir = temp.make();
    const [go, go2] = [path.join(dir, 'go'), path.join(dir, 'go2')];
    const runId = `fanout-diamond-${path.basename(dir)}`;
    const c = collect({ runId, pipeline: makePipeline(dir, [
      { name: 'A', run: awaitFile(go) },
      { name: 'B', run: awaitFile(go2), needs: ['A'] },
      { name: 'C', run: awaitFile(go2), needs: ['A'] },
      { name: 'D', run: 'true', needs: ['B', 'C'] },
    ]) });
    const done = finish(c.run);
    const [b, cc] = [await launcherOf(runId, 'B'), await launcherOf(runId, 'C')];
    fs.writeFileSync(go, '');
    const d = await launcherOf(runId, 'D'); // B and C run (both wait for go2): D waits for them only
    fs.writeFileSync(go2, '');
    const record = await done;
    assert.equal(record.state, 'green');
    assert.deepEqual(['B', 'C', 'D'].map((s) => startedPid(c.events, s)), [b, cc, d], 'a stage was spawned at its turn, not released');
  });

  it(`a fan-out whose first stage fails: at most ${MAX_WAITING} launchers wait, none runs, none outlives the run`, async () => {
    const dir = temp.make();
    const go = path.join(dir, 'go');
    const runId = `fanout-fail-${path.basename(dir)}`;
    const fans = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'];
    const c = collect({ runId, pipeline: makePipeline(dir, [
      { name: 'A', run: `${awaitFile(go)}; exit 3` },
      ...fans.map((name) => ({ name, run: `touch ${path.join(dir, `${name}-ran`)}`, needs: ['A'] })),
    ]) });
    let leftAtEnd: number[] | undefined;
    c.run.onEvent((e) => { if (e.type === 'runEnded') { leftAtEnd = cookieHolders(runId, fans); } });
    const done = finish(c.run);
    const launchers: number[] = [];
    for (const name of fans.slice(0, MAX_WAITING)) { launchers.push(await launcherOf(runId, name)); }
    // All of one scheduler pass's forks are done before this test runs again: the rest never got one.
    assert.deepEqual(cookieHolders(runId, fans.slice(MAX_WAITING)), [], `more than ${MAX_WAITING} launchers`);
    fs.writeFileSync(go, '');
    const record = await done;
    assert.equal(record.state, 'red');
    assert.deepEqual(fans.map((name) => stageRecord(record, name).state), fans.map(() => 'skipped'));
    assert.deepEqual(leftAtEnd, [], 'a launcher outlived the run');
    assert.deepEqual(launchers.filter(isAlive), [], 'a launcher pid is still alive after the run');
    assert.deepEqual(fans.filter((name) => fs.existsSync(path.join(dir, `${name}-ran`))), [], 'a stage forked ahead ran');
  });

  it('a stage forked ahead behind one of two running stages never runs when the other fails (fail-fast drops it)', async () => {
    const dir = temp.make();
    const [go, go2] = [path.join(dir, 'go'), path.join(dir, 'go2')];
    const marker = path.join(dir, 'C-ran');
    const runId = `fanout-other-${path.basename(dir)}`;
    const c = collect({ runId, pipeline: makePipeline(dir, [
      { name: 'A', run: `${awaitFile(go)}; exit 3` },
      { name: 'X', run: awaitFile(go2), needs: [] },
      { name: 'C', run: `touch ${marker}`, needs: ['X'] },
    ]) });
    let leftAtEnd: number[] | undefined;
    c.run.onEvent((e) => { if (e.type === 'runEnded') { leftAtEnd = cookieHolders(runId, ['C']); } });
    const done = finish(c.run);
    const launcher = await launcherOf(runId, 'C');
    fs.writeFileSync(go, '');
    await nextEvent(c.run, (e) => e.type === 'stageEnded' && e.stage.name === 'C');
    fs.writeFileSync(go2, '');
    const record = await done;
    assert.deepEqual(['A', 'X', 'C'].map((name) => stageRecord(record, name).state), ['failed', 'passed', 'skipped']);
    assert.deepEqual(leftAtEnd, [], 'the launcher outlived the run');
    assert.equal(isAlive(launcher), false);
    assert.equal(fs.existsSync(marker), false, 'the stage forked ahead ran');
  });

  it('in a fan-out, the dependent given secrets is not forked ahead: no waiting process holds them', async () => {
    const dir = temp.make();
    const go = path.join(dir, 'go');
    const runId = `fanout-secret-${path.basename(dir)}`;
    const secrets = new ResolvedSecrets(new Map([['DEPLOY_TOKEN', 'fanout-secret-value']]));
    const c = collect({ runId, secrets, pipeline: makePipeline(dir, [
      { name: 'A', run: awaitFile(go) },
      { name: 'B', run: 'true', needs: ['A'], env: { TOKEN: '${{ secrets.DEPLOY_TOKEN }}' } },
      { name: 'C', run: 'true', needs: ['A'] },
    ]) });
    const done = finish(c.run);
    const plain = await launcherOf(runId, 'C');
    // B's launcher would have been forked in the same pass as C's, before it.
    assert.deepEqual(cookieHolders(runId, ['B']), [], 'the stage given secrets was forked ahead');
    assert.deepEqual(processesWithEnv('TOKEN', 'fanout-secret-value'), [], 'a waiting process holds the secret');
    fs.writeFileSync(go, '');
    const record = await done;
    assert.equal(record.state, 'green');
    assert.equal(startedPid(c.events, 'C'), plain);
  });
});
