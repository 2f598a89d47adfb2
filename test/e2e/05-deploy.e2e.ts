import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { gaugeFrame, openGearshiftSidebar, runFromPalette, screenshot, statusBarItem } from './ui';
import { git } from '../support/git';

function blueGreen(liveFile: string): string {
  return `version: 1
stages:
  - name: Unit Tests
    run: echo "all tests pass"
  - name: Deploy Prod
    run: echo "release $GEARSHIFT_SHA into slot $GEARSHIFT_SLOT"
    environment: production
deploy:
  strategy: blue-green
  switch: printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}"
`;
}

describe('deploying from the real UI', () => {
  let original = '';
  let liveFile = '';

  before(() => {
    const { workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    original = fs.readFileSync(file, 'utf8');
    liveFile = path.join(path.dirname(workspace), 'live-slot');
    fs.writeFileSync(file, blueGreen(liveFile));
  });

  after(() => {
    fs.writeFileSync(path.join(e2e().workspace, '.gearshift.yml'), original);
  });

  it('Deploy to Production asks with the commit and slot, deploys, and the sidebar shows the new live slot', async () => {
    const { page, workspace } = e2e();
    // A green run first: a red pipeline (the previous suite) would refuse the deploy.
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    // The pipeline has a production stage: Run Pipeline asks as Deploy to Production does.
    const runDialog = page.locator('.monaco-dialog-box', { hasText: 'Run Pipeline runs every stage' });
    await runDialog.waitFor({ timeout: 30_000 });
    await runDialog.getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
    // That run reached production too, so it deployed into a slot: the palette deploy goes to the other.
    const before = fs.existsSync(liveFile) ? fs.readFileSync(liveFile, 'utf8') : '';
    const sha = git(workspace, 'rev-parse', 'HEAD').slice(0, 8);
    await runFromPalette(page, 'Gearshift: Deploy to Production…');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'to production' });
    await dialog.waitFor({ timeout: 30_000 });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(sha), `the confirmation does not name ${sha}: ${text}`);
    assert.match(text, /slot (blue|green)/);
    await screenshot(page, 'deploy-confirmation');
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    await openGearshiftSidebar(page);
    const expected = before === 'blue' ? 'green' : 'blue';
    const live = gaugeFrame(page).locator('#live-slot', { hasText: expected });
    await live.waitFor({ timeout: 60_000 });
    assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), expected);
    await screenshot(page, 'deploy-live-slot');
  });
});
