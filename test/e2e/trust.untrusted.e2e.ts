import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { e2e } from './context';
import { clickStepButton, runFromPalette, screenshot, statusBarItem, waitForStepDone, walkthroughStep } from './ui';

/** The Gearshift output channel's text, for a failure message. */
async function gearshiftLog(page: Page): Promise<string> {
  await runFromPalette(page, 'Output: Show Output Channels...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Gearshift' }).first().click();
  return (await page.locator('.output-view .view-lines, .panel .view-lines').allInnerTexts()).join('\n');
}

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

  it('the walkthrough opens from the palette; the file step checks, and its Run Pipeline button runs nothing', async () => {
    const { page, workspace } = e2e();
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Open Walkthrough');
    // The pipeline file is read, not run: its step completes even here.
    await waitForStepDone(page, 'pipelineFile').catch(async (e: Error) => { throw new Error(`${e.message}\nGearshift log:\n${await gearshiftLog(page)}`); });
    await clickStepButton(page, 'greenRun', 'Run Pipeline');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'not trusted' }).first().waitFor({ timeout: 20_000 });
    assert.strictEqual(await walkthroughStep(page, 'greenRun').getAttribute('aria-checked'), 'false');
    assert.ok(!fs.existsSync(path.join(workspace, '.git', 'gearshift', 'history.jsonl')), 'history was written in an untrusted workspace');
    await screenshot(page, 'walkthrough-untrusted');
  });
});
