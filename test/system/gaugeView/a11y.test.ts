/**
 * The gauge webview (media/) in headless Chromium, for screen reader, low vision and reduced
 * motion users: names in words, text contrast in VS Code's light theme, no needle animation when
 * motion is reduced. The theme's colours are the values VS Code 1.139 gives a webview in Light
 * Modern (measured in code-server, a11y32), set as the variables VS Code sets.
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

/** Light Modern, as VS Code 1.139 passes it to a webview view in the sidebar. */
const LIGHT_MODERN: Record<string, string> = {
  'sideBar-background': '#f8f8f8', 'editor-background': '#ffffff', foreground: '#3b3b3b', descriptionForeground: '#3b3b3b',
  'testing-iconPassed': '#73c991', 'testing-iconFailed': '#b01011', 'editorWarning-foreground': '#bf8803',
  'charts-blue': '#0063d3', 'charts-yellow': '#bf8803', 'charts-orange': 'rgba(234, 92, 0, 0.33)', 'charts-green': '#388a34', 'charts-red': '#e51400',
  focusBorder: '#005fb8', 'panel-border': '#e5e5e5',
};

/** Light High Contrast as VS Code 1.139 passes it: testing.iconFailed and charts.orange are not defined at all. */
const HC_LIGHT: Record<string, string> = {
  'sideBar-background': '#ffffff', 'editor-background': '#ffffff', foreground: '#292929', descriptionForeground: 'rgba(41, 41, 41, 0.7)',
  'testing-iconPassed': '#007100', 'editorWarning-foreground': '#895503', errorForeground: '#b5200d', 'charts-blue': '#0063d3', 'charts-yellow': '#895503',
  contrastBorder: '#0f4a85',
};

const ROW = { group: 'throughput' as const, display: '1/day', detail: 'd', sampleSize: 9, bandYear: 2024, enough: true, trend: null, withheld: null, notMeasured: null };
const VIEW: GaugeView = {
  gear: { number: 2, name: '2nd gear', rhythm: 'once per sprint', limitingFactor: 'environments', why: 'why', next: [], provisional: 'provisional: 2 days of deploy history', heldBack: false, redTimer: null },
  dora: (['elite', 'high', 'medium', 'low'] as const).map((band) => ({ ...ROW, key: band, label: band, band })),
  metrics: [], bandSource: 'DORA 2024', bandYear: 2024, sparklines: { deploysPerWeek: [], pipelineDurationsMs: [] }, sparkLabels: { deploys: '', durations: '', monitor: null },
  stages: [{ name: 'Build', display: '2s', medianMs: 2000, longest: true }, { name: 'Test', display: '1s', medianMs: 1000, longest: false }], rules: [], lastRun: { state: 'green', sha: 'abcdef12', branch: 'main', subject: 's', when: 'cli run, 1m ago' }, pending: null, liveSlot: null, monitor: null, nextStep: null,
  checklist: [
    { id: 'a', gear: 1, label: 'done one', status: 'done', how: 'h' },
    { id: 'b', gear: 2, label: 'missing one', status: 'missing', how: 'h' },
    { id: 'c', gear: 3, label: 'unknown one', status: 'unknown', how: 'h' },
  ],
};

/** WCAG contrast of each element's text against what is behind it (its own fill, else the sidebar). Runs in the page. */
const CONTRAST = `(${function contrasts(selectors: string[]): Record<string, number> {
  // This TypeScript has no DOM types: the few the page gives are named here.
  type Style = { color: string; backgroundColor: string };
  const g = globalThis as unknown as { document: { body: unknown; querySelector(s: string): unknown }; getComputedStyle(e: unknown): Style };
  const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = (c: string): number => {
    const [r, gr, b] = rgb(c).slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * gr + 0.0722 * b;
  };
  const out: Record<string, number> = {};
  for (const s of selectors) {
    const el = g.document.querySelector(s);
    const style = g.getComputedStyle(el);
    const fill = style.backgroundColor;
    const behind = rgb(fill)[3] === 0 ? g.getComputedStyle(g.document.body).backgroundColor : fill;
    const [hi, lo] = [lum(style.color), lum(behind)].sort((x, y) => y - x);
    out[s] = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  }
  return out;
}.toString()})`;

