/**
 * walkedit33 L10: before the extension's first `state` message (history still being read), the gauge
 * says it is reading history; it shows neither a gear nor the "no pipeline yet" buttons, which would
 * be wrong for a workspace that has a pipeline and runs.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

const VIEW: GaugeView = {
  gear: { number: 3, name: '3rd gear', rhythm: 'daily', limitingFactor: 'tests', why: 'why', next: [], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], checklist: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
};

describe('gauge webview: before the first state (walkedit33 L10)', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  afterEach(async () => { await gauge?.dispose(); gauge = undefined; });

  const visible = (selector: string): Promise<boolean> => gauge!.page.locator(selector).isVisible();
  const note = async (): Promise<string> => (await gauge!.page.locator('#note').textContent({ timeout: 5000 }))?.trim() ?? '';

  it('says it is reading the run history: no gear, no dial, no "create a pipeline" buttons', async () => {
    gauge = await openGaugePage();
    assert.equal(await note(), 'Reading run history…');
    assert.ok(await visible('#note'));
    assert.equal(await visible('#gauge'), false, 'a gear drawn before the history was read');
    assert.equal(await visible('#empty'), false, 'the no-pipeline state before the history was read');
    assert.equal(await gauge.page.locator('button:visible').count(), 0);
  });

  it('the first state replaces it: the gear, or the no-pipeline state', async () => {
    gauge = await openGaugePage();
    await gauge.post({ type: 'state', view: VIEW, note: '' });
    assert.equal(await note(), '');
    assert.ok(await visible('#gauge'));
    assert.equal(await gauge.page.locator('#gear-name').textContent(), '3rd gear');
    await gauge.dispose();
    gauge = await openGaugePage();
    await gauge.post({ type: 'state', view: null, note: 'No .gearshift.yml in this workspace yet.' });
    assert.equal(await note(), 'No .gearshift.yml in this workspace yet.');
    assert.ok(await visible('#empty'));
  });
});
