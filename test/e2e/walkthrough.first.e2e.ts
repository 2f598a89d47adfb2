import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { QUICK_PIPELINE } from '../support/fixtureRepo';
import { e2e } from './context';
import { clickStepButton, gaugeFrame, openGearshiftSidebar, runFromPalette, screenshot, statusBarItem, waitForStepDone, walkthroughStep } from './ui';

/**
 * A first install as a new user meets it (group e2e-first-install: a folder without a pipeline,
 * VS Code's default of opening walkthroughs on install): the walkthrough opens by itself, and
 * its steps are checked off when the matching thing really happens.
 */

const WALKTHROUGH = '.gettingStartedContainer';

/** Picks a colour theme with F1 alone: the palette helper's Escape would take the Welcome editor back to its overview. */
async function chooseTheme(page: Page, theme: string, workbenchClass: 'vs' | 'vs-dark'): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('>Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20_000 });
  await walkthroughStep(page, 'greenRun').waitFor({ timeout: 20_000 });
}

describe('the walkthrough "Shift up through the five gears" in the real UI', () => {
  it('opens by itself on first install, with no step checked in a folder without a pipeline', async () => {
    const { page } = e2e();
    await page.locator(WALKTHROUGH, { hasText: 'Shift up through the five gears' }).first().waitFor({ timeout: 60_000 });
    await walkthroughStep(page, 'commitTrigger').waitFor({ timeout: 30_000 });
    for (const id of ['pipelineFile', 'greenRun', 'redToGreen', 'nonProdDeploy']) {
      assert.strictEqual(await walkthroughStep(page, id).getAttribute('aria-checked'), 'false', id);
    }
  });

  // review37a F4, F8: every window had "Gearshift: no pipeline" in its status bar, and this gauge offered Run Pipeline.
  it('with no pipeline: no Gearshift status item, and the gauge offers Create Pipeline Config and the walkthrough, not Run Pipeline', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const buttons = gaugeFrame(page).locator('#empty button:visible');
    await buttons.first().waitFor({ timeout: 60_000 });
    assert.deepStrictEqual(await buttons.allTextContents(), ['Create Pipeline Config', 'Open Walkthrough']);
    // The gauge's empty state comes after the status item's first state (the same chunk draws both): none by now is none.
    assert.strictEqual(await statusBarItem(page, 'Gearshift').count(), 0, 'a Gearshift item in the status bar of a folder without a pipeline');
  });

  it('its Create Pipeline button writes .gearshift.yml, and the step shows as checked', async () => {
    const { page, workspace } = e2e();
    await clickStepButton(page, 'pipelineFile', 'Create Pipeline');
    await page.locator('.tabs-container .tab', { hasText: '.gearshift.yml' }).first().waitFor({ timeout: 30_000 });
    assert.ok(fs.existsSync(path.join(workspace, '.gearshift.yml')));
    // The file opens beside the walkthrough, which stays in sight with its next step (firsthour34 F2).
    assert.ok(await page.locator(WALKTHROUGH, { hasText: 'Shift up through the five gears' }).first().isVisible(), 'the walkthrough is still open');
    await runFromPalette(page, 'Gearshift: Open Walkthrough');
    await waitForStepDone(page, 'pipelineFile');
  });

  it('its Run Pipeline button runs the pipeline; the green run checks "green" and "non-prod", not "red to green"', async () => {
    const { page, workspace } = e2e();
    // The template calls the project's tools, which this fixture has not: the user edits it to quick stages.
    fs.writeFileSync(path.join(workspace, '.gearshift.yml'), QUICK_PIPELINE);
    await clickStepButton(page, 'greenRun', 'Run Pipeline');
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
    await waitForStepDone(page, 'greenRun');
    await waitForStepDone(page, 'nonProdDeploy');
    assert.strictEqual(await walkthroughStep(page, 'redToGreen').getAttribute('aria-checked'), 'false');
    assert.strictEqual(await walkthroughStep(page, 'productionDeploy').getAttribute('aria-checked'), 'false');
  });

  it('follows the colour theme: light and dark screenshots', async () => {
    const { page } = e2e();
    await chooseTheme(page, 'Light Modern', 'vs');
    const light = await screenshot(page, 'walkthrough-light');
    await chooseTheme(page, 'Dark Modern', 'vs-dark');
    const dark = await screenshot(page, 'walkthrough-dark');
    assert.ok(fs.statSync(light).size > 10_000 && fs.statSync(dark).size > 10_000);
  });

  it('the gauge links to the next unfinished step and opens the walkthrough there', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const link = gaugeFrame(page).locator('#walkthrough-link', { hasText: 'See it red' });
    await link.waitFor({ timeout: 30_000 });
    assert.strictEqual(await link.textContent(), 'Next in the walkthrough: See it red, bring it back to green');
    await link.click();
    await page.locator(`${WALKTHROUGH} button.getting-started-step[data-step-id$="#redToGreen"][aria-expanded="true"]`).waitFor({ timeout: 30_000 });
  });

  it('the flags step\'s "Show Readiness Checklist" opens the gauge scrolled to its checklist', async () => {
    const { page } = e2e();
    await clickStepButton(page, 'flagsFile', 'Show Readiness Checklist');
    await landedOnChecklist(page);
    await screenshot(page, 'walkthrough-checklist');
  });

  // review21 M2: hidden, the gauge's page is gone; the reveal reached the new page before it was ready and was lost.
  it('lands on the checklist again after the gauge was hidden (its page drawn anew)', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'View: Show Explorer');
    await gaugeFrame(page).locator('#checklist-title').waitFor({ state: 'detached', timeout: 30_000 });
    // A palette retry presses Escape, which takes VS Code's walkthrough back to its Welcome overview: open it again then.
    if (!await walkthroughStep(page, 'flagsFile').isVisible()) { await runFromPalette(page, 'Gearshift: Open Walkthrough'); }
    await clickStepButton(page, 'flagsFile', 'Show Readiness Checklist');
    await landedOnChecklist(page);
  });
});

/** The checklist is where the gauge view shows: its heading at the top, or (a short page that cannot scroll so far) the whole list in view. */
async function landedOnChecklist(page: Page): Promise<void> {
  const heading = gaugeFrame(page).locator('#checklist-title');
  await gaugeFrame(page).locator('#checklist li').first().waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const at = await heading.evaluate((h) => {
      const doc = h.ownerDocument;
      const root = doc.scrollingElement as unknown as { scrollTop: number; scrollHeight: number };
      const list = doc.getElementById('checklist') ?? h;
      return { top: h.getBoundingClientRect().top, listBottom: list.getBoundingClientRect().bottom, height: (doc.defaultView as unknown as { innerHeight: number }).innerHeight, scrollTop: root.scrollTop, scrollHeight: root.scrollHeight };
    });
    const atTop = at.top >= 0 && at.top < 40;
    const atEnd = at.top >= 0 && at.listBottom <= at.height && at.scrollTop + at.height >= at.scrollHeight - 1;
    if (at.scrollHeight > at.height && (atTop || atEnd)) { return; }
    if (Date.now() > deadline) { assert.fail(`the checklist is not where the view shows: ${JSON.stringify(at)} (a gauge shorter than its pane cannot tell)`); }
    await page.waitForTimeout(100); // the scroll has no event a page can wait on: poll its position
  }
}
