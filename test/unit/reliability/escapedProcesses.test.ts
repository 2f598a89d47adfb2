import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import { collect, finish, makePipeline, stageRecord, TempDirs } from '../pipeline/helpers';
import * as path from 'node:path';
import { awaitFile, killMarked, marked, newMarker, waitForMarked } from './markers';

/** Defect 2: processes that leave the stage's process group must not outlive the stage. */
describe('reliability: processes that escape the stage group (setsid, double fork)', () => {
  const temp = new TempDirs();
  const markers: string[] = [];
  const marker = (): string => { const m = newMarker(); markers.push(m); return m; };
  afterEach(() => { temp.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  it('kills a `setsid … &` child when the stage ends', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    const run = `setsid ${marked(m, up)} >/dev/null 2>&1 & ${awaitFile(up)}; echo started`;
    const { run: r } = collect({ pipeline: makePipeline(dir, [{ name: 'Escapes', run }]) });
    const record = await finish(r);
    assert.equal(stageRecord(record, 'Escapes').state, 'passed');
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the setsid child outlived its stage');
  });

  it('kills a double-forked daemon (fork, setsid, fork) when the stage ends', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    const run = `(setsid sh -c "(${marked(m, up)} >/dev/null 2>&1 &)" &); ${awaitFile(up)}; echo started`;
    const { run: r } = collect({ pipeline: makePipeline(dir, [{ name: 'Daemon', run }]) });
    await finish(r);
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the daemon outlived its stage');
  });

  it('kills the escaped child of a stage whose name is not ASCII (the cookie is matched as UTF-8 bytes)', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    const run = `setsid ${marked(m, up)} >/dev/null 2>&1 & ${awaitFile(up)}; echo started`;
    const { run: r } = collect({ pipeline: makePipeline(dir, [{ name: 'déploiement 🚀', run }]) });
    const record = await finish(r);
    assert.equal(stageRecord(record, 'déploiement 🚀').state, 'passed');
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the setsid child of "déploiement 🚀" outlived its stage');
  });

  it('kills an escaped process whose executable was deleted while it ran (the scan still reads its environment)', async () => {
    const m = marker();
    const dir = temp.make();
    // A copy of sleep named after the marker (so it is counted), exec'd by setsid in a new session,
    // then deleted: its /proc exe link reads "… (deleted)" and only the cookie scan can find it.
    const exe = path.join(dir, m);
    const isRunning = `[ "$(readlink /proc/$!/exe)" = "${exe}" ]`;
    const run = `cp "$(command -v sleep)" ${exe}; setsid ${exe} 1000 >/dev/null 2>&1 & `
      + `i=0; while ! ${isRunning} && [ $i -lt 250 ]; do i=$((i+1)); sleep 0.02; done; rm ${exe}; echo "exe: $(readlink /proc/$!/exe)"`;
    const { run: r, output } = collect({ pipeline: makePipeline(dir, [{ name: 'Deleted', run }]) });
    const record = await finish(r);
    assert.equal(stageRecord(record, 'Deleted').state, 'passed');
    assert.match(output.get('Deleted') ?? '', /exe: .* \(deleted\)/, 'the escaped process was not running a deleted file');
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the escaped process running a deleted executable outlived its stage');
  });

  it('kills an escaped process that keeps starting new escaped processes, and all it started', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    // Each round a new session: none of them is in the stage's group, only the cookie finds them.
    const spawner = `setsid sh -c 'touch ${up}; while :; do setsid sh -c "sleep 1000; : ${m}" & sleep 0.005; done; : ${m}'`;
    const run = `${spawner} >/dev/null 2>&1 & ${awaitFile(up)}; sleep 0.2; echo started`;
    const { run: r } = collect({ pipeline: makePipeline(dir, [{ name: 'Spawner', run }]) });
    const record = await finish(r);
    assert.equal(stageRecord(record, 'Spawner').state, 'passed');
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the spawner or one of its children outlived the stage');
  });

  it('a 3 s timeout with an escaped process holding the output pipe ends in about 3 s, not 10', async () => {
    const m = marker();
    // The escaped process keeps stdout open, which used to hold the stage for grace + 2 s more.
    const run = `setsid ${marked(m)} & sleep 1000`;
    const { run: r } = collect({
      pipeline: makePipeline(temp.make(), [{ name: 'Hangs', run, timeoutMs: 3000 }]), killGraceMs: 5000,
    });
    const record = await finish(r, 20_000);
    const stage = stageRecord(record, 'Hangs');
    assert.equal(stage.state, 'timedOut');
    assert.ok(stage.durationMs < 3000 + 2500, `took ${stage.durationMs} ms`);
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), []);
  });

  it('`keep: true` leaves a deliberately started server running and lists it', async () => {
    const m = marker();
    const dir = temp.make();
    const up = path.join(dir, 'up');
    const run = `setsid ${marked(m, up)} >/dev/null 2>&1 & ${awaitFile(up)}; echo started`;
    const { run: r } = collect({ pipeline: makePipeline(dir, [{ name: 'Server', run, keep: true }]) });
    const record = await finish(r);
    const alive = await waitForMarked(m, (n) => n === 1);
    assert.equal(alive.length, 1, 'the kept server should still run');
    assert.ok(stageRecord(record, 'Server').kept?.includes(alive[0]), `kept: ${JSON.stringify(stageRecord(record, 'Server').kept)}`);
  });

  it('`keep: true`: a kept server that still writes to the inherited stdout is not cut off when the stage ends', async () => {
    const dir = temp.make();
    const wrote = path.join(dir, 'wrote');
    // Writes after the stage ended and the 2 s pipe grace ran out; a closed pipe would kill it (SIGPIPE) before `touch`.
    const run = `setsid sh -c 'sleep 3; echo still here; touch "$0"' ${JSON.stringify(wrote)} & echo started`;
    const { run: r, output } = collect({ pipeline: makePipeline(dir, [{ name: 'Server', run, keep: true }]) });
    const record = await finish(r, 20_000);
    assert.equal(stageRecord(record, 'Server').state, 'passed');
    const deadline = Date.now() + 10_000;
    while (!fs.existsSync(wrote) && Date.now() < deadline) { await new Promise((resolve) => setTimeout(resolve, 50)); }
    assert.ok(fs.existsSync(wrote), 'the kept server died writing to its stdout');
    assert.doesNotMatch(output.get('Server') ?? '', /still here/, 'what it writes after the stage ended is not stage output');
  });

  it('every stage process carries its stage cookie', async () => {
    const { run: r, output } = collect({
      runId: 'run-cookie', pipeline: makePipeline(temp.make(), [{ name: 'Env', run: 'echo "cookie=$GEARSHIFT_STAGE_COOKIE"' }]),
    });
    await finish(r);
    assert.match(output.get('Env') ?? '', /cookie=run-cookie\/Env/);
  });
});
