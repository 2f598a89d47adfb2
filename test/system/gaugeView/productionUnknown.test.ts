/**
 * The gauge webview (media/gauge.js) in headless Chromium: without blue/green, a deploy stopped in
 * its production stages leaves production unknown (editor42); the page says so where the live slot
 * would be, under the heading "Production", and goes back to the live slot (or nothing) once known.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: [], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], checklist: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
};
const UNKNOWN = 'the production deploy of 0dc4d919 was interrupted in its production stages (its process was killed): production may hold part of 0dc4d919';

describe('gauge webview: production unknown after a deploy stopped part-way', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  const block = (): Promise<{ hidden: boolean; title: string; text: string }> => gauge!.page.evaluate(
    '({ hidden: document.getElementById("slot-block").hidden, title: document.getElementById("slot-title").textContent, text: document.getElementById("live-slot").textContent })',
  ) as Promise<{ hidden: boolean; title: string; text: string }>;

  it('says "Production" and why it is unknown; then nothing once it is known again, or the live slot', async () => {
    await gauge!.post({ type: 'state', view: { ...VIEW, productionUnknown: UNKNOWN }, note: '' });
    assert.deepEqual(await block(), { hidden: false, title: 'Production', text: UNKNOWN });
    await gauge!.post({ type: 'state', view: { ...VIEW, productionUnknown: null }, note: '' });
    assert.equal((await block()).hidden, true);
    await gauge!.post({ type: 'state', view: { ...VIEW, liveSlot: 'blue' }, note: '' });
    assert.deepEqual(await block(), { hidden: false, title: 'Live slot', text: 'blue' });
  });
});
