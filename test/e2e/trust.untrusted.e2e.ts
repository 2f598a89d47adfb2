import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { clickStepButton, gaugeFrame, openGearshiftSidebar, pipelinePane, pipelineRows, runFromPalette, screenshot, statusBarItem, togglesPane, togglesShows, waitForStepDone, walkthroughStep } from './ui';

describe('an untrusted workspace (Workspace Trust on, user answered "No")', () => {
  it('the status bar says nothing runs', async () => {
    const item = statusBarItem(e2e().page, /Gearshift: untrusted/);
    await item.waitFor({ timeout: 30_000 });
  });

  // Finding 6 of notes/edjourney.md: the manifest says it "shows the pipeline but runs nothing"; the view was blank.
  it('the Pipeline view shows the stages of .gearshift.yml as not run, under a message that nothing runs until trusted', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    await pipelinePane(page).getByText('nothing runs until you trust this workspace').first().waitFor({ timeout: 30_000 });
    await pipelinePane(page).locator('.monaco-list-row', { hasText: 'Deploy Non-Prod' }).first().waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => { throw new Error(`${e.message}; the Pipeline view shows ${JSON.stringify(await pipelineRows(page))}`); });
    assert.deepStrictEqual(await pipelineRows(page), ['Unit Tests not run', 'Build Artifacts not run', 'Deploy Non-Prod not run']);
    await screenshot(page, 'untrusted-pipeline-view');
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

  it('Revert Last Commit… refuses with its own reason (git), not the pipeline\'s', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Revert Last Commit…');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'not trusted' }).first();
    await toast.waitFor({ timeout: 20_000 });
    const text = await toast.innerText();
    assert.match(text, /did not revert a commit: this workspace is not trusted, and this would run git in it/);
    assert.doesNotMatch(text, /pipeline would run/);
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

/**
 * VS Code turns `[label](command:id?args)` in a notification's message into a link that runs the
 * command (allowCommands). A flag key is data from the workspace: it may hold exactly that text
 * (flagd allows it), and the Feature Toggles view lists it in an untrusted workspace too.
 */
describe('an untrusted workspace: data in a notification stays text', () => {
  const HOSTILE_KEY = '[Details](command:workbench.action.toggleZenMode)';

  it('a flag key shaped like a command link is shown as text in Show References\' notification, not as a link', async () => {
    const { page, workspace } = e2e();
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    const flag = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
    fs.writeFileSync(path.join(workspace, 'flags.json'), `${JSON.stringify({ flags: { [HOSTILE_KEY]: flag } }, null, 2)}\n`);
    await openGearshiftSidebar(page);
    await runFromPalette(page, 'Focus on Feature Toggles View');
    const row = togglesPane(page).locator('.monaco-list-row', { hasText: 'Details](command:' }).first();
    await row.waitFor({ timeout: 60_000 }).catch(async (e: Error) => { throw new Error(`${e.message}; ${await togglesShows(page)}`); });
    await row.click(); // the flag's row runs Show References with its key
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'search it before deleting the flag' }).first();
    await toast.waitFor({ timeout: 20_000 });
    await screenshot(page, 'untrusted-hostile-flag-key');
    const links = await toast.locator('a[href^="command:"]').count();
    assert.strictEqual(links, 0, `the notification holds ${links} command link(s): ${await toast.innerHTML()}`);
    assert.match(await toast.innerText(), /Details\]/, 'the key is shown as written');
  });
});

/**
 * VS Code draws `$(name)` in a quick pick as an icon. A flag key is data: shown as written. (A
 * key with a bidi override, which VS Code draws as written, reversing what follows, is refused
 * by the flags file's validation: core/flags/keys.ts, tested in test/unit/flags/parse.test.ts.)
 */
describe('an untrusted workspace: data in the views and pickers stays text', () => {
  const KEY = 'beta$(pass-filled)';

  it('a flag key with `$(…)` shows as written in the view and in Toggle Feature\'s picker, not as an icon', async () => {
    const { page, workspace } = e2e();
    const flag = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
    fs.writeFileSync(path.join(workspace, 'flags.json'), `${JSON.stringify({ flags: { [KEY]: flag } }, null, 2)}\n`);
    await openGearshiftSidebar(page);
    await runFromPalette(page, 'Focus on Feature Toggles View');
    const row = togglesPane(page).locator('.monaco-list-row', { hasText: KEY }).first();
    await row.waitFor({ timeout: 60_000 }).catch(async (e: Error) => { throw new Error(`${e.message}; ${await togglesShows(page)}`); });
    await runFromPalette(page, 'Gearshift: Toggle Feature');
    const pickRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'beta' }).first();
    await pickRow.waitFor({ timeout: 20_000 });
    await screenshot(page, 'untrusted-icon-flag-key-picker');
    const label = pickRow.locator('.label-name').first();
    assert.strictEqual(await label.locator('.codicon').count(), 0, `the key drew an icon: ${await label.innerHTML()}`);
    assert.match(await label.innerText(), /beta\$\(pass-filled\)/, 'the key is shown as written');
    await page.keyboard.press('Escape');
  });
});

/** Last in this group: it trusts the workspace. Finding 15 of notes/edjourney.md. Its tests run in order. */
describe('an untrusted workspace, then trusted', () => {
  const KEY = 'beta$(pass-filled)';
  const row = (): ReturnType<typeof togglesPane> => togglesPane(e2e().page).locator('.monaco-list-row', { hasText: KEY }).first();

  it('before trust, the Feature Toggles view counts no references for a flag (git is not run)', async () => {
    await row().filter({ hasText: '? refs' }).waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => { throw new Error(`${e.message}; ${await togglesShows(e2e().page)}`); });
  });

  it('the gauge drops "Git is not read in an untrusted workspace" as soon as trust is granted', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Show Gear Gauge');
    const note = gaugeFrame(page).locator('#note');
    await note.filter({ hasText: 'Git is not read in an untrusted workspace' }).waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Workspaces: Manage Workspace Trust');
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: 30_000 });
    await statusBarItem(page, /Gearshift: not run yet/).waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Gearshift: Show Gear Gauge');
    await note.filter({ hasNotText: /untrusted|Reading run history/ }).waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => { throw new Error(`${e.message}; the gauge says: ${await note.textContent()}`); });
    await pipelinePane(page).getByText('nothing runs until you trust this workspace').waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, 'untrusted-then-trusted-gauge');
  });

  it('once trusted, the Feature Toggles view counts the references without being shown again', async () => {
    // The view stayed visible since the first test of this group: only the trust grant can refresh it.
    await row().filter({ hasText: '0 refs' }).waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => { throw new Error(`${e.message}; ${await togglesShows(e2e().page)}`); });
  });
});
