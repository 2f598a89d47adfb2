/**
 * The gauge webview (media/gauge.js) in headless Chromium: the real script, stylesheet and
 * skeleton, a stub acquireVsCodeApi, and `state` messages as the extension posts them.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView, ToWebview } from '../../../src/vscode/gauge/protocol';


const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: ['a step'], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], checklist: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
};

describe('gauge webview: a failed update', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  const post = (m: ToWebview): Promise<unknown> => gauge!.post(m);
  const shown = async (id: string): Promise<{ visible: boolean; text: string }> => {
    const el = gauge!.page.locator(`#${id}`);
    return { visible: await el.isVisible(), text: await el.textContent({ timeout: 5000 }) ?? '' };
  };

  it('shows the problem over the last good view, as text, until an update succeeds', async () => {
    await post({ type: 'state', view: VIEW, note: 'fine' });
    assert.deepEqual(await shown('problem'), { visible: false, text: '' });

    const problem = 'Could not update the gauge: EISDIR <b>not markup</b>';
    await post({ type: 'state', view: VIEW, note: 'fine', problem });
    assert.deepEqual(await shown('problem'), { visible: true, text: problem });
    assert.equal(await gauge!.page.locator('#problem b').count(), 0, 'the problem became markup');
    assert.deepEqual(await shown('gear-name'), { visible: true, text: '2nd gear' }, 'the last good view went away');

    await post({ type: 'state', view: VIEW, note: 'fine again' });
    assert.deepEqual(await shown('problem'), { visible: false, text: '' });
  });
});
