import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { clickStepButton, runFromPalette, screenshot, statusBarItem, waitForStepDone, walkthroughStep } from './ui';

describe('an untrusted workspace (Workspace Trust on, user answered "No")', () => {
  it('the status bar says nothing runs', async () => {
    const item = statusBarItem(e2e().page, /Gearshift: untrusted/);
    await item.waitFor({ timeout: 30_000 });
  });

  it('Run Pipeline runs nothing and explains why, offering Manage Workspace Trust', async () => {
    const { page, workspace } = e2e();
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'not trusted' }).first();
    await toast.waitFor({ timeout: 20_000 });
    assert.ok(await toast.getByRole('button', { name: 'Manage Workspace Trust' }).isVisible());
    await screenshot(page, 'untrusted-refused');
    assert.ok(!fs.existsSync(path.join(workspace, 'build')), 'a stage ran in an untrusted workspace');
    assert.ok(!fs.existsSync(path.join(workspace, '.git', 'gearshift', 'history.jsonl')), 'history was written in an untrusted workspace');
  });

  it('the walkthrough opens from the palette, and its Run Pipeline button runs nothing', async () => {
    const { page, workspace } = e2e();
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Open Walkthrough');
    await walkthroughStep(page, 'greenRun').waitFor({ timeout: 30_000 });
    await clickStepButton(page, 'greenRun', 'Run Pipeline');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'not trusted' }).first().waitFor({ timeout: 20_000 });
    assert.strictEqual(await walkthroughStep(page, 'greenRun').getAttribute('aria-checked'), 'false');
    assert.ok(!fs.existsSync(path.join(workspace, '.git', 'gearshift', 'history.jsonl')), 'history was written in an untrusted workspace');
    await screenshot(page, 'walkthrough-untrusted');
  });

  it('the walkthrough checks off what reading files shows: the pipeline file there at start, a flags file created now', async () => {
    const { page, workspace } = e2e();
    // The fixture's .gearshift.yml was there before VS Code registered the walkthrough (seen unchecked before the fix).
    await waitForStepDone(page, 'pipelineFile', 30_000);
    fs.writeFileSync(path.join(workspace, 'flags.json'), '{ "flags": {} }\n');
    await waitForStepDone(page, 'flagsFile', 30_000);
    for (const id of ['greenRun', 'productionDeploy', 'monitoring', 'commitTrigger']) {
      assert.strictEqual(await walkthroughStep(page, id).getAttribute('aria-checked'), 'false', id);
    }
    assert.ok(!fs.existsSync(path.join(workspace, '.git', 'gearshift', 'history.jsonl')), 'history was written in an untrusted workspace');
    await screenshot(page, 'walkthrough-untrusted-checked');
  });
});
