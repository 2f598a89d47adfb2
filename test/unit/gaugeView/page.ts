import * as fs from 'fs';
import * as path from 'path';
import { GAUGE_BODY } from '../../../src/vscode/gauge/gaugeHtml';

const MEDIA = path.resolve(__dirname, '..', '..', '..', '..', 'media');

/** The gauge webview's page as VS Code serves it (body, CSS, script), with a VS Code API stub that records what it posts in `window.posted`. */
export function gaugePage(): string {
  const css = fs.readFileSync(path.join(MEDIA, 'gauge.css'), 'utf8');
  const js = fs.readFileSync(path.join(MEDIA, 'gauge.js'), 'utf8');
  const stub = 'window.posted = []; window.acquireVsCodeApi = () => ({ postMessage(m) { window.posted.push(m); }, getState: () => undefined, setState() {} });';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${GAUGE_BODY}<script>${stub}</script><script>${js}</script></body></html>`;
}
