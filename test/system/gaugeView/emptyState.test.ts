/** The gauge webview with no pipeline (finding 16 of notes/edjourney.md): creating the config is the primary action. */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';

describe('gauge webview: no pipeline yet', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  // review37a F8: it offered Run Pipeline too, whose only answer there is "no .gearshift.yml".
  it('offers Create Pipeline Config as the primary button, first, and the walkthrough as a secondary one; not Run Pipeline', async () => {
    await gauge!.post({ type: 'state', view: null, note: 'No .gearshift.yml in this workspace yet.' });
    const buttons = gauge!.page.locator('#empty button:visible');
    assert.ok(await gauge!.page.locator('#empty').isVisible());
    const all = await buttons.evaluateAll((els) => els.map((b) => ({ command: b.getAttribute('data-command'), secondary: b.classList.contains('secondary'), text: b.textContent })));
    assert.deepEqual(all, [
      { command: 'gearshift.createPipeline', secondary: false, text: 'Create Pipeline Config' },
      { command: 'gearshift.openWalkthrough', secondary: true, text: 'Open Walkthrough' },
    ]);
  });

  // walk30 M5: a monorepo's top, pipelines only in subfolders: Run Pipeline could only fail there.
  it('with pipelines in subfolders: offers Show Subfolder Pipeline… in place of Run Pipeline, and back once there are none', async () => {
    const visible = () => gauge!.page.locator('#empty button:visible').evaluateAll((els) => els.map((b) => b.getAttribute('data-command')));
    await gauge!.post({ type: 'state', view: null, note: 'No pipeline at the top of mono; 1 below it: apps/web (red).', below: true });
    assert.deepEqual(await visible(), ['gearshift.createPipeline', 'gearshift.openSubfolderPipeline']);
    await gauge!.post({ type: 'state', view: null, note: 'No .gearshift.yml in this workspace yet.' });
    assert.deepEqual(await visible(), ['gearshift.createPipeline', 'gearshift.openWalkthrough']);
  });
});
