import * as assert from 'node:assert';
import type { WhenBusy } from '../../../src/core/engine/events';
import { startOrAsk } from '../../../src/core/engine/startOrAsk';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { Recorder, engineTestbed } from './engineFixture';
import { deployRunHooks } from '../../../src/core/deploy';
import type { PipelineEngine } from '../../../src/core/engine';
import { git } from '../../support/git';

const QUICK = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n';

describe('startOrAsk (what Run Pipeline does when the engine is busy)', function () {
  this.timeout(30_000);
  const { repos, engineFor } = engineTestbed();

  it('idle: starts without asking', async () => {
    const engine = engineFor(repos.make(QUICK));
    const asked: string[] = [];
    const outcome = await startOrAsk(engine, { trigger: 'manual' }, async () => { asked.push('asked'); return 'queue'; });
    assert.strictEqual(outcome?.kind, 'started');
    assert.deepStrictEqual(asked, []);
    await (outcome as { done: Promise<RunRecord> }).done;
  });

  it('a second request while the first is still launching follows the busy policy (queued, not refused)', async () => {
    const engine = engineFor(repos.make(QUICK));
    const rec = new Recorder(engine);
    const first = engine.start({ trigger: 'first' }); // still loading config and asking git
    const asked: string[] = [];
    const policy = async (): Promise<WhenBusy> => { asked.push('asked'); return 'queue'; };
    const second = await startOrAsk(engine, { trigger: 'second' }, policy);
    assert.deepStrictEqual(asked, ['asked'], 'the busy policy was not consulted');
    assert.deepStrictEqual(second, { kind: 'queued' });
    assert.strictEqual((await first).kind, 'started');
    await rec.next((e) => e.type === 'runEnded' && e.run.trigger === 'second');
  });

  /** A first run that has ended (its runEnded heard) while its bookkeeping is held open, as a slow fsync on a loaded machine held it. */
  async function endedWithBookkeepingHeld(): Promise<{ engine: PipelineEngine; release: () => void; first: Promise<RunRecord> }> {
    const base = deployRunHooks();
    let release: () => void = () => undefined;
    const bookkeeping = new Promise<void>((resolve) => { release = resolve; });
    const engine = engineFor(repos.make(QUICK), { hooks: { ...base, afterRun: async (record, ctx) => { await bookkeeping; await base.afterRun?.(record, ctx); } } });
    const rec = new Recorder(engine);
    const started = await engine.start({ trigger: 'first' });
    await rec.next((e) => e.type === 'runEnded' && e.run.trigger === 'first');
    assert.ok(engine.busy, 'precondition: the first run still holds the engine');
    return { engine, release, first: (started as { done: Promise<RunRecord> }).done };
  }

  it('a run that has ended and only writes its record is waited for, not asked about (the views already say green)', async () => {
    const { engine, release, first } = await endedWithBookkeepingHeld();
    const asked: string[] = [];
    const second = startOrAsk(engine, { trigger: 'second' }, async () => { asked.push('asked'); return undefined; });
    release();
    const outcome = await second;
    assert.deepStrictEqual(asked, [], 'asked about a run that had ended');
    assert.strictEqual(outcome?.kind, 'started');
    assert.strictEqual((await (outcome as { done: Promise<RunRecord> }).done).trigger, 'second');
    await first;
  });

  it('bookkeeping that does not end (a stuck fsync) gets the busy question after a bounded wait, not a silent hang', async () => {
    const { engine, release, first } = await endedWithBookkeepingHeld();
    const asked: string[] = [];
    const outcome = await startOrAsk(engine, { trigger: 'second' }, async () => { asked.push('asked'); return undefined; });
    assert.deepStrictEqual([asked, outcome], [['asked'], undefined]);
    release();
    await first;
  });

  it('"leave it" while busy starts nothing', async () => {
    const engine = engineFor(repos.make(QUICK));
    const first = engine.start({ trigger: 'first' });
    assert.strictEqual(await startOrAsk(engine, { trigger: 'second' }, async () => undefined), undefined);
    assert.strictEqual(engine.queued, undefined);
    await (await first as { done: Promise<RunRecord> }).done;
  });

  it('beforeStart: false starts nothing; fields it returns are added to the request (the commit a question named)', async () => {
    const repo = repos.make(QUICK);
    const engine = engineFor(repo);
    assert.strictEqual(await startOrAsk(engine, { trigger: 'no' }, async () => 'queue', async () => false), undefined);
    const sha = git(repo, 'rev-parse', 'HEAD');
    const outcome = await startOrAsk(engine, { trigger: 'pinned' }, async () => 'queue', async () => ({ sha }));
    assert.ok(outcome?.kind === 'started');
    assert.strictEqual((await outcome.done).sha, sha);
  });
});