describe('gauge webview: accessible names, contrast and motion', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => {
    gauge = await openGaugePage();
    const vars = Object.entries(LIGHT_MODERN).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
    await gauge.page.addStyleTag({ content: `html { ${vars} } body { background: var(--vscode-sideBar-background); }` });
    await gauge.post({ type: 'state', view: VIEW, note: '' });
  });
  after(async () => { await gauge?.dispose(); });

  it('each checklist item says its status in words to a screen reader (a named image, not a bare glyph)', async () => {
    const icons = await gauge!.page.locator('#checklist .check-icon').evaluateAll((els) => els.map((e) => `${e.getAttribute('role')}:${e.getAttribute('aria-label')}`));
    assert.deepEqual(icons, ['img:done', 'img:missing', 'img:unknown']);
  });

  it('the DORA and speed-limit lists are groups named by their headings (aria-labelledby is allowed there)', async () => {
    for (const id of ['dora', 'metrics']) { assert.equal(await gauge!.page.locator(`#${id}`).getAttribute('role'), 'group', id); }
  });

  it('in Light Modern the last run\'s state, the provisional note and the DORA band chips read at 4.5:1 or more', async () => {
    const selectors = ['#last-state', '#gear-provisional', '.band-elite', '.band-high', '.band-medium', '.band-low'];
    const seen = await gauge!.page.evaluate(`${CONTRAST}(${JSON.stringify(selectors)})`) as Record<string, number>;
    for (const s of selectors) { assert.ok(seen[s] >= 4.5, `${s}: ${seen[s]}:1 ${JSON.stringify(seen)}`); }
    await gauge!.post({ type: 'state', view: { ...VIEW, lastRun: { ...VIEW.lastRun!, state: 'red' } }, note: '' });
    const red = await gauge!.page.evaluate(`${CONTRAST}(["#last-state"])`) as Record<string, number>;
    assert.ok(red['#last-state'] >= 4.5, `red: ${red['#last-state']}:1`);
  });

  // review37a F10: the ✔ was testing.iconPassed (#73c991), about 1.9:1 on the sidebar.
  it('in Light Modern the checklist\'s ✔, ✖ and ? read at 3:1 or more (a glyph that means something, WCAG 1.4.11)', async () => {
    await gauge!.post({ type: 'state', view: VIEW, note: '' });
    const selectors = ['.check-done .check-icon', '.check-missing .check-icon', '.check-unknown .check-icon'];
    const seen = await gauge!.page.evaluate(`${CONTRAST}(${JSON.stringify(selectors)})`) as Record<string, number>;
    for (const s of selectors) { assert.ok(seen[s] >= 3, `${s}: ${seen[s]}:1 ${JSON.stringify(seen)}`); }
  });

  it('in Light High Contrast (no testing.iconFailed, no charts.orange) the red dot and the longest stage\'s bar are painted', async () => {
    const vars = Object.entries(HC_LIGHT).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
    await gauge!.page.addStyleTag({ content: `html { ${Object.keys(LIGHT_MODERN).map((k) => `--vscode-${k}: initial;`).join(' ')} } html { ${vars} }` });
    await gauge!.post({ type: 'state', view: { ...VIEW, lastRun: { ...VIEW.lastRun!, state: 'red' } }, note: '' });
    const painted = await gauge!.page.evaluate(`({
      dot: getComputedStyle(document.getElementById('last-state'), '::before').backgroundColor,
      bar: getComputedStyle(document.querySelector('.bar-row.longest .bar-fill')).backgroundColor,
      other: getComputedStyle(document.querySelector('.bar-row:not(.longest) .bar-fill')).backgroundColor,
    })`) as { dot: string; bar: string; other: string };
    assert.notEqual(painted.other, 'rgba(0, 0, 0, 0)', `the other bar must be painted for this test: ${JSON.stringify(painted)}`);
    assert.notEqual(painted.dot, 'rgba(0, 0, 0, 0)', `red's dot: ${JSON.stringify(painted)}`);
    assert.notEqual(painted.bar, 'rgba(0, 0, 0, 0)', `the bottleneck's bar: ${JSON.stringify(painted)}`);
  });

  it('the needle does not animate under prefers-reduced-motion, nor under VS Code\'s own reduce motion (a body class)', async () => {
    const duration = (): Promise<string> => gauge!.page.locator('#dial-needle').evaluate((e) => (e.ownerDocument.defaultView as unknown as { getComputedStyle(x: unknown): { transitionDuration: string } }).getComputedStyle(e).transitionDuration);
    assert.equal(await duration(), '0.4s', 'the needle should animate by default (else this test proves nothing)');
    await gauge!.page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await duration(), '0s', 'prefers-reduced-motion: reduce');
    await gauge!.page.emulateMedia({ reducedMotion: 'no-preference' });
    await gauge!.page.evaluate('document.body.classList.add("vscode-reduce-motion")');
    assert.equal(await duration(), '0s', 'body.vscode-reduce-motion');
  });
});
