import * as assert from 'assert';
import type { GaugeView, ToWebview } from '../../../src/vscode/gauge/protocol';
import { gaugePage } from './page';
import { type Browser, launchBrowser } from '../../harness/browser';

const HOSTILE = 'Deploy <img src=x onerror="document.title=\'pwned\'">';

const VIEW: GaugeView = {
  gear: { number: 1, name: '1st gear', rhythm: 'about monthly', limitingFactor: 'deployment failure rate', why: 'why', next: ['a step'] },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] },
  stages: [], checklist: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null,
  nextStep: { id: 'nonProdDeploy', title: 'Deploy to non-prod' },
};


describe('gauge webview: the link to the walkthrough\'s next step', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchBrowser();
    await browser.page.setContent(gaugePage());
  });
  after(async () => { await browser?.dispose(); });

  const post = (m: ToWebview): Promise<unknown> => browser!.page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(m)} }))`);
  const posted = (): Promise<unknown[]> => browser!.page.evaluate('window.posted.filter((m) => m.type !== "ready")') as Promise<unknown[]>;

  it('names the next step and, clicked, asks the extension to open it there', async () => {
    await post({ type: 'state', view: VIEW, note: '' });
    const link = browser!.page.locator('#walkthrough-link');
    assert.strictEqual(await link.textContent(), 'Next in the walkthrough: Deploy to non-prod');
    await link.click();
    assert.deepStrictEqual(await posted(), [{ type: 'openWalkthroughStep', step: 'nonProdDeploy' }]);
  });

  it('shows a title made of HTML as text', async () => {
    await post({ type: 'state', view: { ...VIEW, nextStep: { id: 'x', title: HOSTILE } }, note: '' });
    assert.strictEqual(await browser!.page.locator('#walkthrough-link').textContent(), `Next in the walkthrough: ${HOSTILE}`);
    assert.strictEqual(await browser!.page.locator('#walkthrough-next img').count(), 0);
    assert.notStrictEqual(await browser!.page.title(), 'pwned');
  });

  it('is hidden when every step is done, and a click then posts nothing', async () => {
    await browser!.page.evaluate('window.posted.length = 0');
    await post({ type: 'state', view: { ...VIEW, nextStep: null }, note: '' });
    assert.strictEqual(await browser!.page.locator('#walkthrough-next').isVisible(), false);
    await browser!.page.evaluate('document.getElementById("walkthrough-link").click()');
    assert.deepStrictEqual(await posted(), []);
  });
});
