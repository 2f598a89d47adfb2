import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { blueGreenPipeline, e2e, usePipelineForSuite } from './context';
import { runFromPalette, screenshot, statusBarItem } from './ui';

/**
 * Issue 16: the switch script's `deploy.env` references a secret. With it deleted, Switch
 * Blue/Green… and Roll Back Production… (two commands, two refusal paths) must name it, offer
 * *Set Secret…*, say which slot is still live, and change nothing; once set again from that
 * button, the rollback runs and the script sees the value in its environment only.
 */
const NAME = 'DEPLOY_TOKEN';
// Long and unlike anything else on screen, so a leak cannot hide in other text.
const FIRST = 'e2e-Sw1tch-f1rst-Qm7r';
const SECOND = 'e2e-Sw1tch-s3cond-Kp2w';

/** Files outside the workspace (the working tree stays as the pipeline file leaves it). */
function files(): { script: string; live: string; saw: string; argv: string; deployJson: string; history: string } {
  const { workspace } = e2e();
  const dir = path.dirname(workspace);
  const state = path.join(workspace, '.git', 'gearshift');
  return {
    script: path.join(dir, 'switch-with-token.sh'), live: path.join(dir, 'live-slot-secrets'), saw: path.join(dir, 'switch-saw-token'),
    argv: path.join(dir, 'switch-argv'), deployJson: path.join(state, 'deploy.json'), history: path.join(state, 'history.jsonl'),
  };
}

/** Writes what it saw of the secret (env) and its own and its parent's argv, echoes the token, then moves traffic. */
function switchScript(): string {
  const f = files();
  return `#!/bin/sh
printf '%s' "$TOKEN" > '${f.saw}'
{ tr '\\0' ' ' < /proc/$$/cmdline; echo; tr '\\0' ' ' < /proc/$PPID/cmdline; } > '${f.argv}'
echo "switch sees token $TOKEN"
printf '%s' "$GEARSHIFT_SLOT" > '${f.live}'
`;
}

function pipeline(): string {
  fs.writeFileSync(files().script, switchScript(), { mode: 0o755 });
  return blueGreenPipeline(JSON.stringify(`sh '${files().script}'`), `  env:
    TOKEN: "\${{ secrets.${NAME} }}"
`);
}

const read = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
interface Ended { rollback?: boolean; deploy?: { result?: string } }
/** The runs history has seen end (it also writes a line when a run or stage starts). */
const endedRuns = (): Ended[] => read(files().history).split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as { kind: string; run: Ended }).filter((e) => e.kind === 'end').map((e) => e.run);

