import * as assert from 'assert';
import type { GaugeView, ToWebview } from '../../../src/vscode/gauge/protocol';
import { openGaugePage, type OpenGauge } from './page';

const HOSTILE = 'Deploy <img src=x onerror="document.title=\'pwned\'">';

const VIEW: GaugeView = {
  gear: { number: 1, name: '1st gear', rhythm: 'about monthly', limitingFactor: 'deployment failure rate', why: 'why', next: ['a step'], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], checklist: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null,
  nextStep: { id: 'nonProdDeploy', title: 'Deploy to non-prod' },
};

describe('gauge webview: the link to the walkthrough\'s next step', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  const post = (m: ToWebview): Promise<unknown> => gauge!.post(m);
  const posted = (): Promise<unknown[]> => gauge!.page.evaluate('window.posted.filter((m) => m.type !== "ready")') as Promise<unknown[]>;

  it('names the next step and, clicked, asks the extension to open it there', async () => {
    await post({ type: 'state', view: VIEW, note: '' });
    const link = gauge!.page.locator('#walkthrough-link');
    assert.strictEqual(await link.textContent(), 'Next in the walkthrough: Deploy to non-prod');
    await link.click();
    assert.deepStrictEqual(await posted(), [{ type: 'openWalkthroughStep', step: 'nonProdDeploy' }]);
  });

  it('shows a title made of HTML as text', async () => {
    await post({ type: 'state', view: { ...VIEW, nextStep: { id: 'x', title: HOSTILE } }, note: '' });
    assert.strictEqual(await gauge!.page.locator('#walkthrough-link').textContent(), `Next in the walkthrough: ${HOSTILE}`);
    assert.strictEqual(await gauge!.page.locator('#walkthrough-next img').count(), 0);
    assert.notStrictEqual(await gauge!.page.title(), 'pwned');
  });

  it('is hidden when every step is done, and a click then posts nothing', async () => {
    await gauge!.page.evaluate('window.posted.length = 0');
    await post({ type: 'state', view: { ...VIEW, nextStep: null }, note: '' });
    assert.strictEqual(await gauge!.page.locator('#walkthrough-next').isVisible(), false);
    await gauge!.page.evaluate('document.getElementById("walkthrough-link").click()');
    assert.deepStrictEqual(await posted(), []);
  });
});
