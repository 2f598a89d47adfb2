/**
 * The gauge page's "… ago" texts (review39 L5) and its empty waiting block (L6): drawn from the
 * state, then redrawn in place by each `ages` message (the provider's tick), nothing else rebuilt.
 */
import * as assert from 'node:assert/strict';
import { computeGauge, gaugeAges, pendingView, toGaugeView } from '../../../src/core/gears';
import type { RunRecord } from '../../../src/core/pipeline';
import { openGaugePage, type OpenGauge } from './page';
import { DAY, deployRun, NOW, pipeline, run, SIMPLE, stage } from '../../unit/gears/helpers';

describe('gauge webview: the ages tick in place, the waiting block says what is known', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });
  const text = (selector: string): Promise<string> => gauge!.page.locator(selector).first().textContent().then((t) => t ?? '');
  const texts = (selector: string): Promise<string[]> => gauge!.page.locator(selector).allTextContents();
  const model = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - DAY)] });
  const last = { id: 'r', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'manual', state: 'red', startedAt: new Date(NOW - 1_000).toISOString(), endedAt: new Date(NOW - 275).toISOString(), stages: [] } as unknown as RunRecord;
  const at = (ms: number) => new Date(NOW - ms).toISOString();
  const waiting = { count: 2, finish: 'production' as const, oldest: { time: at(5_000) }, commits: [{ sha: 'a'.repeat(40), subject: 'older', time: at(5_000) }, { sha: 'b'.repeat(40), subject: 'newer', time: at(1_000) }] };

  it('"manual run, 0s ago" becomes "54s ago" on an ages message, the commits\' ages and the oldest too, in the same elements', async () => {
    const view = toGaugeView(model, last, { pending: pendingView(waiting, NOW), liveSlot: null, monitor: null }, NOW);
    await gauge!.post({ type: 'state', view, note: '' });
    assert.equal(await text('#last-when'), 'manual run, 0s ago');
    assert.deepEqual(await texts('#pending-commits .age'), ['1s ago', '5s ago']);
    assert.equal(await text('#pending-summary'), '2 commits not yet in production; oldest 5s.');
    await gauge!.page.evaluate('document.getElementById("last-when").dataset.mark = "kept"; document.querySelector("#pending-commits li").dataset.mark = "kept"');
    await gauge!.post({ type: 'ages', ...gaugeAges(view, NOW + 54_000) });
    assert.equal(await text('#last-when'), 'manual run, 54s ago');
    assert.deepEqual(await texts('#pending-commits .age'), ['55s ago', '59s ago']);
    assert.equal(await text('#pending-summary'), '2 commits not yet in production; oldest 59s.');
    assert.equal(await gauge!.page.evaluate('document.getElementById("last-when").dataset.mark + document.querySelector("#pending-commits li").dataset.mark'), 'keptkept', 'redrawn in place, not rebuilt');
  });

  it('none waiting, no run ever green: "No green run yet", never "Every commit has had a green run" (L6)', async () => {
    const testsOnly = pipeline([stage('Unit Tests'), stage('Build')]);
    const red = computeGauge({ now: NOW, pipeline: testsOnly, runs: [run(NOW - 60_000, { 'Unit Tests': ['failed', 1] }, 'red')] });
    const none = { count: 0, finish: 'green run' as const, commits: [] };
    await gauge!.post({ type: 'state', view: toGaugeView(red, undefined, { pending: pendingView(none, NOW), liveSlot: null, monitor: null }, NOW), note: '' });
    assert.equal(await text('#pending-title'), 'Waiting for a green run');
    assert.equal(await text('#pending-summary'), 'No green run yet. No commit made since this window opened is waiting for one.');
    const green = computeGauge({ now: NOW, pipeline: testsOnly, runs: [run(NOW - 60_000, { 'Unit Tests': ['passed', 1], Build: ['passed', 1] })] });
    await gauge!.post({ type: 'state', view: toGaugeView(green, undefined, { pending: pendingView(none, NOW), liveSlot: null, monitor: null }, NOW), note: '' });
    assert.equal(await text('#pending-summary'), 'No commit made since this window opened is waiting for a green run.');
  });
});