/** Polls a file-system fact the UI has no element for, within a bound. */
async function until(what: string, check: () => boolean, timeout = 60_000): Promise<void> {
  for (const end = Date.now() + timeout; !check();) {
    if (Date.now() > end) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Everything a switch or rollback could change: deploy.json, history, the live slot, what the script last saw. */
function productionState(): Record<string, string> {
  const f = files();
  return { deployJson: read(f.deployJson), history: read(f.history), live: read(f.live), saw: read(f.saw), argv: read(f.argv) };
}

function toast(text: string): Locator {
  return e2e().page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

function quickInput(title: string): Locator {
  const { page } = e2e();
  return page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
}

/** Answers Set Secret's boxes: from the palette a name, then the value; from a button (it names the secret) the value only. */
async function enterSecret(value: string, fromButton: boolean): Promise<void> {
  const { page } = e2e();
  if (!fromButton) {
    const nameBox = quickInput('Set Secret (1/2)').locator('.quick-input-box input').first();
    await nameBox.waitFor({ state: 'visible', timeout: 15_000 });
    await nameBox.fill(NAME);
    await nameBox.press('Enter');
  }
  const valueBox = quickInput(fromButton ? `Set Secret: ${NAME}` : `Set Secret (2/2): ${NAME}`).locator('.quick-input-box input').first();
  await valueBox.waitFor({ state: 'visible', timeout: 15_000 });
  assert.strictEqual(await valueBox.getAttribute('type'), 'password');
  await valueBox.focus();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await toast(`secret ${NAME} set`).waitFor({ timeout: 15_000 });
}

/** Clicks the quick pick row whose label is `label`. */
async function pickRow(label: string): Promise<void> {
  const row = e2e().page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

/** The refusal: its words, the Set Secret… button, no confirmation asked, nothing changed. */
async function expectRefusal(what: string, action: string, live: string, before: Record<string, string>): Promise<Locator> {
  const { page } = e2e();
  const shown = toast(`Gearshift: ${what}: cannot ${action}: secret not set: ${NAME}`);
  await shown.waitFor({ timeout: 60_000 });
  const text = (await shown.innerText()).replace(/\s+/g, ' ');
  assert.ok(text.includes(`which the switch script's env (deploy.env) needs; set it with Gearshift: Set Secret…, then ${action} again.`), text);
  assert.ok(text.includes(`The switch script did not run and nothing was changed: ${live} is still live`), text);
  assert.ok(!text.includes(FIRST) && !text.includes(SECOND), 'a value on screen');
  await shown.locator('.monaco-button', { hasText: 'Set Secret…' }).waitFor({ state: 'visible', timeout: 15_000 });
  assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0, 'a refused change must not ask for confirmation first');
  assert.deepStrictEqual(productionState(), before, 'the refusal changed production state');
  return shown;
}

describe('a switch secret that is not set, in the real UI (Switch Blue/Green…, Roll Back Production…)', () => {
  usePipelineForSuite(pipeline);
  let previous = '';
  let current = '';

  it('with the secret set, two production deploys leave a release in each slot (the switch sees the value)', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Set Secret…');
    await enterSecret(FIRST, false);
    const runs = endedRuns().length;
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    const runDialog = page.locator('.monaco-dialog-box', { hasText: 'Run Pipeline runs every stage' });
    await runDialog.waitFor({ timeout: 30_000 });
    await runDialog.getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    await until('the run recorded', () => endedRuns().length > runs);
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 30_000 });
    previous = read(files().live);
    assert.match(previous, /^(blue|green)$/);
    await runFromPalette(page, 'Gearshift: Deploy to Production…');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'to production' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    await until('the second deploy recorded', () => endedRuns().length > runs + 1);
    current = read(files().live);
    assert.notStrictEqual(current, previous, 'the second deploy went to the other slot');
    assert.strictEqual(read(files().saw), FIRST, 'the switch script got the secret in its env');
  });

  it('with it deleted, Switch Blue/Green… names it, offers Set Secret…, says which slot is live, and changes nothing', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Gearshift: Delete Secret…');
    const row = quickInput('Delete Secret').locator(`.monaco-list-row[aria-label="${NAME}"]`).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await toast(`secret ${NAME} deleted`).waitFor({ timeout: 15_000 });
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    const before = productionState();
    await runFromPalette(page, 'Gearshift: Switch Blue/Green…');
    await expectRefusal('switch', 'switch', current, before);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
  });

  it('a gearshift task that reaches production is refused too: its terminal says how to set it, and the same Set Secret… button shows', async () => {
    const { page } = e2e();
    const before = productionState();
    await runFromPalette(page, 'Tasks: Run Task');
    await pickRow('gearshift');
    await pickRow('Deploy Prod');
    // VS Code may ask which problems to scan the task's output for (once per task).
    const noScan = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Continue without scanning the task output' }).first();
    const shown = toast(`Gearshift: secret not set: ${NAME}`);
    await Promise.race([noScan.waitFor({ timeout: 30_000 }), shown.waitFor({ timeout: 30_000 })]);
    if (await noScan.isVisible()) { await noScan.click(); }
    await shown.waitFor({ timeout: 60_000 });
    assert.match((await shown.innerText()).replace(/\s+/g, ' '), /Set it with Gearshift: Set Secret… \(nothing ran\)/);
    await shown.locator('.monaco-button', { hasText: 'Set Secret…' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: `secret not set: ${NAME}. Set it with Gearshift: Set Secret…` }).first().waitFor({ timeout: 30_000 });
    assert.deepStrictEqual(productionState(), before, 'the refused task changed production state');
    await runFromPalette(page, 'Notifications: Clear All Notifications');
  });

  it('Roll Back Production… is refused the same way; its Set Secret… button sets it, and the rollback then runs with the value only in env, masked', async () => {
    const { page } = e2e();
    const before = productionState();
    await runFromPalette(page, 'Gearshift: Roll Back Production…');
    const shown = await expectRefusal('roll back', 'roll back', current, before);
    await shown.hover(); // a hovered toast stays; the shot shows it settled, with its button
    const expand = shown.locator('.codicon-notifications-expand');
    if (await expand.isVisible()) { await expand.click(); } // the whole message in the shot
    await screenshot(page, 'secret-missing-rollback');
    await shown.locator('.monaco-button', { hasText: 'Set Secret…' }).click();
    await enterSecret(SECOND, true);

    const runs = endedRuns().length;
    await runFromPalette(page, 'Gearshift: Roll Back Production…');
    const dialog = page.locator('.monaco-dialog-box', { hasText: new RegExp(`Roll production back from ${current} \\(\\w{8}.*\\) to ${previous} \\(\\w{8}`) });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Roll Back', exact: true }).click();
    await toast(`roll back: slot ${previous} is live again`).waitFor({ timeout: 60_000 });
    assert.strictEqual(read(files().live), previous);
    assert.strictEqual(read(files().saw), SECOND, 'the script saw the value set from the button, in its env');
    const argv = read(files().argv);
    assert.match(argv, /switch-with-token\.sh/, 'the script recorded its argv');
    assert.ok(!argv.includes(SECOND), `the value reached a command line: ${argv}`);
    await until('the rollback recorded', () => endedRuns().length > runs);
    const rollback = endedRuns().at(-1) ?? {};
    assert.ok(rollback.rollback === true && rollback.deploy?.result === 'ok', JSON.stringify(rollback));
    const state = productionState();
    for (const [file, text] of Object.entries({ deployJson: state.deployJson, history: state.history })) {
      assert.ok(!text.includes(FIRST) && !text.includes(SECOND), `a secret value in ${file}`);
    }
    await runFromPalette(page, 'Gearshift: Show Pipeline Terminal');
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'rolled back: ' }).first().waitFor({ timeout: 30_000 });
    const terminal = (await page.locator('.terminal-wrapper .xterm-rows').allInnerTexts()).join('\n');
    // The rollback's own output, not the deploys' before it.
    assert.match(terminal.slice(terminal.lastIndexOf('Gearshift rollback')), /switch sees token \*\*\*/);
    assert.ok(!terminal.includes(SECOND) && !terminal.includes(FIRST), 'the secret reached the terminal');
    await screenshot(page, 'secret-rollback-masked');
  });
});
