import * as fs from 'fs';
import * as path from 'path';
import { GAUGE_BODY, GAUGE_SCRIPTS } from '../../../src/vscode/gauge/gaugeHtml';
import type { ToWebview } from '../../../src/vscode/gauge/protocol';
import { type Browser, launchBrowser } from '../../harness/browser';

const MEDIA = path.resolve(__dirname, '..', '..', '..', '..', 'media');

/** The gauge webview's page as VS Code serves it (body, CSS, scripts in order), with a VS Code API stub that records what it posts in `window.posted`. */
export function gaugePage(): string {
  const css = fs.readFileSync(path.join(MEDIA, 'gauge.css'), 'utf8');
  const scripts = GAUGE_SCRIPTS.map((f) => `<script>${fs.readFileSync(path.join(MEDIA, f), 'utf8')}</script>`).join('');
  const stub = 'window.posted = []; window.acquireVsCodeApi = () => ({ postMessage(m) { window.posted.push(m); }, getState: () => undefined, setState() {} });';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${GAUGE_BODY}<script>${stub}</script>${scripts}</body></html>`;
}

/** The gauge page open in headless Chromium, for a `before` hook (`after`: `dispose`). */
export interface OpenGauge {
  readonly page: Browser['page'];
  /** Delivers a message as the extension posts it (a string: this TypeScript has no DOM types). */
  post(m: ToWebview): Promise<unknown>;
  dispose(): Promise<void>;
}

export async function openGaugePage(): Promise<OpenGauge> {
  const browser = await launchBrowser();
  await browser.page.setContent(gaugePage());
  return {
    page: browser.page,
    post: (m) => browser.page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(m)} }))`),
    dispose: () => browser.dispose(),
  };
}
