import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine';
import type { RunHooksFactory } from '../../../src/core/engine/hooks';
import { runThrough } from '../../../src/core/release/runThrough';
import { Repos } from './engineFixture';

/**
 * Stop Pipeline (engine.cancel) while a run is still being prepared — a `checkout: clean`
 * worktree being made, the deploy hooks reading state — must stop it there. The cancel found no
 * active run to stop, so it was lost and the stages ran after the run was cancelled.
 */
describe('engine: a cancel while the run is being prepared', function () {
  this.timeout(30_000);
  const repos = new Repos();
  let engine: PipelineEngine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; repos.cleanup(); });

  /** The run's hooks are being asked (the run is being prepared) until `answer()`. */
  function slowHooks(): { hooks: RunHooksFactory; preparing: Promise<void>; answer: () => void } {
    let asked!: () => void;
    const preparing = new Promise<void>((resolve) => { asked = resolve; });
    const out = { preparing, answer: () => undefined as void, hooks: {} as RunHooksFactory };
    out.hooks = { forRun: () => { asked(); return new Promise((resolve) => { out.answer = () => resolve(undefined); }); } };
    return out;
  }

  it('a deploy command cancelled then says cancelled, not refused, and nothing ran', async () => {
    const repo = repos.make('version: 1\nstages:\n  - name: Build\n    run: touch ran\n');
    const slow = slowHooks();
    engine = new PipelineEngine({ folder: repo, hooks: slow.hooks, color: false, killGraceMs: 500 });
    const abort = new AbortController();
    const outcome = runThrough(engine, { trigger: 'deploy' }, { signal: abort.signal });
    await slow.preparing;
    abort.abort();
    slow.answer();
    assert.equal((await outcome).result, 'cancelled');
    assert.equal(fs.existsSync(path.join(repo, 'ran')), false, 'the stage ran after the deploy was cancelled');
  });

  it('stops the run before any stage starts, and refuses it as cancelled', async () => {
    const repo = repos.make('version: 1\nstages:\n  - name: Build\n    run: touch ran\n');
    let asked!: () => void;
    const preparing = new Promise<void>((resolve) => { asked = resolve; });
    let answer!: () => void;
    const hooks: RunHooksFactory = { forRun: () => { asked(); return new Promise((resolve) => { answer = () => resolve(undefined); }); } };
    engine = new PipelineEngine({ folder: repo, hooks, color: false, killGraceMs: 500 });
    const outcome = engine.start({ trigger: 'manual' });
    await preparing; // the hooks are being asked: the run is being prepared, no stage has started
    engine.cancel('stopped by the user');
    answer();
    const o = await outcome;
    if (o.kind === 'started') { await o.done; }
    assert.equal(fs.existsSync(path.join(repo, 'ran')), false, 'the stage ran after the run was cancelled');
    assert.deepEqual(o, { kind: 'refused', reason: 'cancelled before it started' });
    assert.equal(engine.busy, false);
  });
});
