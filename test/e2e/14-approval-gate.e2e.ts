import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e, usePipelineForSuite } from './context';
import { gaugeFrame, openGearshiftSidebar, runFromPalette, screenshot, statusBarItem } from './ui';

// The first stage waits (bounded) for `go`: the test decides when the gate opens, while the user types.
const PIPELINE = `version: 1
trigger: manual
stages:
  - name: Unit Tests
    run: i=0; while [ ! -e go ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done; rm -f go
  - name: Release
    approval: manual
    run: touch approved.txt
`;

/** The editor's lines as the user sees them. */
async function editorLines(): Promise<string[]> {
  return e2e().page.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
}

/** Waits (bounded) until the editor shows a line equal to `line`; fails with what it shows. */
async function untilEditorLine(line: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lines = (await editorLines()).map((l) => l.replace(/\u00a0/g, ' ').trim());
    if (lines.includes(line)) { return; }
    if (Date.now() > deadline) { assert.fail(`the editor shows ${JSON.stringify(lines)}, no line "${line}"`); }
    await e2e().page.waitForTimeout(100); // the editor has no event a page can wait on: poll its lines
  }
}

/** Waits (bounded) for `file` to exist. */
async function untilFile(file: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) { assert.fail(`${path.basename(file)} was never written`); }
    await e2e().page.waitForTimeout(100);
  }
}

describe('a manual approval gate', () => {
  usePipelineForSuite(() => PIPELINE);
  after(async () => {
    const { page, workspace } = e2e();
    for (const f of ['go', 'approved.txt']) { fs.rmSync(path.join(workspace, f), { force: true }); }
    await runFromPalette(page, 'File: Revert File').catch(() => undefined);
    await runFromPalette(page, 'View: Close All Editors').catch(() => undefined);
  });

  // review37a F1: a modal with "Approve and Run" focused took the keyboard mid-typing, and Enter approved the gate.
  it('that opens while the user types does not take the keyboard: Enter goes into the editor, and the gate waits until asked again', async () => {
    const { page, workspace } = e2e();
    const marker = path.join(workspace, 'approved.txt');
    fs.rmSync(marker, { force: true });
    await openGearshiftSidebar(page);
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await statusBarItem(page, /Gearshift: Unit Tests/).waitFor({ timeout: 30_000 });
    // The user goes back to typing while the tests run.
    await runFromPalette(page, 'Go to File');
    await page.locator('.quick-input-widget input').fill('README.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md' }).first().click();
    await page.locator('.monaco-editor textarea').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('typing a note');
    await untilEditorLine('typing a note');
    fs.writeFileSync(path.join(workspace, 'go'), '');
    await page.locator('.notification-toast, .monaco-dialog-box', { hasText: 'needs manual approval' }).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'approval-gate-while-typing');
    // The typist's next keystrokes: a new line and more text.
    await page.keyboard.press('Enter');
    await page.keyboard.type('next line');
    await untilEditorLine('next line');
    const waiting = statusBarItem(page, /Release waits for approval/);
    await waiting.waitFor({ timeout: 20_000 });
    assert.ok(!fs.existsSync(marker), 'Enter approved the gate');
    // A closed notification answers nothing: the gate still waits, and the status item asks it again.
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await waiting.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'needs manual approval' });
    await dialog.waitFor({ timeout: 20_000 });
    await dialog.locator('.monaco-button', { hasText: 'Approve and Run' }).click();
    await untilFile(marker);
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 30_000 });
  });

  // review37a F5: a green run's end was silent for a screen reader (the run is no Task; the live line was hidden at the end).
  it('the gauge\'s status line (a live region) says how the run ended, green too', async () => {
    const { page, workspace } = e2e();
    fs.writeFileSync(path.join(workspace, 'go'), ''); // the first stage need not wait
    await openGearshiftSidebar(page);
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    // The gate's question, a notification (a modal before review37a F1): approved by a deliberate click.
    await page.locator('.notification-toast .monaco-button, .monaco-dialog-box .monaco-button', { hasText: 'Approve and Run' }).first().click({ timeout: 60_000 });
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 30_000 });
    await gaugeFrame(page).getByRole('status').filter({ hasText: /^Run ended: green in / }).waitFor({ timeout: 30_000 });
  });
});
