/**
 * The gauge's run line is a live region (role=status): present in the accessibility tree before
 * its first text, so that text is announced (review37a F9), and saying how a run ended, green too (F5).
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';

describe('gauge webview: the run line a screen reader hears', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  it('the status region is in the accessibility tree while empty, so its first text is announced, and it stays after a run ends', async () => {
    const page = gauge!.page;
    assert.equal(await page.getByRole('status').count(), 1, 'no status region before the first run: a screen reader misses its first line');
    const box = await page.locator('#running').boundingBox();
    assert.ok(box !== null && box.height === 0, `an empty run line takes room: ${JSON.stringify(box)}`);
    await gauge!.post({ type: 'running', text: 'Running Unit Tests (1/2)…' });
    assert.equal(await page.getByRole('status').textContent(), 'Running Unit Tests (1/2)…');
    await gauge!.post({ type: 'running', text: 'Run ended: green in 1.2s' });
    assert.equal(await page.getByRole('status').textContent(), 'Run ended: green in 1.2s');
    await gauge!.post({ type: 'running', text: null });
    assert.equal(await page.getByRole('status').count(), 1, 'the status region left the accessibility tree');
  });
});
