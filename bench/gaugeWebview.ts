/**
 * The gauge webview's cost per event, in headless Chromium: the real media/ gauge scripts and
 * gauge.css in a page with the real skeleton (gaugeHtml.ts) and a stub acquireVsCodeApi. Each
 * `state` message the extension would post after a run is timed as (a) the page's in-place
 * update and (b) a full re-render of the same message: the skeleton put back (outerHTML of <main>),
 * then the state rendered into it. Both include a forced style + layout (offsetHeight), as the
 * frame after the message would pay; paint is left out of both. Batches alternate which goes
 * first, and an in-place update always starts from the state before it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { GAUGE_BODY, GAUGE_SCRIPTS } from '../src/vscode/gauge/gaugeHtml';
import type { GaugeView } from '../src/vscode/gauge/protocol';
import { stateStream } from './gaugeWorkloads';
import { Figure, median, percentile } from './report';

const MEDIA = path.resolve(__dirname, '..', '..', 'media');
const BATCHES = 12;
const BATCH = 20;
/** The narrow sidebar: everything wraps, the most layout work. */
const VIEWPORT = { width: 300, height: 900 };

type Msg = { type: 'state'; view: GaugeView; note: string };
/** What the page's stub script defines (the functions passed to evaluate run in the page). */
interface BenchPage {
  __post(m: Msg): number;
  __inPlace(ms: Msg[]): number[];
  __fresh(ms: Msg[]): number[];
  __created(ms: Msg[], fresh: boolean): [number, number][];
}

/** The page, and timing helpers that run inside it (strings: the page has no bundler). */
function pageHtml(): string {
  const css = fs.readFileSync(path.join(MEDIA, 'gauge.css'), 'utf8');
  const scripts = GAUGE_SCRIPTS.map((f) => `<script>${fs.readFileSync(path.join(MEDIA, f), 'utf8')}</script>`).join('');
  const stub = `
    let saved;
    window.acquireVsCodeApi = () => ({ postMessage() {}, getState: () => saved, setState: (s) => { saved = s; } });
    window.__skeleton = ${JSON.stringify(GAUGE_BODY)};
    const post = (m) => { window.dispatchEvent(new MessageEvent('message', { data: m })); return document.body.offsetHeight; };
    window.__inPlace = (msgs) => msgs.map((m) => { const t = performance.now(); post(m); return performance.now() - t; });
    const renew = () => { document.querySelector('main').outerHTML = window.__skeleton; };
    window.__fresh = (msgs) => msgs.map((m) => { const t = performance.now(); renew(); post(m); return performance.now() - t; });
    window.__post = post;
    /** [elements that are new objects after the message, elements in the view]: the "no full re-render" evidence. */
    window.__created = (msgs, fresh) => msgs.map((m) => {
      const before = new Set(document.querySelectorAll('main *'));
      if (fresh) { renew(); }
      post(m);
      const after = document.querySelectorAll('main *');
      let created = 0;
      for (const e of after) { if (!before.has(e)) { created++; } }
      return [created, after.length];
    });`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head>
<body>${GAUGE_BODY}<script>${stub}</script>${scripts}</body></html>`;
}

function chromiumExecutable(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && fs.existsSync(p));
}

export async function webviewFigures(): Promise<Figure[]> {
  const skipped = (why: string): Figure[] => [{ name: 'webview update per state message', value: 'skipped', note: why }];
  const executablePath = chromiumExecutable();
  if (!executablePath) { return skipped('Chromium not found ($CHROMIUM_PATH, /usr/bin/chromium): apt-get install -y chromium'); }
  let browser: Browser;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  } catch (e) {
    return skipped(`Chromium did not start: ${String((e as Error).message).split('\n')[0]}`);
  }
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.setContent(pageHtml());
    const views = stateStream(1 + BATCHES * BATCH);
    const msgs: Msg[] = views.map((view, i) => ({ type: 'state', view, note: `update ${i}` }));
    const first = await page.evaluate((m) => { const t = performance.now(); (globalThis as unknown as BenchPage).__post(m); return performance.now() - t; }, msgs[0]);
    const inPlace: number[] = [];
    const fresh: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const batch = msgs.slice(1 + b * BATCH, 1 + (b + 1) * BATCH);
      const runInPlace = async (): Promise<void> => {
        // Put back the state just before the batch (untimed), so each update is from its predecessor.
        await page.evaluate((m) => { (globalThis as unknown as BenchPage).__post(m); }, msgs[b * BATCH]);
        inPlace.push(...await page.evaluate((ms) => (globalThis as unknown as BenchPage).__inPlace(ms), batch));
      };
      const runFresh = async (): Promise<void> => { fresh.push(...await page.evaluate((ms) => (globalThis as unknown as BenchPage).__fresh(ms), batch)); };
      for (const run of b % 2 ? [runFresh, runInPlace] : [runInPlace, runFresh]) { await run(); }
    }
    const sample = msgs.slice(1, 41);
    await page.evaluate((m) => { (globalThis as unknown as BenchPage).__post(m); }, msgs[0]);
    const createdInPlace = await page.evaluate((ms) => (globalThis as unknown as BenchPage).__created(ms, false), sample);
    const createdFresh = await page.evaluate((ms) => (globalThis as unknown as BenchPage).__created(ms, true), sample);
    const ratios = inPlace.map((x, i) => fresh[i] / Math.max(x, 1e-3));
    const f = (x: number): string => `${x.toFixed(3)} ms`;
    return [
      {
        name: 'webview: in-place update per state message',
        value: `p50 ${f(median(inPlace))}, p95 ${f(percentile(inPlace, 95))}`,
        note: `${inPlace.length} successive states (one per run) in headless Chromium at ${VIEWPORT.width} px; script + forced style/layout, paint excluded`,
      },
      {
        name: 'webview: full re-render ÷ in-place',
        value: `${median(ratios).toFixed(2)}×`,
        note: `baseline: fresh skeleton (outerHTML) + the same state, same page; p50 ${f(median(fresh))}, p95 ${f(percentile(fresh, 95))}; paired per message, IQR ${percentile(ratios, 25).toFixed(2)}–${percentile(ratios, 75).toFixed(2)}`,
      },
      {
        name: 'webview: elements created per message',
        value: `in place ${median(createdInPlace.map(([c]) => c))} vs full ${median(createdFresh.map(([c]) => c))} of ${median(createdInPlace.map(([, n]) => n))} (medians)`,
        note: `${sample.length} messages; rows whose key changed (pending commits) are the only new elements in place; first full state into the empty skeleton ${f(first)}`,
      },
    ];
  } finally {
    await browser.close();
  }
}
