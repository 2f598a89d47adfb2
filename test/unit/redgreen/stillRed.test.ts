import * as assert from 'node:assert';
import { localTime } from '../../../src/core/format';
import type { RunRecord, StageRecord, StageState } from '../../../src/core/pipeline/types';
import { foldHistory } from '../../../src/core/redgreen/fromHistory';
import { stillRedMessage } from '../../../src/core/redgreen/messages';
import { RedGreenTracker } from '../../../src/core/redgreen/tracker';
import { leftRedBy } from '../../../src/core/redgreen/transition';
import { RunRenderer } from '../../../src/core/render';
import { at, run } from './runs';

/** A run with the given stage states; `skip` = not selected by --stage. */
function partial(state: 'red' | 'green', startMin: number, stages: Record<string, StageState | 'skip'>, extra: Partial<RunRecord> = {}): RunRecord {
  const records: StageRecord[] = Object.entries(stages).map(([name, s]) => (s === 'skip'
    ? { name, state: 'skipped', exitCode: null, durationMs: 0, reason: `not selected (--stage ${name})` }
    : { name, state: s, exitCode: s === 'passed' ? 0 : s === 'failed' ? 1 : null, durationMs: 5 }));
  return { ...run(state, startMin), stages: records, ...extra };
}

/** What `status` folds from the history up to and including `upTo` (oldest first in, newest first to the fold). */
function foldUpTo(oldestFirst: readonly RunRecord[], upTo: number): ReturnType<typeof foldHistory> {
  return foldHistory(oldestFirst.slice(0, upTo + 1).reverse());
}

