import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PipelineEngine } from '../../../src/core/engine';
import type { NewestRuns } from '../../../src/core/history';
import { RedGreenTracker } from '../../../src/core/redgreen';
import { RestoreReads, type RestoreAnswer, type RestoreSource } from '../../../src/vscode/status/restoreReads';
import { engineTestbed } from '../engine/engineFixture';

/** Unit Tests is red while the file `broken` exists in the repo. */
const PIPELINE = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n  - name: Unit Tests\n    run: test ! -e broken\n';

/** The engine's history, whose reads answer only once `gate` opens (as a read on a loaded machine ends late); `begun` once the file was read. */
function heldSource(engine: PipelineEngine, gate: Promise<void>): { source: RestoreSource; begun: Promise<void> } {
  let read: () => void = () => undefined;
  const begun = new Promise<void>((resolve) => { read = resolve; });
  const source: RestoreSource = {
    settle: async () => { await engine.settle(); },
    history: async () => {
      const history = await engine.history();
      return { readNewest: async (limit: number): Promise<NewestRuns> => { const runs = await history.readNewest(limit); read(); await gate; return runs; } };
    },
  };
  return { source, begun };
}

/**
 * The status item reads history back to green each time another process writes it (a CLI run's
 * start, stages and end). A read begun while red that ended after one begun once the green run was
 * written put the old red back, and the item stayed red (flaky36). Real engines on a real repository.
 */
describe('RestoreReads: the status item\'s reads of history, in order (flaky36)', function () {
  this.timeout(60_000);
  const { repos, engineFor } = engineTestbed();

  async function runOnce(engine: PipelineEngine, state: 'green' | 'red'): Promise<void> {
    const outcome = await engine.start({ trigger: 'test' });
    assert.equal(outcome.kind, 'started');
    assert.equal((await (outcome as { done: Promise<{ state: string }> }).done).state, state);
    await engine.settle();
  }

  it('a read begun while red that answers after a later read of the green run is not shown', async () => {
    const repo = repos.make(PIPELINE);
    const window = engineFor(repo);
    const cli = engineFor(repo); // `gearshift run` in a terminal
    await runOnce(cli, 'green');
    fs.writeFileSync(path.join(repo, 'broken'), '');
    await runOnce(cli, 'red');
    const reads = new RestoreReads();
    const shown = new RedGreenTracker();
    const show = (answer: RestoreAnswer): RestoreAnswer => { if (answer.kind === 'runs') { shown.restore(answer.runs, 'app'); } return answer; };
    let open: () => void = () => undefined;
    const held = heldSource(window, new Promise<void>((resolve) => { open = resolve; }));
    const early = reads.read('app', held.source).then(show); // the CLI's red: read now, answers late
    await held.begun;
    fs.rmSync(path.join(repo, 'broken'));
    await runOnce(cli, 'green');
    const late = await reads.read('app', window).then(show); // the CLI's green run
    assert.equal(late.kind, 'runs');
    assert.equal(shown.periodOf('app'), undefined, 'the green run ended the red period');
    open();
    const older = await early;
    assert.equal(shown.periodOf('app'), undefined, 'the older read put the red period back');
    assert.equal(shown.lastOf('app')?.state, 'green');
    assert.equal(older.kind, 'overtaken');
  });

  it('reads that answer in the order they began are each shown; a failure too', async () => {
    const repo = repos.make(PIPELINE);
    const window = engineFor(repo);
    const reads = new RestoreReads();
    await runOnce(window, 'green');
    const first = await reads.read('app', window);
    assert.equal(first.kind === 'runs' && first.runs.length, 1);
    const history = (await window.history()).file;
    fs.rmSync(history);
    fs.mkdirSync(history); // a folder where history belongs cannot be read
    const failed = await reads.read('app', window);
    assert.equal(failed.kind, 'failed');
    fs.rmdirSync(history);
    assert.deepEqual(await reads.read('app', window), { kind: 'runs', runs: [] });
  });
});
