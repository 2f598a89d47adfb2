/**
 * The gauge webview's scripts (media/): each one small, with one job, and every one of them
 * loaded by the page (GAUGE_SCRIPTS), so none ships in the .vsix without running.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GAUGE_SCRIPTS } from '../../../src/vscode/gauge/gaugeHtml';

const MEDIA = path.resolve(__dirname, '..', '..', '..', '..', 'media');
const LINE_LIMIT = 300;

describe('gauge webview scripts', () => {
  it(`each script in media/ is under ${LINE_LIMIT} lines`, () => {
    const long = fs.readdirSync(MEDIA).filter((f) => f.endsWith('.js'))
      .map((f) => [f, fs.readFileSync(path.join(MEDIA, f), 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines >= LINE_LIMIT);
    assert.deepEqual(long, []);
  });

  it('the page loads every script in media/, the DOM primitives before the view that uses them', () => {
    const shipped = fs.readdirSync(MEDIA).filter((f) => f.endsWith('.js')).sort();
    assert.deepEqual([...GAUGE_SCRIPTS].sort(), shipped);
    assert.ok(GAUGE_SCRIPTS.indexOf('gaugeDom.js') < GAUGE_SCRIPTS.indexOf('gauge.js'));
  });
});
