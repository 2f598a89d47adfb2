import * as assert from 'node:assert/strict';
import { computeGauge, toGaugeView } from '../../../src/core/gears';
import type { RunRecord } from '../../../src/core/pipeline';
import { DAY, deployRun, NOW, SIMPLE } from './helpers';

describe('gears: the gauge view the webview renders', () => {
  const model = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 2 * DAY), deployRun(NOW - DAY)] });

  it('says when and how the last run went, with an 8-character sha', () => {
    const last = { id: 'r', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'commit', state: 'green', startedAt: new Date(NOW - 120_000).toISOString(), endedAt: new Date(NOW - 90_000).toISOString(), stages: [] } as unknown as RunRecord;
    const view = toGaugeView(model, last, undefined, NOW);
    assert.deepEqual(view.lastRun, { state: 'green', sha: 'abcdef01', branch: 'main', subject: '', when: 'commit run, 1m 30s ago' });
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
});
