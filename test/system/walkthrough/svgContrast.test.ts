/**
 * The walkthrough's pictures (media/walkthrough/*.svg) in headless Chromium, drawn with the colours
 * VS Code 1.139 gives them in Dark Modern and Light Modern (measured in code-server, a11y32): every
 * word in them reads at 4.5:1 or more against whatever is drawn behind it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { type Browser, launchBrowser } from '../../harness/browser';

const DIR = path.resolve(__dirname, '..', '..', '..', '..', 'media', 'walkthrough');

const THEMES: Record<string, Record<string, string>> = {
  'Dark Modern': { 'editor-background': '#1f1f1f', foreground: '#cccccc', 'textLink-foreground': '#4daafc', 'charts-green': '#89d185', 'charts-red': '#f14c4c', 'charts-blue': '#59a4f9', 'font-family': 'sans-serif' },
  'Light Modern': { 'editor-background': '#ffffff', foreground: '#3b3b3b', 'textLink-foreground': '#005fb8', 'charts-green': '#388a34', 'charts-red': '#e51400', 'charts-blue': '#0063d3', 'font-family': 'sans-serif' },
};

/** In the page: each <text>'s contrast against the topmost filled shape under its middle, else the page. */
const MEASURE = `(${function measure(): { text: string; ratio: number }[] {
  // This TypeScript has no DOM types: the few the page gives are named here.
  type El = { tagName: string; textContent: string; getBoundingClientRect(): { x: number; y: number; width: number; height: number } };
  const g = globalThis as unknown as { document: { body: unknown; querySelectorAll(s: string): Iterable<El>; elementsFromPoint(x: number, y: number): El[] }; getComputedStyle(e: unknown): { fill: string; color: string; backgroundColor: string } };
  const lum = (c: string): number => {
    const [r, gr, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * gr + 0.0722 * b;
  };
  const page = g.getComputedStyle(g.document.body).backgroundColor;
  return Array.from(g.document.querySelectorAll('svg text')).map((t) => {
    const box = t.getBoundingClientRect();
    const under = g.document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
      .find((e) => ['rect', 'circle', 'path'].includes(e.tagName) && g.getComputedStyle(e).fill !== 'none');
    const behind = under ? g.getComputedStyle(under).fill : page;
    const [hi, lo] = [lum(g.getComputedStyle(t).fill), lum(behind)].sort((x, y) => y - x);
    return { text: t.textContent, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
  });
}.toString()})()`;

describe('walkthrough pictures: their words are readable in light and dark themes', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.dispose(); });

  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.svg')).sort()) {
    it(`${file}: every word at 4.5:1 or more in Dark Modern and Light Modern`, async () => {
      const svg = fs.readFileSync(path.join(DIR, file), 'utf8');
      for (const [theme, colours] of Object.entries(THEMES)) {
        const vars = Object.entries(colours).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
        await browser!.page.setContent(`<!DOCTYPE html><html><head><style>html { ${vars} } body { margin: 0; background: var(--vscode-editor-background); }</style></head><body>${svg}</body></html>`);
        const seen = await browser!.page.evaluate(MEASURE) as { text: string; ratio: number }[];
        assert.ok(seen.length > 0, `${file} has no text`);
        const poor = seen.filter((s) => s.ratio < 4.5);
        assert.deepEqual(poor, [], `${theme}: ${JSON.stringify(seen)}`);
      }
    });
  }
});
