/**
 * review37a F11: the checklist's "how" showed Markdown backticks as they are (core writes them for Markdown
 * surfaces), and the stage bars' tooltip sat on a `display: contents` row, which has no box to hover.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: [], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [{ name: 'Build', display: '2s', medianMs: 2000, longest: true }, { name: 'Test', display: '1s', medianMs: 1000, longest: false }],
  rules: [], lastRun: null, pending: null, liveSlot: null, monitor: null, nextStep: null,
  checklist: [
    { id: 'flags', gear: 4, label: 'feature toggles in use', status: 'missing', how: 'no flags file that `gearshift flags` reads (flags.json, or the files `flags:` names)' },
    { id: 'odd', gear: 4, label: 'odd', status: 'missing', how: 'one ` alone <b>stays text</b>' },
  ],
};

describe('gauge webview: Markdown code in plain text, and tooltips that show', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => {
    gauge = await openGaugePage();
    await gauge.post({ type: 'state', view: VIEW, note: '' });
  });
  after(async () => { await gauge?.dispose(); });

  it('the checklist\'s `code` is shown as code, without backticks; a lone backtick and markup stay text', async () => {
    const [flags, odd] = await gauge!.page.evaluate(`Array.from(document.querySelectorAll('#checklist .check-how')).map((e) => ({
      text: e.textContent, code: Array.from(e.querySelectorAll('code')).map((c) => c.textContent), elements: e.querySelectorAll('*').length,
    }))`) as { text: string; code: string[]; elements: number }[];
    assert.deepEqual(flags, { text: 'no flags file that gearshift flags reads (flags.json, or the files flags: names)', code: ['gearshift flags', 'flags:'], elements: 2 });
    assert.deepEqual(odd, { text: 'one ` alone <b>stays text</b>', code: [], elements: 0 });
  });

  it('each stage bar\'s parts carry its tooltip (the row itself has no box to hover)', async () => {
    const titles = await gauge!.page.evaluate(`Array.from(document.querySelectorAll('#stage-bars .bar-row')).map((r) => Array.from(r.children)
      .filter((c) => !c.classList.contains('visually-hidden')).map((c) => c.getAttribute('title')))`) as (string | null)[][];
    assert.deepEqual(titles, [
      ['Build: the longest stage — the bottleneck', 'Build: the longest stage — the bottleneck', 'Build: the longest stage — the bottleneck'],
      ['Test', 'Test', 'Test'],
    ]);
  });
});
