import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e, usePipelineForSuite } from './context';
import { gaugeFrame, hoverUntilShown, runFromPalette, screenshot, statusBarItem } from './ui';

const FAILING = `version: 1
stages:
  - name: Unit Tests
    run: echo "2 tests failed" && exit 1
  - name: Build Artifacts
    run: echo never
`;

describe('red/green status in the real UI', () => {
  usePipelineForSuite(() => FAILING);

  it('a failed run turns the status bar item red with the error background and a red timer', async () => {
    const { page } = e2e();
    await page.keyboard.press('Control+B'); // sidebar closed: Show Gear Gauge below must open it
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    const item = statusBarItem(page, /Gearshift: red for/);
    await item.waitFor({ timeout: 60_000 });
    assert.match((await item.textContent()) ?? '', /red for \d+s · Unit Tests/);
    // VS Code marks items with statusBarItem.errorBackground with the error-kind class.
    assert.match((await item.getAttribute('class')) ?? '', /error-kind/);
    await screenshot(page, 'status-red');
  });

  it('its tooltip names the failed stage and offers the log, re-run and gauge', async () => {
    const { page } = e2e();
    const item = statusBarItem(page, /Gearshift: red/);
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Failed stage' }).first();
    await hoverUntilShown(page, item, hover, 2);
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Failed stage: Unit Tests/);
    assert.match(text, /Open log/);
    assert.match(text, /Re-run from failed stage/);
    await screenshot(page, 'status-red-tooltip');
    await page.mouse.move(10, 10);
  });

  it('clicking it opens the failed stage\'s log (why it is red); the gauge is a palette command away', async () => {
    const { page } = e2e();
    await statusBarItem(page, /Gearshift: red/).click();
    await page.locator('.tabs-container .tab', { hasText: 'Unit Tests.log' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: '2 tests failed' }).first().waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Gearshift: Show Gear Gauge');
    await gaugeFrame(page).locator('#gear-name').waitFor({ timeout: 30_000 });
  });

  it('while red, Run Single Stage on a production stage is refused as a deploy is; Deploy Anyway runs it', async () => {
    const { page, workspace } = e2e();
    const shipped = path.join(path.dirname(workspace), 'shipped');
    fs.rmSync(shipped, { force: true });
    // Red first, also when this test runs alone (the suite's pipeline fails).
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await statusBarItem(page, /Gearshift: red/).waitFor({ timeout: 60_000 });
    fs.writeFileSync(path.join(workspace, '.gearshift.yml'), `${FAILING}  - name: Ship
    environment: production
    run: printf shipped > "${shipped}"
`);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Run Single Stage…');
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Ship$/ }) }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Gearshift: not deploying: the pipeline is red' }).first();
    await toast.waitFor({ timeout: 30_000 });
    // It names the way out, as the CLI does: a full run (a button), or the override.
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), /Unit Tests failed.*; deploy through a full pipeline run \(its tests run first, so red does not refuse it\), or deploy with the red override/);
    assert.ok(await toast.getByRole('button', { name: 'Run Pipeline', exact: true }).isVisible());
    assert.ok(!fs.existsSync(shipped), 'the production stage ran while red');
    await screenshot(page, 'red-stage-refused');
    await toast.getByRole('button', { name: 'Deploy Anyway (Override)', exact: true }).click();
    // The override is not the production question: that comes next, as for any deploy.
    const ask = page.locator('.monaco-dialog-box', { hasText: 'only the stage "Ship"' });
    await ask.waitFor({ timeout: 30_000 });
    assert.ok(!fs.existsSync(shipped), 'the production stage ran before its question was answered');
    await ask.getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    for (const end = Date.now() + 60_000; !fs.existsSync(shipped);) {
      if (Date.now() > end) { throw new Error('Deploy Anyway did not run the production stage within 60 s'); }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
