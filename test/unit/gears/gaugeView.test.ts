import * as assert from 'node:assert/strict';
import { ageSinces, computeGauge, gaugeAges, pendingView, toGaugeView } from '../../../src/core/gears';
import type { RunRecord } from '../../../src/core/pipeline';
import { DAY, deployRun, NOW, SIMPLE } from './helpers';

describe('gears: the gauge view the webview renders', () => {
  const model = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 2 * DAY), deployRun(NOW - DAY)] });

  it('says when and how the last run went, with an 8-character sha', () => {
    const last = { id: 'r', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'commit', state: 'green', startedAt: new Date(NOW - 120_000).toISOString(), endedAt: new Date(NOW - 90_000).toISOString(), stages: [] } as unknown as RunRecord;
    const view = toGaugeView(model, last, undefined, NOW);
    // "1m ago": the age ticks (review39 L5), so it is said in whole units rounded down, as the red timer is, and carries its time.
    assert.deepEqual(view.lastRun, { state: 'green', sha: 'abcdef01', branch: 'main', subject: '', trigger: 'commit', at: NOW - 90_000, when: 'commit run, 1m ago' });
    assert.equal(toGaugeView(model, { ...last, sha: 'none' }, undefined, NOW).lastRun?.sha, 'no commit');
  });

  it('shows a subject, branch or stage name as text: a bidi override or control is escaped, visibly', () => {
    const last = { id: 'r', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'ma\u202ein', subject: 'Fix \u202ekcehc\x1b[2J', trigger: 'commit', state: 'green', startedAt: new Date(NOW - 120_000).toISOString(), endedAt: new Date(NOW - 90_000).toISOString(), stages: [] } as unknown as RunRecord;
    const hostileStage = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - DAY)] });
    const named = { ...hostileStage, stageDurations: hostileStage.stageDurations.map((s, i) => (i === 0 ? { ...s, name: 'unit\u2066 tests' } : s)) };
    const view = toGaugeView(named, last, undefined, NOW);
    assert.equal(view.lastRun?.subject, 'Fix \\u202ekcehc\\x1b[2J');
    assert.equal(view.lastRun?.branch, 'ma\\u202ein');
    assert.equal(view.stages[0].name, 'unit\\u2066 tests');
  });

  it('carries the gear and every metric as display text, and no extras until they are known', () => {
    const view = toGaugeView(model, undefined, undefined, NOW);
    assert.equal(view.gear.number, model.gear.number);
    assert.deepEqual(view.metrics.map((m) => m.id), model.metrics.map((m) => m.id));
    assert.ok(view.metrics.every((m) => typeof m.display === 'string' && m.display.length > 0));
    assert.deepEqual([view.lastRun, view.pending, view.liveSlot, view.monitor], [null, null, null, null]);
    assert.deepEqual(JSON.parse(JSON.stringify(view)), view, 'plain data: it crosses postMessage unchanged');
  });

  it('the ages read again later move on: the last run, the oldest waiting commit and each listed commit (review39 L5)', () => {
    const last = { id: 'r', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'commit', state: 'red', startedAt: new Date(NOW - 1_000).toISOString(), endedAt: new Date(NOW - 275).toISOString(), stages: [] } as unknown as RunRecord;
    const waiting = {
      count: 2, finish: 'production' as const, oldest: { time: new Date(NOW - 5_000).toISOString() },
      commits: [{ sha: 'a'.repeat(40), subject: 'older', time: new Date(NOW - 5_000).toISOString() }, { sha: 'b'.repeat(40), subject: 'newer', time: new Date(NOW - 1_000).toISOString() }],
    };
    const view = toGaugeView(model, last, { pending: pendingView(waiting, NOW), liveSlot: null, monitor: null }, NOW);
    assert.equal(view.lastRun?.when, 'commit run, 0s ago');
    assert.deepEqual([view.pending?.oldestAge, view.pending?.commits.map((c) => c.age)], ['5s', ['1s ago', '5s ago']]);
    assert.deepEqual(gaugeAges(view, NOW + 54_000), { lastRun: 'commit run, 54s ago', oldestAge: '59s', commitAges: ['55s ago', '59s ago'] });
    assert.deepEqual(gaugeAges(view, NOW + 90 * 60_000), { lastRun: 'commit run, 1h 30m ago', oldestAge: '1h 30m', commitAges: ['1h 30m ago', '1h 30m ago'] });
    assert.deepEqual(ageSinces(view).sort(), [NOW - 5_000, NOW - 5_000, NOW - 1_000, NOW - 275].sort());
    assert.deepEqual(JSON.parse(JSON.stringify(view)), view, 'plain data: it crosses postMessage unchanged');
  });
});
