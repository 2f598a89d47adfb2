import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { commitFile } from '../support/git';
import { e2e, usePipelineForSuite } from './context';
import { screenshot } from './ui';

// Not the name 07-secrets sets: SecretStorage lives as long as the code-server session.
const NAME = 'E2E_COMMIT_TOKEN';
const VALUE = 'e2e-commit-Hm27-Tq9w';

const COMMIT_RUN_PRINTS_SECRET = `version: 1
trigger: commit
stages:
  - name: Print Commit Secret
    run: echo "commit token is $TOKEN"
    env:
      TOKEN: "\${{ secrets.${NAME} }}"
`;

function historyText(): string {
  const file = path.join(e2e().workspace, '.git', 'gearshift', 'history.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** The history's run lines for commit-triggered runs of `sha`. */
function commitRunsOf(sha: string): string[] {
  return historyText().split('\n').filter((l) => l.includes(sha) && l.includes('"trigger":"commit"'));
}

function quickInput(title: string): ReturnType<ReturnType<typeof e2e>['page']['locator']> {
  const { page } = e2e();
  return page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
}

/** Polls `check` until it holds, at most `ms`; says what it waited for if not. */
async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) { throw new Error(`timed out after ${ms} ms waiting for ${what}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A commit with the secret unset: no run, a toast naming it; its button sets the secret. */
async function commitRefusedThenSetSecret(): Promise<void> {
  const { page, workspace } = e2e();
  const sha = commitFile(workspace, 'notes/secret-a.txt', 'a\n', 'Commit needing a secret');
  const toast = page.locator('.notification-toast', { hasText: `Gearshift: secret not set: ${NAME}` }).first();
  await toast.waitFor({ timeout: 60_000 });
  assert.match((await toast.innerText()).replace(/\s+/g, ' '), /nothing ran/);
  assert.deepStrictEqual(commitRunsOf(sha), [], 'the commit started a run without its secret');
  const button = toast.locator('.monaco-button', { hasText: 'Set Secret…' });
  await button.waitFor({ state: 'visible', timeout: 15_000 });
  await toast.hover();
  await screenshot(page, 'secret-missing-on-commit');
  await button.click();
  // The button names the missing secret: straight to its masked value box, no name step.
  const valueBox = quickInput(`Set Secret: ${NAME}`).locator('.quick-input-box input').first();
  await valueBox.waitFor({ state: 'visible', timeout: 15_000 });
  assert.strictEqual(await valueBox.getAttribute('type'), 'password');
  await valueBox.focus();
  await page.keyboard.type(VALUE);
  await page.keyboard.press('Enter');
  await page.locator('.notification-toast', { hasText: `secret ${NAME} set` }).first().waitFor({ timeout: 15_000 });
}

/** The next commit runs green with the secret, masked in the terminal, absent from history. */
async function nextCommitRunsMasked(): Promise<void> {
  const { page, workspace } = e2e();
  const sha = commitFile(workspace, 'notes/secret-b.txt', 'b\n', 'Commit with its secret set');
  await until(`a green commit run of ${sha.slice(0, 8)} in history`, () => commitRunsOf(sha).some((l) => l.includes('"state":"green"')));
  const rows = page.locator('.terminal-wrapper .xterm-rows', { hasText: 'commit token is ***' }).first();
  await rows.waitFor({ timeout: 60_000 });
  const text = (await page.locator('.terminal-wrapper .xterm-rows').allInnerTexts()).join('\n');
  assert.ok(!text.includes(VALUE), 'the secret reached the terminal');
  assert.ok(!historyText().includes(VALUE), 'the secret reached the history');
}

describe('a commit-triggered run and an unset secret, in the real UI', () => {
  usePipelineForSuite(() => COMMIT_RUN_PRINTS_SECRET);

  // One test, not two: the second half needs the secret the first half sets through the UI,
  // and a test must not depend on another having run (GEARSHIFT_TEST_GREP may pick one).
  it('a commit with the secret unset runs nothing and offers Set Secret…; once set there, the next commit runs green showing ***', async function () {
    this.timeout(240_000); // two commits, each waited for up to 60 s
    await commitRefusedThenSetSecret();
    await nextCommitRunsMasked();
  });
});
