import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e, usePipelineForSuite } from './context';
import { runFromPalette, screenshot } from './ui';

const NAME = 'E2E_DEPLOY_TOKEN';
// Long and unlike anything else on screen, so a leak cannot hide in other text.
const VALUE = 'e2e-Zq81-s3cret-Vx4k';

const PRINTS_SECRET = `version: 1
stages:
  - name: Print Secret
    run: echo "the token is $TOKEN"
    environment: non-prod
    env:
      TOKEN: "\${{ secrets.${NAME} }}"
`;

/** The quick input titled so, visible (Set Secret's two boxes have their step in the title; given a name, only the value box). */
function quickInput(title: string): ReturnType<ReturnType<typeof e2e>['page']['locator']> {
  const { page } = e2e();
  return page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
}

/** history.jsonl as it is now ('' before any run): a run that started wrote a line. */
function historyText(): string {
  const file = path.join(e2e().workspace, '.git', 'gearshift', 'history.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

async function terminalText(): Promise<string> {
  return (await e2e().page.locator('.terminal-wrapper .xterm-rows').allInnerTexts()).join('\n');
}

describe('secrets in the real UI', () => {
  usePipelineForSuite(() => PRINTS_SECRET);

  it('Deploy to Non-Prod with the secret unset is refused with the same Set Secret… button', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Gearshift: Deploy to Non-Prod');
    const toast = page.locator('.notification-toast', { hasText: `deploy to non-prod: secret not set: ${NAME}` }).first();
    await toast.waitFor({ timeout: 60_000 });
    await toast.locator('.monaco-button', { hasText: 'Set Secret…' }).waitFor({ state: 'visible', timeout: 15_000 });
    // Escape hides the toast: the next test sets the secret from a run's button instead.
    await page.keyboard.press('Escape');
    await toast.waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it('an unset secret stops the run with an error carrying Set Secret…, which goes straight to the password box for that name', async () => {
    const { page } = e2e();
    const history = historyText();
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    const toast = page.locator('.notification-toast', { hasText: `Gearshift: secret not set: ${NAME}` }).first();
    await toast.waitFor({ timeout: 60_000 });
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), /Set it with Gearshift: Set Secret… \(nothing ran\)/);
    // Before any stage: no run started (history untouched), no stage printed an empty token.
    assert.strictEqual(historyText(), history, 'a run was recorded');
    assert.ok(!(await terminalText()).includes('the token is'), 'the stage ran without its secret');
    const button = toast.locator('.monaco-button', { hasText: 'Set Secret…' });
    await button.waitFor({ state: 'visible', timeout: 15_000 });
    await toast.hover(); // a hovered toast stays; the shot then shows it settled, with its button
    await screenshot(page, 'secret-missing');
    await button.click();
    // The button names the secret: no name box (a value typed there would show in clear text), the value box at once.
    const valueBox = quickInput(`Set Secret: ${NAME}`).locator('.quick-input-box input').first();
    await valueBox.waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await valueBox.getAttribute('type'), 'password', 'the value box must not show what is typed');
    await valueBox.focus();
    await page.keyboard.type(VALUE);
    await screenshot(page, 'secret-password-box');
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: `secret ${NAME} set` }).first().waitFor({ timeout: 15_000 });
  });

  it('with the secret set, a stage that prints it shows *** in the terminal', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'the token is ***' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'Pipeline GREEN' }).first().waitFor({ timeout: 60_000 });
    const text = await terminalText();
    assert.match(text, /the token is \*\*\*/);
    assert.ok(!text.includes(VALUE), 'the secret reached the terminal');
    await screenshot(page, 'secret-masked');
  });
});
