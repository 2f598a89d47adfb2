import * as assert from 'assert';
import { commitFile, git } from '../support/git';
import { e2e, usePipelineForSuite } from './context';
import { runFromPalette, screenshot, statusBarItem } from './ui';

/** Red while `broken.txt` is committed; run by hand, so a commit made while red is asked about. */
const MANUAL = `version: 1
trigger: manual
stages:
  - name: Unit Tests
    run: test ! -e broken.txt
`;

/**
 * review34 F9: "is commit X the fix?" is a progress notification (the one kind an extension can
 * close) whose Run Pipeline and Show Log are links in its text. The integration suite checked the
 * links only as text: here a real notification renders them, a click on Run Pipeline runs the fix,
 * and the question goes away by itself once that run starts (firsthour34 F4).
 */
describe('"is commit X the fix?" in the real UI', () => {
  usePipelineForSuite(() => MANUAL);
  let start = '';
  before(() => { start = git(e2e().workspace, 'rev-parse', 'HEAD'); });
  after(() => { git(e2e().workspace, 'reset', '-q', '--hard', start); });

  it('renders Run Pipeline and Show Log as links; Run Pipeline runs the fix, and the question closes once its run starts', async function () {
    this.timeout(240_000);
    const { page, workspace } = e2e();
    commitFile(workspace, 'broken.txt', 'x\n', 'f9: break it');
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await statusBarItem(page, /Gearshift: red/).waitFor({ timeout: 60_000 });

    git(workspace, 'rm', '-q', 'broken.txt');
    git(workspace, 'commit', '-q', '-m', 'f9: fix it');
    const fix = git(workspace, 'rev-parse', 'HEAD');
    const toast = page.locator('.notification-toast', { hasText: `is commit ${fix.slice(0, 8)} the fix?` }).first();
    await toast.waitFor({ timeout: 60_000 });
    const links = toast.locator('.notification-list-item-message a');
    await links.first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.deepStrictEqual((await links.allInnerTexts()).map((t) => t.trim()), ['Run Pipeline', 'Show Log']);
    await toast.hover();
    await screenshot(page, 'fix-question');

    await links.filter({ hasText: 'Run Pipeline' }).click();
    await toast.waitFor({ state: 'detached', timeout: 60_000 });
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
  });
});
