/**
 * The unit tier stays in-process and fast: no spec file there launches a browser. Pages in headless
 * Chromium (the gauge webview, the walkthrough's pictures) are tested in test/system/, which runs one
 * file at a time; here such a launch costs a Chromium per parallel worker and its temp files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const UNIT = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'unit');
/** What a browser comes in through: the harness's launcher and session, or Playwright itself. */
const BROWSER_IMPORT = /(?:from\s+|import\(\s*|require\(\s*)'[^']*(?:harness\/browser|harness\/session|playwright(?:-core)?)'/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { return sources(full); }
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture: the unit tier launches no browser', () => {
  it('no file under test/unit imports the browser harness or Playwright (they belong in test/system)', () => {
    const found = sources(UNIT).filter((f) => BROWSER_IMPORT.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(UNIT, f));
    assert.deepEqual(found, []);
  });
});
