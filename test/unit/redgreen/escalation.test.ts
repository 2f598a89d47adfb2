import * as assert from 'node:assert';
import { EscalationSchedule, type EscalationEvent, normalizeReminderMs } from '../../../src/core/redgreen/escalation';
import { redPeriodFromHistory } from '../../../src/core/redgreen/fromHistory';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { FakeClock } from './fakeClock';
import { MIN, run } from './runs';

describe('EscalationSchedule', () => {
  let clock: FakeClock;
  let schedule: EscalationSchedule;
  let events: EscalationEvent[];

  /** A run that ends "now" on the fake clock, as the runner would write it. */
  function ended(state: RunRecord['state']): RunRecord {
    return run(state, 0, { endedAt: new Date(clock.now()).toISOString() });
  }
  function make(reminderMs?: number, repo?: string): void {
    schedule = new EscalationSchedule({ clock, reminderMs, repo });
    events = [];
    schedule.onEvent((e) => events.push(e));
  }
  const summary = (): string[] => events.map((e) => `${e.type}:${e.level}@${e.redForMs / MIN}m`);

  beforeEach(() => {
    clock = new FakeClock();
    make();
  });
  afterEach(() => schedule.dispose());

  it('red → a wentRed notification at once, then reminders exactly at 15m, 30m, 45m with rising levels', () => {
    schedule.onRun(ended('running'));
    assert.strictEqual(events.length, 0);
    const red = ended('red');
    schedule.onRun(red);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m']);
    assert.strictEqual(events[0].run.id, red.id);
    assert.strictEqual(events[0].failedStage, 'Unit Tests');

    clock.advance(15 * MIN - 1);
    assert.strictEqual(events.length, 1, 'nothing a millisecond early');
    clock.advance(1);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'reminder:1@15m']);
    clock.advance(30 * MIN);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'reminder:1@15m', 'reminder:2@30m', 'reminder:3@45m']);
  });

  it('reminder wording grows firmer with each level', () => {
    schedule.onRun(ended('red'));
    clock.advance(60 * MIN);
    const [red, first, second, third] = events.map((e) => e.message);
    assert.match(red, /^The pipeline is red: Unit Tests failed on main at \w{8}, run run-\d{4}\. Fix it or revert/);
    assert.match(first, /^The pipeline is still red \(15m\): Unit Tests failed/);
    assert.match(second, /has been red for 30m and nobody has fixed it: .*Stop and fix it or revert now\.$/);
    assert.match(third, /^Reminder 3: nobody has fixed the pipeline for 45m: .*drop other work/);
    assert.ok(events.every((e) => !/https?:|\n/.test(e.message)), 'plain text, one line, no links');
  });

  it('back to green names the failed stage only while the pipeline still has it (walk30 L8)', () => {
    schedule.onRun(ended('red'));
    clock.advance(MIN);
    schedule.onRun(ended('green'));
    assert.match(events[events.length - 1].message, /^Back to green after 1m: Unit Tests passes again \(main at /);
    schedule.onRun(ended('red'));
    clock.advance(MIN);
    const withoutIt = ended('green');
    schedule.onRun({ ...withoutIt, stages: withoutIt.stages.filter((s) => s.name !== 'Unit Tests') });
    const back = events[events.length - 1];
    assert.strictEqual(back.type, 'backToGreen');
    assert.match(back.message, /^Back to green after 1m: the failing stage was removed from the pipeline \(main at /);
    assert.ok(!back.message.includes('Unit Tests'), back.message);
  });

  it('cancelled, interrupted, running and further red runs keep the reminders going on the same schedule', () => {
    schedule.onRun(ended('red'));
    clock.advance(5 * MIN);
    schedule.onRun(ended('cancelled'));
    schedule.onRun(ended('running'));
    clock.advance(5 * MIN);
    const later = ended('red');
    schedule.onRun(later);
    schedule.onRun(ended('interrupted'));
    clock.advance(5 * MIN);
    // The later red run (same stage) is an event for the log only (review39 M4), not a new notification.
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'stillRed:0@10m', 'reminder:1@15m']);
    assert.strictEqual(events[1].type === 'stillRed' && events[1].causeChanged, false);
    assert.strictEqual(events[2].run.id, later.id, 'a reminder names the latest red run');
  });

  it('a reminder after a later red commit still names the commit that broke it, and adds where it is still red', () => {
    const broke = ended('red');
    schedule.onRun(broke);
    clock.advance(5 * MIN);
    const later = ended('red');
    schedule.onRun(later);
    clock.advance(10 * MIN);
    const reminder = events[2];
    assert.strictEqual(reminder.type, 'reminder');
    assert.match(reminder.message, new RegExp(`Unit Tests failed on main at ${broke.sha.slice(0, 8)}, run ${broke.id.slice(0, 8)}; still red at ${later.sha.slice(0, 8)}\\.`));
    schedule.onCommit('abcdef1234567');
    assert.match(events[3].message, new RegExp(`failed on main at ${broke.sha.slice(0, 8)}`), 'the "is this the fix?" names it too');
  });

  it('green stops the reminders and says "back to green after 42m" once', () => {
    schedule.onRun(ended('red'));
    clock.advance(42 * MIN);
    const green = ended('green');
    schedule.onRun(green);
    schedule.onRun(green);
    schedule.onRun(ended('green'));
    clock.advance(120 * MIN);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'reminder:1@15m', 'reminder:2@30m', 'backToGreen:2@42m']);
    const back = events[3];
    assert.match(back.message, /^Back to green after 42m: Unit Tests passes again \(main at \w{8}, run run-\d{4}\)\.$/);
    assert.strictEqual(back.run.id, green.id);
    assert.strictEqual(back.type === 'backToGreen' && back.recovery.durationMs, 42 * MIN);
    assert.strictEqual(clock.size, 0, 'no timer left behind');
  });

  it('a new red period after green starts over at level 0', () => {
    schedule.onRun(ended('red'));
    clock.advance(31 * MIN);
    schedule.onRun(ended('green'));
    schedule.onRun(ended('red'));
    clock.advance(15 * MIN);
    assert.deepStrictEqual(summary().slice(3), ['backToGreen:2@31m', 'wentRed:0@0m', 'reminder:1@15m']);
  });

  it('reminderMs 0 turns reminders off (red and green still notify)', () => {
    make(0);
    schedule.onRun(ended('red'));
    clock.advance(10 * 60 * MIN);
    schedule.onRun(ended('green'));
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'backToGreen:0@600m']);
    assert.strictEqual(clock.size, 0);
  });

  it('changing the interval mid-red applies from the last notification; 0 stops, turning on again resumes', () => {
    schedule.onRun(ended('red'));
    clock.advance(15 * MIN); // reminder 1 at 15m
    clock.advance(5 * MIN);
    schedule.setReminderMs(30 * MIN); // next: 15m + 30m = 45m
    clock.advance(24 * MIN);
    assert.strictEqual(events.length, 2);
    clock.advance(1 * MIN);
    assert.deepStrictEqual(summary().slice(2), ['reminder:2@45m']);
    schedule.setReminderMs(0);
    clock.advance(120 * MIN);
    assert.strictEqual(events.length, 3);
    schedule.setReminderMs(10 * MIN); // last notification long ago: due at once
    clock.advance(0);
    clock.advance(10 * MIN);
    assert.deepStrictEqual(summary().slice(3), ['reminder:3@165m', 'reminder:4@175m']);
  });

  it('a shorter interval whose time has already passed reminds at once, not in a burst', () => {
    schedule.onRun(ended('red'));
    clock.advance(14 * MIN);
    schedule.setReminderMs(5 * MIN);
    clock.advance(0);
    clock.advance(4 * MIN);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'reminder:1@14m']);
  });

  it('tiny and bad intervals are normalised: ms meant as minutes cannot spam', () => {
    assert.deepStrictEqual([0, -1, NaN, 15, 90_000, 1e12].map(normalizeReminderMs), [0, 0, 0, 60_000, 90_000, 2 ** 31 - 1]);
  });

  it('commitWhileRed: once per red period, never while green', () => {
    schedule.onCommit('aaaa1111');
    schedule.onRun(ended('red'));
    clock.advance(3 * MIN);
    schedule.onCommit('bbbb2222bbbb');
    schedule.onCommit('cccc3333');
    schedule.onRun(ended('green'));
    schedule.onRun(ended('red'));
    schedule.onCommit('dddd4444');
    const asks = events.filter((e) => e.type === 'commitWhileRed');
    assert.deepStrictEqual(asks.map((e) => e.type === 'commitWhileRed' && e.sha), ['bbbb2222bbbb', 'dddd4444']);
    assert.match(asks[0].message, /^The pipeline is red \(Unit Tests failed on .*, 3m ago\) — is commit bbbb2222 the fix\? If not, fix or revert/);
    assert.strictEqual(asks[0].type === 'commitWhileRed' && asks[0].runs, false);
  });

  it('commitWhileRed for a commit that starts its own run (trigger: commit) says so, so the editor offers no second run', () => {
    schedule.onRun(ended('red'));
    schedule.onCommit('eeee5555', true);
    const ask = events.find((e) => e.type === 'commitWhileRed');
    assert.ok(ask?.type === 'commitWhileRed');
    assert.strictEqual(ask.runs, true);
    assert.match(ask.message, /is commit eeee5555 the fix\? Its run starts by itself \(trigger: commit\)\. If not, fix or revert the red pipeline first\.$/);
  });

  it('dispose clears the timer and silences everything after', () => {
    schedule.onRun(ended('red'));
    assert.strictEqual(clock.size, 1);
    schedule.dispose();
    assert.strictEqual(clock.size, 0);
    schedule.onRun(ended('red'));
    schedule.onCommit('abc');
    schedule.setReminderMs(MIN);
    clock.advance(60 * MIN);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m']);
    assert.strictEqual(clock.size, 0);
  });

  it('a listener that throws does not stop the schedule', () => {
    schedule.onEvent(() => { throw new Error('broken view'); });
    schedule.onRun(ended('red'));
    clock.advance(15 * MIN);
    assert.deepStrictEqual(summary(), ['wentRed:0@0m', 'reminder:1@15m']);
  });

  it('the wall clock set back an hour: redForMs stays ≥ 0 and the next reminder still comes within one interval', () => {
    schedule.onRun(ended('red'));
    clock.jump(-60 * MIN);
    schedule.onCommit('abc12345');
    assert.strictEqual(events[1].redForMs, 0);
    clock.advance(15 * MIN);
    assert.deepStrictEqual(summary().slice(2), ['reminder:1@0m']);
    assert.ok(events.every((e) => e.redForMs >= 0));
  });

  it('restores a red period from history after a reload: no new wentRed, reminders continue at the right level', () => {
    const start = clock.now();
    const history = [run('cancelled', 50), run('red', 0, { endedAt: new Date(start).toISOString() })];
    clock.advance(50 * MIN);
    make(15 * MIN, 'api');
    schedule.restore(redPeriodFromHistory(history, 'api'));
    assert.strictEqual(schedule.redPeriod?.redSince, start);
    clock.advance(10 * MIN);
    assert.deepStrictEqual(summary(), ['reminder:4@60m']);
    assert.match(events[0].message, /^api: Reminder 4: nobody has fixed the pipeline for 1h 00m/);
    schedule.restore(undefined);
    assert.strictEqual(clock.size, 0);
  });
});
