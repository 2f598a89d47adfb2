import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { hoverUntilShown, runFromPalette, screenshot, statusBarItem } from './ui';

describe('a history that cannot be read when the folder opens, in the real UI', () => {
  it('the status bar says "history unreadable", with the reason in its tooltip, not "not run yet"', async () => {
    const { page } = e2e();
    const item = statusBarItem(page, /Gearshift: history unreadable/);
    await item.waitFor({ timeout: 60_000 });
    const tooltip = page.locator('.monaco-hover', { hasText: 'could not be read' }).first();
    await hoverUntilShown(page, item, tooltip);
    // appendText writes spaces as non-breaking ones: \s matches both.
    assert.match(await tooltip.innerText(), /history\.jsonl\sis\sa\sfolder,\snot\sa\sfile/);
    await screenshot(page, 'status-history-unreadable');
  });

  // faults41 M2: a run history cannot record is refused before it starts (killed, the next command could not clean up
  // after it); once history is a file again, a run the editor sees makes the state known.
  it('a run is refused while history cannot be written, saying why; with history a file again, a run makes the state known', async () => {
    const { page, workspace } = e2e();
    await page.keyboard.press('Escape');
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'cannot start a run: could not write history' }).first().waitFor({ timeout: 60_000 });
    fs.rmSync(path.join(workspace, '.git', 'gearshift', 'history.jsonl'), { recursive: true, force: true });
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
  });
});
