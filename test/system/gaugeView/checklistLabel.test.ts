/**
 * The gauge webview (media/gauge.js) in headless Chromium: a readiness checklist item names the
 * gear its practice shifts up from. "(gear 2)" read as "needed for gear 2" (walkcli32 L7).
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: [], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
  checklist: [
    { id: 'blue-green', gear: 2, label: 'Blue/green deployment configured', status: 'missing', how: 'no deploy.strategy: blue-green' },
    { id: 'parallel-stages', gear: 5, label: 'Independent stages run in parallel', status: 'missing', how: 'no needs:' },
  ],
};

describe('gauge webview: the readiness checklist', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  it('tags an item with the gear it shifts up from ("to leave gear 2")', async () => {
    await gauge!.post({ type: 'state', view: VIEW, note: '' });
    const label = await gauge!.page.evaluate('document.querySelector("#checklist .check-label").textContent');
    assert.equal(label, 'Blue/green deployment configured (to leave gear 2)');
  });

  it('the top gear has none to leave: its items make it faster ("to go faster in gear 5", review32 L4)', async () => {
    await gauge!.post({ type: 'state', view: VIEW, note: '' });
    const labels = await gauge!.page.evaluate('[...document.querySelectorAll("#checklist .check-label")].map((e) => e.textContent)') as string[];
    assert.equal(labels[1], 'Independent stages run in parallel (to go faster in gear 5)');
  });
});
