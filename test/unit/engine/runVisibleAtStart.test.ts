import * as assert from 'node:assert';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { blockingStage, release, engineTestbed } from './engineFixture';

/**
 * The editor's status bar, view title and Stop command read `engine.current` and `engine.lastRun`
 * when the engine says a run started or a stage started. The first stage starts inside
 * `PipelineRun.start()`, synchronously: the engine must already count the run as its own then,
 * or the status keeps the previous run's state (and no Stop) for the whole first stage.
 */
describe('PipelineEngine: a run is current from its first event', function () {
  this.timeout(30_000);
  const { repos, engineFor } = engineTestbed();

  it('runStarted and the first stageStarted see the new run as current, lastRun and busy', async () => {
    const repo = repos.make(`version: 1\nstages:\n${blockingStage('First')}  - name: Second\n    run: "true"\n`);
    const engine = engineFor(repo);
    const seen: Array<[string, string | undefined, string | undefined, boolean]> = [];
    engine.onEvent((e) => {
      if (e.type === 'runStarted' || e.type === 'stageStarted' || e.type === 'lastRunChanged') {
        seen.push([e.type === 'stageStarted' ? `stageStarted ${e.stage}` : e.type, engine.current?.record.id, engine.lastRun?.state, engine.busy]);
      }
    });
    const outcome = await engine.start({ trigger: 'manual' });
    assert.strictEqual(outcome.kind, 'started');
    const { run, done } = outcome as { run: { record: RunRecord }; done: Promise<RunRecord> };
    const id = run.record.id;
    assert.deepStrictEqual(seen, [
      ['runStarted', id, 'running', true], ['lastRunChanged', id, 'running', true], ['stageStarted First', id, 'running', true],
    ]);
    release(repo, 'First');
    assert.strictEqual((await done).state, 'green');
    assert.strictEqual(engine.current, undefined);
  });
});
