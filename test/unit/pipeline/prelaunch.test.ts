import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processesWithEnv, stageCookie, STAGE_COOKIE_VAR } from '../../../src/core/pipeline/procfs';
import { certainNext, type SlotView } from '../../../src/core/pipeline/prelaunches';
import type { RunOptions } from '../../../src/core/pipeline';
import type { Stage } from '../../../src/core/config';
import { awaitFile } from '../reliability/markers';
import { collect, finish, launcherOf, makePipeline, stageRecord, TempDirs, type StageSpec } from './helpers';

/**
 * The next stage is forked while the current one runs (prelaunch.ts) and released at its turn: what
 * the stage gets must be what a spawn at its turn would give. Each run below waits in its first stage
 * until the test has seen the launcher of the second (by its cookie in /proc), so the second stage
 * really went through one; the same stage run alone (`only`, no stage before it: spawned as before)
 * is the reference.
 */
describe('pipeline: the next stage forked ahead (prelaunch)', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  /** `first` waits for a file; the test creates it once `second`'s launcher is up, then `before` runs. */
  async function throughLauncher(dir: string, second: Omit<StageSpec, 'name'>, opts: Partial<RunOptions> = {}, before?: () => void) {
    const go = path.join(dir, 'go');
    const runId = `prelaunch-${path.basename(dir)}`;
    const c = collect({ runId, ...opts, pipeline: makePipeline(dir, [{ name: 'first', run: awaitFile(go) }, { name: 'second', ...second }]) });
    const done = finish(c.run);
    const launcher = await launcherOf(runId, 'second');
    before?.();
    fs.writeFileSync(go, '');
    const record = await done;
    const started = c.events.find((e) => e.type === 'stageStarted' && e.stage === 'second');
    return { record, launcher, started, output: c.output.get('second') ?? '', runId };
  }

  /** The reference: the same stage alone, spawned at its turn as before. */
  async function spawnedAlone(dir: string, second: Omit<StageSpec, 'name'>, runId: string, opts: Partial<RunOptions> = {}) {
    const c = collect({ runId, ...opts, only: 'second', pipeline: makePipeline(dir, [{ name: 'first', run: 'true' }, { name: 'second', ...second }]) });
    const record = await finish(c.run);
    return { record, output: c.output.get('second') ?? '' };
  }

  const envLines = (out: string): string[] => out.split('\0').filter((l) => l !== '').sort();

  for (const [how, run] of [['exec\'d directly', 'env -0'], ['through /bin/sh -c', 'env -0; true']] as const) {
    it(`the released stage (${how}) is the launcher's process and gets exactly the environment a spawn would give`, async () => {
      const dir = temp.make();
      fs.mkdirSync(path.join(dir, 'real'));
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
      for (const pwd of [path.join(dir, 'link'), '/elsewhere']) {
        const stage = { run, cwd: path.join(dir, 'link'), env: { STAGE_VAR: 'x y "z"' } };
        const opts = { baseEnv: { ...process.env, PWD: pwd }, extraEnv: { EXTRA: '1' } };
        const ahead = await throughLauncher(dir, stage, opts);
        assert.equal(ahead.started?.type === 'stageStarted' && ahead.started.pid, ahead.launcher, 'the stage is not the launcher');
        assert.equal(stageRecord(ahead.record, 'second').state, 'passed');
        const alone = await spawnedAlone(dir, stage, ahead.runId, opts);
        assert.deepEqual(envLines(ahead.output), envLines(alone.output));
        assert.ok(envLines(ahead.output).includes(`PWD=${pwd === '/elsewhere' ? path.join(dir, 'real') : pwd}`));
        fs.rmSync(path.join(dir, 'go'));
      }
    });
  }

  it('an environment changed between the fork and the release reaches the stage (the launcher is dropped)', async () => {
    const dir = temp.make();
    const baseEnv: NodeJS.ProcessEnv = { ...process.env };
    const r = await throughLauncher(dir, { run: 'env -0' }, { baseEnv }, () => { baseEnv.SET_AFTER_FORK = 'late'; });
    assert.ok(envLines(r.output).includes('SET_AFTER_FORK=late'));
  });

  it('an environment sh would change on its way (IFS, PPID, OPTIND, names sh cannot hold) is not forked ahead', async () => {
    const dir = temp.make();
    for (const extra of [{ IFS: 'x' }, { PPID: '1' }, { OPTIND: '3' }, { 'NOT-A-NAME': 'v' }]) {
      const stage = { run: 'env -0' };
      const opts = { baseEnv: { ...process.env, ...extra } };
      const c = collect({ runId: `prelaunch-env-${path.basename(dir)}`, ...opts, pipeline: makePipeline(dir, [{ name: 'first', run: 'sleep 0.1' }, { name: 'second', ...stage }]) });
      await finish(c.run);
      const alone = await spawnedAlone(dir, stage, `prelaunch-env-${path.basename(dir)}`, opts);
      assert.deepEqual(envLines(c.output.get('second') ?? ''), envLines(alone.output), JSON.stringify(extra));
    }
  });

  it('finds the folder and the program at release: an earlier stage may make them', async () => {
    const dir = temp.make();
    fs.mkdirSync(path.join(dir, 'bin'));
    const baseEnv = { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}` };
    const tool = path.join(dir, 'bin', 'gearshift-prelaunch-tool');
    // Made after the fork, before the release: a lookup at the fork would not find it (exit 127).
    const r = await throughLauncher(dir, { run: 'gearshift-prelaunch-tool arg' }, { baseEnv },
      () => fs.writeFileSync(tool, '#!/bin/sh\necho "tool ran with $1"\n', { mode: 0o755 }));
    assert.equal(stageRecord(r.record, 'second').state, 'passed');
    assert.equal(r.output, 'tool ran with arg\n');

    // The folder replaced after the fork (a new one under the same name): the stage runs in the new one.
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.rmSync(path.join(dir, 'go'));
    const moved = await throughLauncher(dir, { run: 'ls', cwd: path.join(dir, 'sub') }, { baseEnv }, () => {
      fs.rmSync(path.join(dir, 'sub'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'new-file'), '');
    });
    assert.equal(moved.output, 'new-file\n');
  });

  it('a missing folder or program reads as it does when spawned at its turn', async () => {
    const dir = temp.make();
    fs.mkdirSync(path.join(dir, 'gone'));
    const missingDir = { run: 'true', cwd: path.join(dir, 'gone') };
    const r = await throughLauncher(dir, missingDir, {}, () => fs.rmSync(path.join(dir, 'gone'), { recursive: true }));
    const alone = await spawnedAlone(dir, missingDir, r.runId);
    assert.equal(stageRecord(r.record, 'second').reason, `working directory not found: ${path.join(dir, 'gone')}`);
    assert.deepEqual(pick(stageRecord(r.record, 'second')), pick(stageRecord(alone.record, 'second')));

    fs.rmSync(path.join(dir, 'go'));
    const missingProgram = { run: 'gearshift-no-such-program --flag' };
    const p = await throughLauncher(dir, missingProgram);
    const pAlone = await spawnedAlone(dir, missingProgram, p.runId);
    assert.equal(stageRecord(p.record, 'second').exitCode, 127);
    assert.equal(stageRecord(p.record, 'second').reason, 'command not found');
    assert.deepEqual(pick(stageRecord(p.record, 'second')), pick(stageRecord(pAlone.record, 'second')));
    assert.equal(p.output, pAlone.output);
    assert.match(p.output, /^\/bin\/sh: 1: gearshift-no-such-program: not found\n$/);
  });

  for (const [how, end] of [['fails', 'exit 3'], ['is cancelled', 'cancel']] as const) {
    it(`when the stage before it ${how}, the stage forked ahead never runs, and its launcher is gone when the run ends`, async () => {
      const dir = temp.make();
      const go = path.join(dir, 'go');
      const marker = path.join(dir, 'second-ran');
      const runId = `prelaunch-stop-${path.basename(dir)}`;
      const c = collect({ runId, pipeline: makePipeline(dir, [
        { name: 'first', run: `${awaitFile(go)}; ${end === 'cancel' ? 'sleep 5' : end}` }, { name: 'second', run: `touch ${marker}` },
      ]) });
      let leftAtEnd: number[] | undefined;
      c.run.onEvent((e) => { if (e.type === 'runEnded') { leftAtEnd = processesWithEnv(STAGE_COOKIE_VAR, stageCookie(runId, 'second')); } });
      const done = finish(c.run);
      const launcher = await launcherOf(runId, 'second');
      if (end === 'cancel') { c.run.cancel(); } else { fs.writeFileSync(go, ''); }
      const record = await done;
      assert.equal(stageRecord(record, 'second').state, end === 'cancel' ? 'cancelled' : 'skipped');
      assert.deepEqual(leftAtEnd, [], `the launcher ${launcher} outlived the run`);
      assert.equal(fs.existsSync(marker), false, 'the stage forked ahead ran');
      assert.equal(c.events.some((e) => e.type === 'stageStarted' && e.stage === 'second'), false);
    });
  }

  it('its start time and timeout begin at release, not at the fork', async () => {
    const dir = temp.make();
    // The launcher waits ≥ 2 s (past the stage's 1.5 s timeout) before its release; `true` itself has 1.5 s, ample under load.
    const r = await throughLauncher(dir, { run: 'true', timeoutMs: 1500 }, {}, () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000));
    const second = stageRecord(r.record, 'second');
    assert.equal(second.state, 'passed');
    assert.ok(second.durationMs < 2000, `durationMs ${second.durationMs} counts the wait before the release`);
  });

  it('a PATH entry that cannot be searched (a file here) breaks neither the release nor a plain spawn: sh looks past it', async () => {
    // Before: the release's PATH walk threw ENOTDIR out of the scheduler (the run never ended and the launcher lived on).
    const baseEnv = { ...process.env, PATH: `/usr/bin/env:${process.env.PATH ?? '/usr/bin:/bin'}` };
    const dir = temp.make();
    const ahead = await throughLauncher(dir, { run: 'ls /' }, { baseEnv });
    assert.equal(ahead.record.state, 'green');
    assert.equal(ahead.started?.type === 'stageStarted' && ahead.started.pid, ahead.launcher, 'the stage is not the launcher');
    assert.match(ahead.output, /^usr$/m);
    const alone = await spawnedAlone(dir, { run: 'ls /' }, `${ahead.runId}-alone`, { baseEnv });
    assert.equal(alone.record.state, 'green', 'spawned at its turn');
    assert.equal(alone.output, ahead.output);
  });
});

const pick = (s: { state: string; exitCode: number | null; reason?: string; signal?: string | null }) =>
  ({ state: s.state, exitCode: s.exitCode, reason: s.reason, signal: s.signal ?? null });

describe('pipeline: which stages are forked ahead (certainNext)', () => {
  const stage = (name: string, extra: Partial<Stage> = {}): Stage =>
    ({ name, run: 'true', needs: [], timeoutMs: 1000, env: {}, cwd: '/', ...extra });
  const slot = (name: string, state: SlotView['record']['state'], needs: string[], extra: Partial<Stage> = {}): SlotView =>
    ({ stage: stage(name, extra), needs, record: { state } });
  const all = (): boolean => true;
  const names = (slots: SlotView[], envKnown: (stage: string) => boolean = all): string[] => certainNext(slots, envKnown).map((s) => s.name);

  it('the one stage waiting only for the single running one', () => {
    assert.deepEqual(names([slot('a', 'passed', []), slot('b', 'running', ['a']), slot('c', 'pending', ['b']), slot('d', 'pending', ['c'])]), ['c']);
  });

  it('a fan-out\'s dependents, and a stage waiting for one of two running stages (fail-fast drops it if the other fails)', () => {
    assert.deepEqual(names([slot('a', 'running', []), slot('b', 'pending', ['a']), slot('c', 'pending', ['a']), slot('d', 'pending', ['b', 'c'])]), ['b', 'c']);
    assert.deepEqual(names([slot('a', 'running', []), slot('b', 'running', []), slot('c', 'pending', ['a'])]), ['c']);
  });

  it('none past an approval or a gate not open yet; none at all while a stage waits for an approval or a gate', () => {
    assert.deepEqual(names([slot('a', 'running', []), slot('b', 'pending', ['a'], { approval: 'manual' }), slot('c', 'pending', ['a'])]), ['c']);
    assert.deepEqual(names([slot('a', 'running', []), slot('b', 'pending', ['a']), slot('c', 'pending', ['a'])], (name) => name !== 'b'), ['c']);
    assert.deepEqual(names([slot('a', 'running', []), slot('x', 'waiting-approval', []), slot('b', 'pending', ['a'])]), []);
    assert.deepEqual(names([slot('a', 'running', []), { ...slot('x', 'pending', []), gating: true }, slot('b', 'pending', ['a'])]), []);
  });

  it('none for a stage given secrets: the running stages could read them in the waiting launcher\'s /proc environ', () => {
    const secret = { env: { TOKEN: '${{ secrets.DEPLOY_TOKEN }}' } };
    assert.deepEqual(names([slot('a', 'running', []), slot('b', 'pending', ['a'], secret), slot('c', 'pending', ['a'])]), ['c']);
    assert.deepEqual(names([slot('a', 'running', []), slot('b', 'pending', ['a'], { env: { TOKEN: 'plain' } })]), ['b']);
  });

  it('a diamond\'s join while both its needs run, and once the last of them runs alone', () => {
    assert.deepEqual(names([slot('a', 'passed', []), slot('b', 'running', ['a']), slot('c', 'running', ['a']), slot('d', 'pending', ['b', 'c'])]), ['d']);
    assert.deepEqual(names([slot('a', 'passed', []), slot('b', 'passed', ['a']), slot('c', 'running', ['a']), slot('d', 'pending', ['b', 'c'])]), ['d']);
  });

  it('not a stage still waiting for one that has not started', () => {
    assert.deepEqual(names([slot('a', 'running', []), slot('x', 'pending', ['a']), slot('d', 'pending', ['a', 'x'])]), ['x']);
  });
});
