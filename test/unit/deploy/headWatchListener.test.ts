import * as assert from 'node:assert/strict';
import { PipelineEngine } from '../../../src/core/engine';
import { deployRunHooks } from '../../../src/core/deploy';
import { Repos } from '../engine/engineFixture';

describe('headWatch: a run refused after its hooks were made leaves no engine listener behind (review23 L1)', function () {
  this.timeout(30_000);
  const repos = new Repos();
  afterEach(() => repos.cleanup());
  it('a start refused after the hooks were made (--stage naming no stage) leaves no listener behind', async () => {
    const repo = repos.make('version: 1\nstages:\n  - name: A\n    run: "true"\n');
    const engine = new PipelineEngine({ folder: repo, hooks: deployRunHooks() });
    const listeners = (): number => ((engine as unknown as { emitter: { listeners: Set<unknown> } }).emitter.listeners.size);
    const before = listeners();
    for (let i = 0; i < 5; i++) {
      const out = await engine.start({ trigger: 'cli', only: 'NoSuchStage' });
      assert.equal(out.kind, 'refused', JSON.stringify(out));
    }
    const after = listeners();
    await engine.dispose();
    assert.equal(after, before, `listeners grew from ${before} to ${after}`);
  });
});

describe('headWatch: a run cancelled while its hooks were asked leaves no engine listener behind (review23 L1)', function () {
  this.timeout(30_000);
  const repos = new Repos();
  afterEach(() => repos.cleanup());
  it('cancelled before it started: no listener left', async () => {
    const repo = repos.make('version: 1\nstages:\n  - name: A\n    run: "true"\n');
    const real = deployRunHooks();
    let asked!: () => void;
    const preparing = new Promise<void>((r) => { asked = r; });
    let go!: () => void;
    const gate = new Promise<void>((r) => { go = r; });
    const engine = new PipelineEngine({ folder: repo, hooks: { ...real, forRun: async (ctx) => { asked(); await gate; return real.forRun(ctx); } } });
    const listeners = (): number => ((engine as unknown as { emitter: { listeners: Set<unknown> } }).emitter.listeners.size);
    const before = listeners();
    const out = engine.start({ trigger: 'manual' });
    await preparing;
    engine.cancel('stop');
    go();
    const o = await out;
    assert.equal(o.kind, 'refused', JSON.stringify(o));
    const after = listeners();
    await engine.dispose();
    assert.equal(after, before, `listeners grew from ${before} to ${after}`);
  });
});
