import * as assert from 'node:assert';
import { EscalationSchedule, type EscalationEvent } from '../../../src/core/redgreen/escalation';
import { failingNow } from '../../../src/core/redgreen/period';
import { step } from '../../../src/core/redgreen/transition';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline/types';
import { FakeClock } from './fakeClock';
import { MIN, run } from './runs';

/** review39 M4/M1: red → red for another reason. What fails now is named, not the stage that first broke it. */
describe('red with a new cause (review39 M4)', () => {
  let clock: FakeClock;
  let schedule: EscalationSchedule;
  let events: EscalationEvent[];

  /** A red run ending now whose failed stages are `failed` (the others passed). */
  function red(...failed: string[]): RunRecord {
    const r = run('red', 0, { endedAt: new Date(clock.now()).toISOString() });
    const stages: StageRecord[] = ['Lint', 'Build', 'Unit Tests'].map((name) => failed.includes(name)
      ? { name, state: 'failed', exitCode: 2, durationMs: 5 } : { name, state: 'passed', exitCode: 0, durationMs: 5 });
    return { ...r, stages };
  }
  function green(): RunRecord {
    const r = run('green', 0, { endedAt: new Date(clock.now()).toISOString() });
    return { ...r, stages: ['Lint', 'Build', 'Unit Tests'].map((name) => ({ name, state: 'passed', exitCode: 0, durationMs: 5 })) };
  }
  const short = (s: string): string => s.slice(0, 8);

  beforeEach(() => {
    clock = new FakeClock();
    schedule = new EscalationSchedule({ clock });
    events = [];
    schedule.onEvent((e) => events.push(e));
  });
  afterEach(() => schedule.dispose());

  it('a red run failing another stage is said again with the new cause; the same cause again is only a log event', () => {
    const broke = red('Lint');
    schedule.onRun(broke);
    clock.advance(MIN);
    const now = red('Build');
    schedule.onRun(now);
    const changed = events[1];
    assert.strictEqual(changed.type, 'stillRed');
    assert.strictEqual(changed.type === 'stillRed' && changed.causeChanged, true);
    assert.strictEqual(changed.failedStage, 'Build');
    assert.strictEqual(changed.firstFailedStage, 'Lint');
    assert.strictEqual(changed.message, `The pipeline is still red, for a new reason: Build failed on main at ${short(now.sha)}, run ${short(now.id)}; `
      + `red since Lint failed at ${short(broke.sha)}. Fix it or revert before anything else.`);
    clock.advance(MIN);
    schedule.onRun(red('Build'));
    const same = events[2];
    assert.strictEqual(same.type === 'stillRed' && same.causeChanged, false, 'Build again: no new notification');
    assert.match(same.message, /^The pipeline is still red: Build failed on main at \w{8}, run [\w-]{8}; red since Lint failed at \w{8}\.$/);
  });

  it('the "is it the fix?" question and the reminder name the stage failing now', () => {
    schedule.onRun(red('Lint'));
    clock.advance(MIN);
    schedule.onRun(red('Build'));
    schedule.onCommit('e9c35a66e9c35a66');
    assert.match(events[2].message, /^The pipeline is red \(Build failed on main at \w{8}, run [\w-]{8}; red since Lint failed at \w{8}, 1m ago\) — is commit e9c35a66 the fix\?/);
    clock.advance(15 * MIN);
    assert.strictEqual(events[3].type, 'reminder', 'the new cause does not move the reminder: 15m after going red (rereview39 F2)');
    assert.match(events[3].message, /^The pipeline is still red \(15m\): Build failed on/);
  });

  it('back to green names the stage that was failing last, or the whole pipeline when several were', () => {
    schedule.onRun(red('Lint'));
    clock.advance(MIN);
    schedule.onRun(red('Build'));
    clock.advance(2 * MIN);
    schedule.onRun(green());
    assert.match(events[events.length - 1].message, /^Back to green after 3m: Build passes again \(main at /);
    schedule.onRun(red('Lint', 'Build'));
    clock.advance(MIN);
    schedule.onRun(green());
    assert.match(events[events.length - 1].message, /^Back to green after 1m: the pipeline passes again \(main at /);
  });

  it('a red run another process wrote (refresh) is an event too, once, and only when it is newer', () => {
    const broke = red('Lint');
    schedule.onRun(broke);
    clock.advance(MIN);
    const theirs = red('Build');
    const read = step(schedule.redPeriod, theirs, '', clock.now()).period;
    assert.ok(read);
    schedule.refresh(read);
    schedule.refresh(read);
    assert.deepStrictEqual(events.map((e) => e.type), ['wentRed', 'stillRed']);
    assert.strictEqual(events[1].failedStage, 'Build');
  });

  it('a cause that flaps every run for 2h: said once per stage, and the reminders keep their cadence (rereview39 F2)', () => {
    for (let i = 0; i < 120 / 10; i++) { schedule.onRun(red(i % 2 === 0 ? 'Lint' : 'Build')); clock.advance(10 * MIN); }
    const told = events.filter((e) => e.type === 'wentRed' || (e.type === 'stillRed' && e.causeChanged));
    // Runs 10m apart, each failing where the last notification did not say: said, unless a reminder named the other
    // stage in the same minute (the reminder fires at the run's instant here: then the next run or reminder says it).
    assert.ok(told.length >= 6 && told.length <= 12, `${told.length} toasts`);
    assert.ok(told.every((e, i) => i === 0 || e.failedStage !== told[i - 1].failedStage), 'each toast names a change');
    assert.strictEqual(events.filter((e) => e.type === 'stillRed').length, 11, 'every red run is still a log event');
    const reminders = events.filter((e) => e.type === 'reminder');
    assert.deepStrictEqual(reminders.map((e) => e.level), [1, 2, 3, 4, 5, 6, 7, 8], 'a reminder every 15m from going red, as on 813b12dc');
    assert.strictEqual(reminders[0].redForMs, 15 * MIN);
  });

  it('a cause that flaps every 5s: a toast at most every 2m in 10m, not one per run (rereview39 F2)', () => {
    for (let i = 0; i < 120; i++) { schedule.onRun(red(i % 2 === 0 ? 'Lint' : 'Build')); clock.advance(5000); }
    const told = events.filter((e) => e.type === 'wentRed' || (e.type === 'stillRed' && e.causeChanged));
    assert.ok(told.length >= 3 && told.length <= 7, `${told.length} toasts`);
    for (let i = 2; i < told.length; i++) { assert.ok(told[i].run.endedAt! >= told[i - 1].run.endedAt!, 'in order'); }
    assert.strictEqual(events.filter((e) => e.type === 'stillRed').length, 119);
  });

  it('Lint, then Build, then Lint again minutes later: the third is said too, so the notification on top names what fails (rereview39b)', () => {
    schedule.onRun(red('Lint'));
    clock.advance(5 * MIN);
    schedule.onRun(red('Build'));
    clock.advance(5 * MIN);
    schedule.onRun(red('Lint'));
    const told = events.filter((e) => e.type === 'wentRed' || (e.type === 'stillRed' && e.causeChanged));
    assert.deepStrictEqual(told.map((e) => e.failedStage), ['Lint', 'Build', 'Lint']);
  });

  it('failingNow: the latest red run\'s failed stage, not the one that opened the period', () => {
    const opened = step(undefined, red('Lint'), '', 0).period;
    assert.ok(opened);
    assert.strictEqual(failingNow(opened), 'Lint');
    const later = step(opened, red('Build'), '', 0).period;
    assert.ok(later);
    assert.strictEqual(later.failedStage, 'Lint', 'what broke it stays, for "red since"');
    assert.strictEqual(failingNow(later), 'Build');
  });
});