describe('a green run that leaves the pipeline red (leftRedBy, stillRedMessage)', () => {
  const red = partial('red', 0, { Unit: 'passed', Acceptance: 'failed' });
  const unitOnly = partial('green', 5, { Unit: 'passed', Acceptance: 'skip' });
  const acceptanceOnly = partial('green', 10, { Unit: 'skip', Acceptance: 'passed' });
  const switchFailed = partial('red', 0, { Unit: 'skip', Acceptance: 'skip' }, { trigger: 'switch', deploy: { result: 'failed', message: 'switch to blue failed' } });

  it('is what `status` says after it: red after a green run, for every run of a history', () => {
    const full = partial('green', 20, { Unit: 'passed', Acceptance: 'passed' });
    const histories = [[red, unitOnly, acceptanceOnly], [red, unitOnly, unitOnly, full], [switchFailed, unitOnly, full], [unitOnly, red, acceptanceOnly]];
    for (const history of histories) {
      history.forEach((r, i) => {
        const statusRed = r.state === 'green' ? foldUpTo(history, i).current : undefined;
        const before = i === 0 ? undefined : foldUpTo(history, i - 1).current;
        assert.deepStrictEqual(leftRedBy(before, r), statusRed, `${history.map((h) => h.state).join(',')} at ${i}`);
        // Asked again once the run is in (the tracker may have seen it first): the same answer.
        assert.deepStrictEqual(leftRedBy(statusRed, r), statusRed, `again at ${i}`);
      });
    }
  });

  it('is undefined for a red run, with no red period, and when the run passed the failing stage', () => {
    const period = foldHistory([red]).current;
    assert.ok(period);
    assert.strictEqual(leftRedBy(period, partial('red', 5, { Unit: 'failed', Acceptance: 'skip' })), undefined);
    assert.strictEqual(leftRedBy(undefined, unitOnly), undefined);
    assert.strictEqual(leftRedBy(period, acceptanceOnly), undefined);
    assert.deepStrictEqual(leftRedBy(period, unitOnly)?.failing, ['Acceptance']);
  });

  it('names since when, what failed in which run, and the stages that would end it', () => {
    const period = leftRedBy(foldHistory([red]).current, unitOnly);
    assert.ok(period);
    assert.strictEqual(stillRedMessage(period), `the pipeline is still red since ${localTime(new Date(at(1)).toISOString())} (Acceptance failed in run ${red.id.slice(0, 8)}): `
      + 'Acceptance was not in this run; to end it, run Acceptance (or the whole pipeline) green');
    const two = leftRedBy(foldHistory([partial('red', 0, { Unit: 'failed', Lint: 'failed', E2E: 'failed' })]).current, partial('green', 5, { Unit: 'skip', Lint: 'skip', E2E: 'skip', Docs: 'passed' }));
    assert.ok(two);
    assert.match(stillRedMessage(two), /\(Unit failed in run [^)]+\): Unit, Lint and E2E were not in this run; to end it, run Unit, Lint and E2E \(or the whole pipeline\) green$/);
  });

  it('after a production failure, names what shows production works instead', () => {
    const afterSwitch = leftRedBy(foldHistory([switchFailed]).current, unitOnly);
    assert.ok(afterSwitch);
    assert.match(stillRedMessage(afterSwitch), / \(the blue\/green switch failed in run [^)]+\): this run did not deploy to production; to end it, run the whole pipeline green, or switch or roll back successfully$/);
    const alert = partial('red', 0, { Unit: 'passed', Acceptance: 'passed' }, { alert: true });
    const afterAlert = leftRedBy(foldHistory([alert]).current, unitOnly);
    assert.ok(afterAlert);
    assert.match(stillRedMessage(afterAlert), / \(a production alert in run [^)]+\): this run did not deploy/);
    const both = leftRedBy(foldHistory([red, alert]).current, unitOnly); // the alert, then Acceptance failed too
    assert.ok(both);
    assert.match(stillRedMessage(both), /: Acceptance was not in this run, and production has not been shown to work since it failed; to end it, run the whole pipeline green$/);
  });

  it('prints stage names and run ids as data: no control character reaches the line', () => {
    const evil = 'Acc\u001b]0;pwned\u0007\nPipeline GREEN\u202e';
    const r = partial('red', 0, { Unit: 'passed', [evil]: 'failed' }, { id: 'r\u001b[2J-1234567' });
    const period = leftRedBy(foldHistory([r]).current, partial('green', 5, { Unit: 'passed', [evil]: 'skip' }));
    assert.ok(period);
    const text = stillRedMessage(period);
    assert.ok(![...text].some((c) => c.charCodeAt(0) < 0x20 || (c >= '\u007f' && c <= '\u009f') || c === '\u202e'), JSON.stringify(text));
    assert.match(text, /\(Acc \]0;pwned Pipeline GREEN {2}failed in run r \[2J-12\): /);
  });

  it('the tracker (the status bar) gives the same answer whether or not it has seen the run end, and after a reload', () => {
    const tracker = new RedGreenTracker(() => at(30));
    try {
      tracker.onRun(red);
      const before = tracker.stillRedAfter(unitOnly);
      tracker.onRun(unitOnly);
      assert.deepStrictEqual(tracker.stillRedAfter(unitOnly), before);
      assert.deepStrictEqual(before?.failing, ['Acceptance']);
      tracker.restore([unitOnly, red]);
      assert.deepStrictEqual(tracker.stillRedAfter(unitOnly), before);
      assert.strictEqual(tracker.stillRedAfter(acceptanceOnly), undefined, 'the run of the failing stage ends it');
      tracker.onRun(acceptanceOnly);
      assert.strictEqual(tracker.stillRedAfter(acceptanceOnly), undefined);
      assert.strictEqual(tracker.periodOf(), undefined);
    } finally {
      tracker.dispose();
    }
  });

  it('the run summary renders it in red under the verdict, masked like everything Gearshift writes', () => {
    const period = leftRedBy(foldHistory([partial('red', 0, { Unit: 'passed', 'deploy hunter2': 'failed' })]).current, partial('green', 5, { Unit: 'passed', 'deploy hunter2': 'skip' }));
    assert.ok(period);
    const plain = new RunRenderer({ color: false, mask: (t) => t.replaceAll('hunter2', '***') }).stillRed(period);
    assert.match(plain, /^ {2}the pipeline is still red since .*\(deploy \*\*\* failed in run .*deploy \*\*\* was not in this run.*green\n$/);
    assert.strictEqual(new RunRenderer({ color: true }).stillRed(period), `\u001b[31m  ${stillRedMessage(period)}\u001b[39m\n`);
  });
});
