import * as assert from 'node:assert';
import { RedGreenTracker } from '../../../src/core/redgreen/tracker';
import type { RedGreenChange } from '../../../src/core/redgreen/transition';
import { at, MIN, run } from './runs';

describe('RedGreenTracker', () => {
  let now: number;
  let tracker: RedGreenTracker;
  let changes: RedGreenChange[];

  beforeEach(() => {
    now = at(0);
    tracker = new RedGreenTracker(() => now);
    changes = [];
    tracker.onChange((c) => changes.push(c));
  });
  afterEach(() => tracker.dispose());

  it('green → running → red → running → green: opens a red period at the red run\'s end, closes it with a recovery', () => {
    tracker.onRun(run('green', 0));
    assert.strictEqual(tracker.status().kind, 'green');
    assert.strictEqual(tracker.red(), undefined);

    const fixing = run('running', 2);
    tracker.onRun(fixing);
    assert.strictEqual(tracker.status().kind, 'running');
    const red = { ...fixing, state: 'red' as const, endedAt: new Date(at(3)).toISOString(), stages: [
      { name: 'Build', state: 'passed' as const, exitCode: 0, durationMs: 5 },
      { name: 'Lint', state: 'timedOut' as const, exitCode: null, durationMs: 5 },
    ] };
    assert.strictEqual(tracker.onRun(red)?.type, 'wentRed');
    assert.strictEqual(tracker.status().kind, 'red');
    const period = tracker.periodOf();
    assert.strictEqual(period?.redSince, at(3));
    assert.strictEqual(period?.failedStage, 'Lint');
    assert.strictEqual(period?.redRun.id, red.id);

    now = at(17);
    assert.deepStrictEqual({ ms: tracker.red()?.redForMs, text: tracker.red()?.text }, { ms: 14 * MIN, text: 'red for 14m' });

    tracker.onRun(run('running', 20));
    assert.strictEqual(tracker.status().kind, 'running');
    assert.strictEqual(tracker.red()?.period.redSince, at(3), 'a running fix does not end the red period');

    const green = run('green', 44);
    const change = tracker.onRun(green);
    assert.strictEqual(change?.type, 'recovered');
    assert.deepStrictEqual(change.type === 'recovered' && change.recovery, {
      repo: '', redSince: at(3), greenAt: at(45), durationMs: 42 * MIN, failedStage: 'Lint', fixedStage: 'Lint', redRunId: red.id, greenRunId: green.id,
    });
    assert.strictEqual(tracker.red(), undefined);
    assert.strictEqual(tracker.status().kind, 'green');
    assert.deepStrictEqual(changes.map((c) => c.type), ['wentRed', 'recovered']);
  });

  it('a cancelled or interrupted run during red keeps the red period and its start', () => {
    const first = run('red', 0);
    tracker.onRun(first);
    tracker.onRun(run('cancelled', 5));
    assert.strictEqual(tracker.status().kind, 'cancelled');
    tracker.onRun(run('interrupted', 10));
    assert.strictEqual(tracker.status().kind, 'interrupted');
    assert.strictEqual(tracker.periodOf()?.redSince, at(1));
    assert.strictEqual(tracker.periodOf()?.redRun.id, first.id);
    assert.deepStrictEqual(changes.map((c) => c.type), ['wentRed']);
  });

  it('a second red run continues the period (stillRed) without moving its start; the same run twice changes nothing', () => {
    const first = run('red', 0);
    const second = run('red', 10);
    tracker.onRun(first);
    tracker.onRun(first);
    tracker.onRun(second);
    const p = tracker.periodOf();
    assert.deepStrictEqual([p?.redSince, p?.redRun.id, p?.latestRedRun.id], [at(1), first.id, second.id]);
    assert.deepStrictEqual(changes.map((c) => c.type), ['wentRed', 'stillRed']);
  });

  it('cancelled and interrupted runs while green do not turn it red; green after green emits nothing', () => {
    for (const r of [run('green', 0), run('cancelled', 2), run('interrupted', 4), run('green', 6)]) { tracker.onRun(r); }
    assert.strictEqual(tracker.red(), undefined);
    assert.deepStrictEqual(changes, []);
  });

  it('several repositories: the worst status wins, and the timer is the one red the longest', () => {
    tracker.onRun(run('green', 0), 'api');
    tracker.onRun(run('green', 0), 'web');
    assert.strictEqual(tracker.status().kind, 'green');
    tracker.onRun(run('running', 2), 'web');
    assert.strictEqual(tracker.status().kind, 'running');
    tracker.onRun(run('red', 3), 'api');
    assert.strictEqual(tracker.status().kind, 'red', 'red outranks running');
    tracker.onRun(run('red', 9), 'web');
    now = at(64);
    assert.deepStrictEqual([tracker.red()?.period.repo, tracker.red()?.text], ['api', 'red for 1h 00m']);
    tracker.onRun(run('green', 70), 'api');
    assert.deepStrictEqual([tracker.status().kind, tracker.red()?.period.repo], ['red', 'web']);
    tracker.remove('web');
    assert.strictEqual(tracker.status().kind, 'green');
  });

  it('keeps a copy: the runner mutating its live record later cannot rewrite the red period', () => {
    const live = run('red', 0);
    const id = live.id;
    tracker.onRun(live);
    live.stages[1].name = 'changed';
    live.id = 'changed';
    const p = tracker.periodOf();
    assert.deepStrictEqual([p?.failedStage, p?.redRun.id, p?.redRun.stages[1].name], ['Unit Tests', id, 'Unit Tests']);
  });

  it('the wall clock going backwards gives "red for 0s" and a 0 ms recovery, never negative', () => {
    tracker.onRun(run('red', 30));
    now = at(10);
    assert.deepStrictEqual([tracker.red()?.redForMs, tracker.red()?.text], [0, 'red for 0s']);
    const change = tracker.onRun(run('green', 5));
    assert.strictEqual(change?.type === 'recovered' && change.recovery.durationMs, 0);
  });

  it('a red run without timestamps starts its period at the tracker\'s clock', () => {
    now = at(7);
    tracker.onRun({ ...run('red', 0), startedAt: 'garbage', endedAt: undefined });
    assert.strictEqual(tracker.periodOf()?.redSince, at(7));
  });

  it('restores a repository from history without emitting anything', () => {
    const history = [run('cancelled', 30), run('red', 20), run('red', 10), run('green', 0)];
    const period = tracker.restore(history, 'api');
    assert.strictEqual(period?.redSince, at(11));
    assert.strictEqual(tracker.status().kind, 'cancelled');
    now = at(11 + 14);
    assert.strictEqual(tracker.red()?.text, 'red for 14m');
    assert.deepStrictEqual(changes, []);
  });
});
