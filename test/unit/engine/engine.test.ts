import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineEvent } from '../../../src/core/engine/events';
import { HistoryStore } from '../../../src/core/history/historyStore';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { groupGone } from '../pipeline/helpers';
import { deadPid } from '../reliability/procHelpers';
import { blockingStage, historyFile, Recorder, release, engineTestbed } from './engineFixture';

const QUICK = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n  - name: Test\n    run: echo tested\n';
const BLOCKING = `version: 1\nstages:\n${blockingStage('Hold')}`;

const ended = (trigger: string) => (e: EngineEvent): boolean => e.type === 'runEnded' && e.run.trigger === trigger;

describe('PipelineEngine', function () {
  this.timeout(30_000);
  const { repos, engineFor } = engineTestbed();

  it('writes a start and an end line to history for a run', async () => {
    const repo = repos.make(QUICK);
    const engine = engineFor(repo);
    const rec = new Recorder(engine);
    const outcome = await engine.start({ trigger: 'manual' });
    assert.strictEqual(outcome.kind, 'started');
    const record = await (outcome as { done: Promise<RunRecord> }).done;
    await engine.settle();
    assert.strictEqual(record.state, 'green');
    const all = fs.readFileSync(historyFile(repo), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; run: RunRecord; proc?: { pgid: number } });
    const lines = all.filter((l) => l.kind !== 'stage' && l.kind !== 'stageEnd');
    assert.deepStrictEqual(lines.map((l) => [l.kind, l.run.id, l.run.state]), [['start', record.id, 'running'], ['end', record.id, 'green']]);
    // A `stage` line per started stage: its process group, for cleanup after a crash.
    assert.deepStrictEqual(all.filter((l) => l.kind === 'stage').map((l) => typeof l.proc?.pgid), ['number', 'number']);
    // A `stageEnd` line per ended stage: its record, so a run killed later keeps it.
    assert.deepStrictEqual(all.filter((l) => l.kind === 'stageEnd').map((l) => [l.run.id, l.run.stages.map((s) => s.state).join()]), [[record.id, 'passed'], [record.id, 'passed']]);
    const { runs, problems } = await new HistoryStore(historyFile(repo)).read();
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(runs.length, 1);
    assert.strictEqual(runs[0].state, 'green');
    assert.deepStrictEqual(runs[0].stages.map((s) => s.state), ['passed', 'passed']);
    assert.deepStrictEqual(rec.types().filter((t) => t !== 'lastRunChanged'),
      ['runStarted', 'stageStarted', 'stageEnded', 'stageStarted', 'stageEnded', 'runEnded']);
    assert.strictEqual(engine.lastRun?.id, record.id);
  });

  it('writes no stageEnd line for a stage skipped before the run began: the start line has it, also for a reader after a crash', async () => {
    const repo = repos.make(QUICK);
    const engine = engineFor(repo);
    const outcome = await engine.start({ trigger: 'manual', only: 'Test' });
    const record = await (outcome as { done: Promise<RunRecord> }).done;
    await engine.settle();
    const all = fs.readFileSync(historyFile(repo), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; pid: number; run: RunRecord });
    assert.deepStrictEqual(all.filter((l) => l.kind === 'stageEnd').map((l) => l.run.stages.map((s) => s.name).join()), ['Test']);
    const skipped = record.stages[0];
    assert.deepStrictEqual([skipped.name, skipped.state], ['Build', 'skipped']);
    assert.deepStrictEqual(all.find((l) => l.kind === 'start')?.run.stages[0], skipped);
    // Its writer killed before the end line: Build still reads skipped, with the same reason.
    const dead = deadPid();
    const cut = all.filter((l) => l.kind !== 'end').map((l) => JSON.stringify({ ...l, pid: dead })).join('\n') + '\n';
    fs.writeFileSync(historyFile(repo), cut);
    const { runs } = await new HistoryStore(historyFile(repo)).read();
    assert.strictEqual(runs[0].state, 'interrupted');
    assert.deepStrictEqual(runs[0].stages.map((s) => [s.name, s.state, s.reason]), [['Build', 'skipped', skipped.reason], ['Test', 'passed', undefined]]);
  });

  it('refuses a second run while one is busy', async () => {
    const repo = repos.make(BLOCKING);
    const engine = engineFor(repo);
    const first = await engine.start({ trigger: 'first' });
    assert.strictEqual(first.kind, 'started');
    const second = await engine.start({ trigger: 'second' }, 'refuse');
    assert.deepStrictEqual(second, { kind: 'refused', reason: 'a pipeline run is already in progress' });
    release(repo, 'Hold');
    assert.strictEqual((await (first as { done: Promise<RunRecord> }).done).state, 'green');
  });

  it('queues one run behind a busy one: the latest request wins', async () => {
    const repo = repos.make(BLOCKING);
    const engine = engineFor(repo);
    const rec = new Recorder(engine);
    assert.strictEqual((await engine.start({ trigger: 'first' })).kind, 'started');
    assert.deepStrictEqual(await engine.start({ trigger: 'older' }, 'queue'), { kind: 'queued' });
    assert.deepStrictEqual(await engine.start({ trigger: 'newest' }, 'queue'), { kind: 'queued' });
    assert.strictEqual(engine.queued?.trigger, 'newest');
    release(repo, 'Hold'); // the file stays, so the queued run passes too
    await rec.next(ended('newest'));
    await engine.settle();
    const started = rec.events.filter((e): e is Extract<EngineEvent, { type: 'runStarted' }> => e.type === 'runStarted').map((e) => e.run.trigger);
    assert.deepStrictEqual(started, ['first', 'newest']);
    assert.strictEqual(engine.queued, undefined);
    const { runs } = await new HistoryStore(historyFile(repo)).read();
    assert.deepStrictEqual(runs.map((r) => [r.trigger, r.state]), [['newest', 'green'], ['first', 'green']]);
  });

  it('cancels the busy run and starts the new one with "cancel"', async () => {
    const repo = repos.make(BLOCKING);
    const engine = engineFor(repo);
    const rec = new Recorder(engine);
    const first = await engine.start({ trigger: 'first' });
    await rec.next((e) => e.type === 'stageOutput' && e.chunk.includes('waiting'));
    assert.deepStrictEqual(await engine.start({ trigger: 'second' }, 'cancel'), { kind: 'queued' });
    const firstRecord = await (first as { done: Promise<RunRecord> }).done;
    assert.strictEqual(firstRecord.state, 'cancelled');
    assert.strictEqual(firstRecord.stages[0].reason, 'superseded by a newer run');
    await rec.next((e) => e.type === 'stageOutput' && e.run.trigger === 'second');
    release(repo, 'Hold');
    const second = await rec.next(ended('second'));
    assert.strictEqual((second as { run: RunRecord }).run.state, 'green');
  });

  it('emits configInvalid for a broken file and writes nothing', async () => {
    const repo = repos.make('version: 1\nstages:\n  - name: A\n    run: touch ran\n    timeout: forever\n');
    const engine = engineFor(repo);
    const rec = new Recorder(engine);
    const outcome = await engine.start({ trigger: 'manual' });
    assert.strictEqual(outcome.kind, 'invalid');
    const event = rec.events.find((e) => e.type === 'configInvalid') as Extract<EngineEvent, { type: 'configInvalid' }> | undefined;
    assert.ok(event, 'no configInvalid event');
    assert.match(event.errors[0].message, /forever/);
    assert.strictEqual(event.errors[0].line, 5);
    await engine.settle();
    assert.ok(!fs.existsSync(historyFile(repo)), 'history was written');
    assert.ok(!fs.existsSync(`${repo}/ran`));
  });

  it('refuses (never rejects) a run of a stage that does not exist, also when it was queued', async () => {
    const repo = repos.make(BLOCKING);
    const engine = engineFor(repo);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
    process.on('unhandledRejection', onUnhandled);
    try {
      const direct = await engine.start({ trigger: 'manual', only: 'Nope' });
      assert.strictEqual(direct.kind, 'refused');
      assert.match((direct as { reason: string }).reason, /no stage named "Nope"/);

      const rec = new Recorder(engine);
      const first = await engine.start({ trigger: 'first' });
      assert.strictEqual((await engine.start({ trigger: 'queued', from: 'Nope' }, 'queue')).kind, 'queued');
      release(repo, 'Hold');
      await (first as { done: Promise<RunRecord> }).done;
      // The queued launch loads config and git after the first run ends: wait (bounded) until it has
      // been taken and has ended, not a fixed 200 ms (under load it could end after the assertions).
      for (const deadline = Date.now() + 10_000; engine.busy || engine.queued !== undefined;) {
        assert.ok(Date.now() < deadline, 'the queued launch never ended');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await engine.settle();
      assert.deepStrictEqual(unhandled, []);
      assert.ok(!rec.events.some((e) => e.type === 'runStarted' && e.run.trigger === 'queued'));
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
    }
  });

  it('loadLastRun on a new engine (a window reload) returns the last run from history', async () => {
    const repo = repos.make(QUICK);
    const before = engineFor(repo);
    const outcome = await before.start({ trigger: 'manual' });
    const record = await (outcome as { done: Promise<RunRecord> }).done;
    await before.dispose();

    const after = engineFor(repo);
    const rec = new Recorder(after);
    assert.strictEqual(after.lastRun, undefined);
    const last = await after.loadLastRun();
    assert.strictEqual(last?.id, record.id);
    assert.strictEqual(last?.state, 'green');
    assert.strictEqual((after.lastRun as RunRecord | undefined)?.id, record.id);
    assert.ok(rec.events.some((e) => e.type === 'lastRunChanged' && e.run?.id === record.id));
  });

  it('loadLastRun({ cleanUp: false }) (an untrusted folder) reads only: a dead run\'s worktree stays until a trusted load cleans it', async () => {
    const repo = repos.make(QUICK);
    const leftover = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-run-')), 'tree');
    fs.mkdirSync(leftover);
    const run = { id: 'dead-run', sha: 'abc', branch: 'main', trigger: 'cli', startedAt: new Date().toISOString(), state: 'running', stages: [], worktree: leftover };
    fs.mkdirSync(path.dirname(historyFile(repo)), { recursive: true });
    fs.writeFileSync(historyFile(repo), `${JSON.stringify({ v: 1, kind: 'start', at: run.startedAt, pid: deadPid(), host: os.hostname(), run })}\n`);
    const untrusted = engineFor(repo);
    assert.strictEqual((await untrusted.loadLastRun({ cleanUp: false }))?.id, 'dead-run');
    assert.ok(fs.existsSync(leftover), 'an untrusted load removed what the history named');
    assert.strictEqual(fs.readFileSync(historyFile(repo), 'utf8').trim().split('\n').length, 1, 'an untrusted load wrote history');
    await engineFor(repo).loadLastRun();
    assert.ok(!fs.existsSync(leftover), 'a trusted load cleans up');
    assert.match(fs.readFileSync(historyFile(repo), 'utf8'), /"state":"interrupted"/);
  });

  it('dispose cancels the running run, waits for its processes and history, then refuses new runs', async () => {
    const repo = repos.make(BLOCKING);
    const engine = engineFor(repo);
    const rec = new Recorder(engine);
    const outcome = await engine.start({ trigger: 'manual' });
    const started = await rec.next((e) => e.type === 'stageStarted');
    const pid = (started as { pid?: number }).pid!;
    await engine.dispose();
    // Signalled members die a moment after the shell's exit is seen, later still on a loaded machine: wait, bounded.
    assert.deepStrictEqual(await groupGone(pid, [], 2000), [], 'the stage\'s process group survived dispose');
    const record = await (outcome as { done: Promise<RunRecord> }).done;
    assert.strictEqual(record.state, 'cancelled');
    const { runs } = await new HistoryStore(historyFile(repo)).read();
    assert.strictEqual(runs[0].state, 'cancelled', 'the end line was not written before dispose resolved');
    assert.strictEqual((await engine.start({ trigger: 'late' })).kind, 'refused');
  });
});
