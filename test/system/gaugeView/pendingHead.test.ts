/**
 * The gauge webview (media/gauge.js) in headless Chromium: "Waiting for production" counted from
 * what production serves (`scope: 'head'`, editor42) says so when none waits, instead of speaking
 * of the commits made since the window opened.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: [], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], checklist: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
};

describe('gauge webview: Waiting for production counted from what production serves', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  const summary = (): Promise<string> => gauge!.page.evaluate('document.getElementById("pending-summary").textContent') as Promise<string>;

  it('none waiting: "Every commit on HEAD is in production." (or has had a green run); the window\'s commits otherwise, as before', async () => {
    const none = { count: 0, finish: 'production' as const, oldestAge: '', commits: [], everGreen: true };
    await gauge!.post({ type: 'state', view: { ...VIEW, pending: { ...none, scope: 'head' } }, note: '' });
    assert.equal(await summary(), 'Every commit on HEAD is in production.');
    await gauge!.post({ type: 'state', view: { ...VIEW, pending: { ...none, finish: 'green run', scope: 'head' } }, note: '' });
    assert.equal(await summary(), 'Every commit on HEAD has had a green run.');
    await gauge!.post({ type: 'state', view: { ...VIEW, pending: none }, note: '' });
    assert.equal(await summary(), 'No commit made since this window opened is waiting for production.');
  });
});
