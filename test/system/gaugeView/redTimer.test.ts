/**
 * The gauge page's red timer (review26 F8): drawn from the state, then redrawn in place by each
 * `redTimer` message (the status bar's tick), with nothing else on the page rebuilt.
 */
import * as assert from 'node:assert/strict';
import { computeGauge, toGaugeView } from '../../../src/core/gears';
import { openGaugePage, type OpenGauge } from './page';
import { deployRun, DAY, MINUTE, NOW, SIMPLE } from '../../unit/gears/helpers';

describe('gauge webview: the red timer ticks in place', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });
  const text = (selector: string): Promise<string> => gauge!.page.locator(selector).textContent().then((t) => t ?? '');
  const runs = Array.from({ length: 5 }, (_, i) => deployRun(NOW - 5 * DAY + i * DAY));

  it('"red for 6m" becomes "red for 7m" on a redTimer message, in the same element, the rest of the why untouched', async () => {
    const view = toGaugeView(computeGauge({ now: NOW, pipeline: SIMPLE, runs, redPeriods: [{ since: NOW - 6 * MINUTE - 5_000, until: null, sha: 'abc1234def' }] }), undefined, undefined, NOW);
    assert.deepEqual(view.gear.redTimer, { since: NOW - 6 * MINUTE - 5_000, text: 'red for 6m', rest: ' since abc1234d: commits are not reaching production' });
    await gauge!.post({ type: 'state', view, note: '' });
    assert.equal(await text('#limit-why'), 'red for 6m since abc1234d: commits are not reaching production');
    // Marks on the elements: a page rebuilt by the tick would lose them.
    await gauge!.page.evaluate('document.getElementById("limit-timer").dataset.mark = "kept"; document.getElementById("limit-why-rest").dataset.mark = "kept"');
    await gauge!.post({ type: 'redTimer', text: 'red for 7m' });
    assert.equal(await text('#limit-why'), 'red for 7m since abc1234d: commits are not reaching production');
    assert.equal(await gauge!.page.evaluate('document.getElementById("limit-timer").dataset.mark + document.getElementById("limit-why-rest").dataset.mark'), 'keptkept');
  });

  it('the page draws the timer and the rest as the model carries them, never by cutting the why at the timer\'s length', async () => {
    const view = toGaugeView(computeGauge({ now: NOW, pipeline: SIMPLE, runs, redPeriods: [{ since: NOW - 6 * MINUTE - 5_000, until: null, sha: 'abc1234def' }] }), undefined, undefined, NOW);
    // A why re-timed apart from its timer (a recompute that took a minute): the spans follow redTimer.
    const retimed = { ...view, gear: { ...view.gear, why: 'red for 5m since abc1234d: commits are not reaching production', redTimer: { ...view.gear.redTimer!, text: 'red for 6m' } } };
    await gauge!.post({ type: 'state', view: retimed, note: '' });
    assert.equal(await text('#limit-timer'), 'red for 6m');
    assert.equal(await text('#limit-why-rest'), ' since abc1234d: commits are not reaching production');
  });

  it('a redTimer message to a page that shows no red timer changes nothing', async () => {
    const view = toGaugeView(computeGauge({ now: NOW, pipeline: SIMPLE, runs }), undefined, undefined, NOW);
    assert.equal(view.gear.redTimer, null);
    await gauge!.post({ type: 'state', view, note: '' });
    const before = await text('#limit-why');
    await gauge!.post({ type: 'redTimer', text: 'red for 7m' });
    assert.equal(await text('#limit-why'), before);
    assert.doesNotMatch(before, /red for/);
  });
});
