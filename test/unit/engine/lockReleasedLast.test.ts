import * as assert from 'node:assert';
import * as fs from 'node:fs';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { historyFile, Recorder, engineTestbed } from './engineFixture';

const QUICK = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n';

/** The end lines history.jsonl holds for `runId` now, as another process reading it would see them. */
function endStates(repo: string, runId: string): string[] {
  const lines = fs.readFileSync(historyFile(repo), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; run: RunRecord });
  return lines.filter((l) => l.kind === 'end' && l.run.id === runId).map((l) => l.run.state);
}

describe('PipelineEngine: the run lock is released last (mend36)', function () {
  this.timeout(60_000);
  const { repos, engineFor } = engineTestbed();

  it('a run waiting on the lock (another process) starts only once the previous run\'s record is complete in history', async () => {
    const repo = repos.make(QUICK);
    const first = engineFor(repo);
    const second = engineFor(repo); // another process: its own engine, the same lock and history
    // The first run's end line held in the write queue, as a slow disk holds it on a loaded machine.
    let openWrites: () => void = () => undefined;
    const writes = new Promise<void>((resolve) => { openWrites = resolve; });
    const store = await first.history();
    const recordEnd = store.recordEnd.bind(store);
    store.recordEnd = async (run) => { await writes; return recordEnd(run); };
    try {
      const rec = new Recorder(first);
      const started = await first.start({ trigger: 'first' });
      assert.ok(started.kind === 'started');
      let seenAtStart: string[] | undefined;
      const secondStarted = new Promise<void>((resolve) => second.onEvent((e) => {
        if (e.type === 'runStarted') { seenAtStart = endStates(repo, started.run.record.id); resolve(); }
      }));
      const waiting = second.start({ trigger: 'second', waitForLock: true });
      await rec.next((e) => e.type === 'runEnded');
      // The old order let the waiting run start here (within its 250 ms poll); give it that chance before the write goes through.
      await Promise.race([secondStarted, new Promise((r) => setTimeout(r, 3_000))]);
      openWrites();
      await started.done;
      const outcome = await waiting;
      assert.ok(outcome.kind === 'started', `second run: ${JSON.stringify(outcome)}`);
      await outcome.done;
      assert.deepStrictEqual(seenAtStart, ['green'], 'the waiting run started before the first run\'s end line was in history');
    } finally {
      openWrites();
    }
  });
});
