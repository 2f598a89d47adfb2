import * as assert from 'node:assert/strict';
import { PipelineAlerts } from '../../../src/core/automation/pipelineAlerts';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { revertCommit } from '../../../src/core/git/revert';
import type { RunRecord } from '../../../src/core/pipeline/types';
import type { EscalationEvent } from '../../../src/core/redgreen/escalation';
import { Repos } from '../engine/engineFixture';
import { commitFile } from '../../support/git';

/** Unit Tests is red while the file `broken` is in the tree. */
const PIPELINE = 'version: 1\nstages:\n  - name: Unit Tests\n    run: test ! -e broken\n';

/** The tracker's commitSeen reaches onCommit in a later turn; the deferred question, if any, is asked by then. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PipelineAlerts: no "is commit X the fix?" about the revert Gearshift itself made (walk30 L2)', function () {
  this.timeout(30_000);
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  const watchers: PipelineAlerts[] = [];
  afterEach(async () => {
    for (const w of watchers.splice(0)) { w.dispose(); }
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    repos.cleanup();
  });

  /** A repo red at a commit that added `broken`, its engine, and the questions its alerts ask. */
  async function redRepo(): Promise<{ repo: string; culprit: string; engine: PipelineEngine; alerts: PipelineAlerts; asked: string[] }> {
    const repo = repos.make(PIPELINE);
    const culprit = commitFile(repo, 'broken', 'x\n', 'refactor add');
    const engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 500 });
    engines.push(engine);
    const alerts = new PipelineAlerts(engine, { reminderMs: 0, log: () => undefined });
    watchers.push(alerts);
    const asked: string[] = [];
    alerts.onEscalation((e: EscalationEvent) => { if (e.type === 'commitWhileRed') { asked.push(e.sha); } });
    await alerts.start();
    const outcome = await engine.start({ trigger: 'test' });
    assert.equal(outcome.kind, 'started');
    assert.equal((await (outcome as { done: Promise<RunRecord> }).done).state, 'red');
    await engine.settle();
    assert.ok(alerts.redPeriod, 'the red run opened no red period');
    return { repo, culprit, engine, alerts, asked };
  }

  it('the revert made through madeCommits is not asked about, seen before or after the command knows its sha; a commit of the user\'s still is', async () => {
    const { repo, culprit, engine, alerts, asked } = await redRepo();
    // The race the editor has: the commit tracker sees the revert while the command is still finishing.
    const reverted = await engine.madeCommits.make(async () => {
      const r = await revertCommit(repo, culprit);
      if (r.ok) { alerts.onCommit(r.sha); }
      return r;
    }, (r) => (r.ok ? r.sha : undefined));
    assert.ok(reverted.ok, JSON.stringify(reverted));
    alerts.onCommit(reverted.sha); // seen again after (a second window's tracker, a reset back to it)
    await nextTurn();
    assert.deepEqual(asked, [], 'asked whether Gearshift\'s own revert is the fix');
    const mine = commitFile(repo, 'notes.txt', 'a try\n', 'try a fix');
    alerts.onCommit(mine);
    await nextTurn();
    assert.deepEqual(asked, [mine]);
  });
});
