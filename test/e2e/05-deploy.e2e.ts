import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { blueGreenPipeline, e2e, usePipelineForSuite } from './context';
import { gaugeFrame, openGearshiftSidebar, runFromPalette, screenshot, statusBarItem } from './ui';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { git } from '../support/git';

/** Watches a port nobody listens on: every probe is an error (no answer), never a failure. */
function monitorOn(deadPort: number): string {
  return `monitor:
  window: 4s
  interval: 1s
  baseline: 0
  probes:
    - name: health
      http: http://127.0.0.1:${deadPort}/health
      timeout: 500ms
`;
}

/** Polls a file-system fact the UI has no element for, within a bound. */
async function until(what: string, check: () => boolean, timeout = 30_000): Promise<void> {
  for (const end = Date.now() + timeout; !check();) {
    if (Date.now() > end) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A port bound once and closed again: connection refused. */
function deadPort(): Promise<number> {
  const server = http.createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(port));
  }));
}

function blueGreen(liveFile: string, monitor = ''): string {
  return blueGreenPipeline(`printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}"`, monitor);
}

describe('deploying from the real UI', () => {
  let liveFile = '';
  usePipelineForSuite(() => {
    liveFile = path.join(path.dirname(e2e().workspace), 'live-slot');
    return blueGreen(liveFile);
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

  it('an inconclusive release shows "monitoring production", then asks Keep / Roll Back; Roll Back switches the slot back', async () => {
    const { page, workspace } = e2e();
    fs.writeFileSync(path.join(workspace, '.gearshift.yml'), blueGreen(liveFile, monitorOn(await deadPort())));
    const before = fs.readFileSync(liveFile, 'utf8');
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Deploy to Production…');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'to production' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    await statusBarItem(page, /Gearshift: monitoring production \([1-4]\/4 intervals\)/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'deploy-monitoring');
    // Four probe errors in a row (consecutiveErrorLimit's default): inconclusive, the new slot stays live.
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'monitoring was inconclusive' }).first();
    await toast.waitFor({ timeout: 60_000 });
    const released = fs.readFileSync(liveFile, 'utf8');
    assert.notStrictEqual(released, before, 'the inconclusive release is not live');
    assert.ok(await toast.getByRole('button', { name: 'Keep', exact: true }).isVisible());
    await statusBarItem(page, 'release needs a decision').waitFor({ timeout: 30_000 });
    await screenshot(page, 'deploy-inconclusive');
    // The question says it all: no error toast besides it (there was one, "deploy to production: inconclusive").
    assert.strictEqual(await page.locator('.notifications-toasts .notification-toast', { hasText: 'deploy to production: inconclusive' }).count(), 0);
    const historyFile = path.join(workspace, '.git', 'gearshift', 'history.jsonl');
    const linesBefore = fs.readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).length;
    await toast.getByRole('button', { name: 'Roll Back', exact: true }).click();
    await statusBarItem(page, 'release needs a decision').waitFor({ state: 'detached', timeout: 60_000 });
    await until('the slot to switch back', () => fs.readFileSync(liveFile, 'utf8') === before);
    await until('the rollback recorded with its decision', () => fs.readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).slice(linesBefore)
      .some((l) => (JSON.parse(l) as { run?: { decision?: { choice?: string } } }).run?.decision?.choice === 'rollback'));
  });

  it('a corrupt deploy.json refuses Deploy to Production, Switch and Keep before any dialog, naming the file, and the live slot is untouched', async () => {
    const { page, workspace } = e2e();
    const stateFile = path.join(workspace, '.git', 'gearshift', 'deploy.json');
    // Run alone (GEARSHIFT_TEST_GREP), nothing was deployed before: no state file and no live slot.
    const readIfThere = (file: string): string | undefined => fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const good = readIfThere(stateFile);
    const live = readIfThere(liveFile);
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.writeFileSync(stateFile, '{"version":1,"slots":{');
    try {
      const refusing = [['Gearshift: Deploy to Production…', 'deploy to production'], ['Gearshift: Switch Blue/Green…', 'switch'],
        ['Gearshift: Keep the Inconclusive Release', 'keep the release']]; // Keep: whether a release waits is unknown, not "none"
      for (const [command, what] of refusing) {
        await runFromPalette(page, 'Notifications: Clear All Notifications');
        await runFromPalette(page, command);
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Gearshift: ${what}:` }).first();
        await toast.waitFor({ timeout: 30_000 });
        const text = (await toast.innerText()).replace(/\s+/g, ' ');
        assert.match(text, /deploy\.json is corrupt \(not valid JSON.*the live slot and the rollback target are unknown/, text);
        assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0, `${command} asked although it must refuse`);
      }
      await screenshot(page, 'deploy-corrupt-state');
      assert.strictEqual(readIfThere(liveFile), live, 'no switch or production stage ran');
      assert.strictEqual(fs.readFileSync(stateFile, 'utf8'), '{"version":1,"slots":{', 'the corrupt file is not written over');
    } finally {
      if (good === undefined) { fs.rmSync(stateFile, { force: true }); } else { fs.writeFileSync(stateFile, good); }
      fs.rmSync(`${stateFile}.corrupt`, { force: true });
    }
  });

  it('after a production failure, Deploy to Production names the way out; its Run Pipeline button deploys the fix through a full run', async () => {
    const { page, workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    fs.writeFileSync(file, blueGreenPipeline('exit 1')); // the switch fails: a production failure
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await page.locator('.monaco-dialog-box', { hasText: 'Run Pipeline runs every stage' }).getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    await statusBarItem(page, /Gearshift: red/).waitFor({ timeout: 60_000 });
    fs.writeFileSync(file, blueGreen(liveFile)); // the fix
    await runFromPalette(page, 'Gearshift: Deploy to Production…');
    const refusal = page.locator('.monaco-dialog-box', { hasText: 'production deploys are refused' });
    await refusal.waitFor({ timeout: 30_000 });
    const text = (await refusal.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /deploy through a full pipeline run/, text);
    assert.doesNotMatch(text, /Fix it first/, 'circular: after a production failure only a deploy shows it is fixed');
    await screenshot(page, 'deploy-red-way-out');
    await refusal.getByRole('button', { name: 'Run Pipeline', exact: true }).click();
    await page.locator('.monaco-dialog-box', { hasText: 'Run Pipeline runs every stage' }).getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
  });

  it('Deploy to Non-Prod offers Promote to Production…, which ships the commit that passed non-prod', async () => {
    const { page, workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    const [committed, suites] = [git(workspace, 'show', 'HEAD:.gearshift.yml'), fs.readFileSync(file, 'utf8')];
    const nonProd = blueGreen(liveFile).replace('  - name: Deploy Prod', '  - name: Deploy Non-Prod\n    run: echo "staging"\n    environment: non-prod\n  - name: Deploy Prod');
    fs.writeFileSync(file, nonProd);
    git(workspace, 'commit', '-q', '-m', 'A non-prod stage', '--', '.gearshift.yml'); // a dirty tree is no pass to promote
    try {
      const before = fs.readFileSync(liveFile, 'utf8');
      await runFromPalette(page, 'Notifications: Clear All Notifications');
      await runFromPalette(page, 'Gearshift: Deploy to Non-Prod');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'passed non-prod; it can be promoted to production' }).first();
      await toast.waitFor({ timeout: 60_000 });
      await toast.getByRole('button', { name: 'Promote to Production…', exact: true }).click();
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'to production' });
      await dialog.waitFor({ timeout: 30_000 });
      await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
      await until('the promoted release to go live', () => fs.readFileSync(liveFile, 'utf8') !== before);
    } finally {
      fs.writeFileSync(file, committed);
      git(workspace, 'commit', '-q', '-m', 'Back to the fixture pipeline', '--', '.gearshift.yml');
      fs.writeFileSync(file, suites);
    }
  });
});
