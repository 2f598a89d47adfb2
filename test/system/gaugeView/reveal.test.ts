/**
 * The gauge webview (media/gauge.js) in headless Chromium: a `reveal` message, as the extension
 * posts it for the walkthrough's "Show Readiness Checklist", lands on the checklist.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView, ToWebview } from '../../../src/vscode/gauge/protocol';

const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: ['a step', 'another step', 'a third step'], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [], rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
  checklist: Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, gear: 1 + (i % 5), label: `practice ${i}`, status: 'missing' as const, how: 'not found' })),
};

describe('gauge webview: a link that lands on a section', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => {
    gauge = await openGaugePage();
    // A sidebar-sized view: the checklist starts below the fold.
    await gauge.page.setViewportSize({ width: 300, height: 240 });
  });
  after(async () => { await gauge?.dispose(); });

  const post = (m: ToWebview): Promise<unknown> => gauge!.post(m);
  const where = (): Promise<{ top: number; scrollTop: number; focused: string }> => gauge!.page.evaluate(
    '({ top: document.getElementById("checklist-title").getBoundingClientRect().top, scrollTop: document.scrollingElement.scrollTop, focused: document.activeElement.id })',
  ) as Promise<{ top: number; scrollTop: number; focused: string }>;

  it('reveal "checklist" scrolls the checklist heading to the top of the view and focuses it', async () => {
    await post({ type: 'state', view: VIEW, note: '' });
    const before = await where();
    assert.ok(before.top > 240 && before.scrollTop === 0, `the checklist must start below the fold for this test: ${JSON.stringify(before)}`);
    await post({ type: 'reveal', section: 'checklist' });
    const after = await where();
    assert.ok(after.scrollTop > 0 && Math.abs(after.top) < 2, `not landed on the checklist: ${JSON.stringify(after)}`);
    assert.equal(after.focused, 'checklist-title');
  });

  it('does nothing while no gauge is drawn (no pipeline): nothing to land on', async () => {
    await gauge!.page.evaluate('window.scrollTo(0, 0)');
    await post({ type: 'state', view: null, note: 'no pipeline' });
    await post({ type: 'reveal', section: 'checklist' });
    assert.equal((await where()).scrollTop, 0);
  });
});
