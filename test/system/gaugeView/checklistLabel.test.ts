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

  // review37a F11: core writes its "how" for Markdown surfaces; the page showed the backticks as they are.
  it('shows the "how" line\'s `code` as code, without backticks; a lone backtick and markup stay text', async () => {
    const checklist = [
      { id: 'flags', gear: 4, label: 'feature toggles in use', status: 'missing' as const, how: 'no flags file that `gearshift flags` reads (flags.json, or the files `flags:` names)' },
      { id: 'odd', gear: 4, label: 'odd', status: 'missing' as const, how: 'one ` alone <b>stays text</b>' },
    ];
    await gauge!.post({ type: 'state', view: { ...VIEW, checklist }, note: '' });
    const [flags, odd] = await gauge!.page.evaluate(`Array.from(document.querySelectorAll('#checklist .check-how')).map((e) => ({
      text: e.textContent, code: Array.from(e.querySelectorAll('code')).map((c) => c.textContent), elements: e.querySelectorAll('*').length,
    }))`) as { text: string; code: string[]; elements: number }[];
    assert.deepEqual(flags, { text: 'no flags file that gearshift flags reads (flags.json, or the files flags: names)', code: ['gearshift flags', 'flags:'], elements: 2 });
    assert.deepEqual(odd, { text: 'one ` alone <b>stays text</b>', code: [], elements: 0 });
  });

  // review37a F11: the stage bars' tooltip sat on a `display: contents` row, which has no box to hover.
  it('each stage bar\'s name, bar and value carry its tooltip', async () => {
    const stages = [{ name: 'Build', display: '2s', medianMs: 2000, longest: true }, { name: 'Test', display: '1s', medianMs: 1000, longest: false }];
    await gauge!.post({ type: 'state', view: { ...VIEW, stages }, note: '' });
    const titles = await gauge!.page.evaluate(`Array.from(document.querySelectorAll('#stage-bars .bar-row')).map((r) => Array.from(r.children)
      .filter((c) => !c.classList.contains('visually-hidden')).map((c) => c.getAttribute('title')))`) as (string | null)[][];
    const longest = 'Build: the longest stage — the bottleneck';
    assert.deepEqual(titles, [[longest, longest, longest], ['Test', 'Test', 'Test']]);
  });
});
