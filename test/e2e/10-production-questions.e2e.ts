import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { blueGreenPipeline, e2e, usePipelineForSuite } from './context';
import { runFromPalette, screenshot, statusBarItem } from './ui';
import { git } from '../support/git';

/**
 * Every editor path whose stages reach production asks the production question (edjourney
 * findings 1, 12, 14): Run Single Stage… / Re-run From Failed Stage, not only Run Pipeline.
 */

/** A non-prod stage (a pass to promote); `Deploy Prod` fails until `ok-prod` exists beside the workspace; `Unit Tests` waits for `go-unit` when `hold-unit` exists. */
function pipeline(outside: string): string {
  const ok = path.join(outside, 'ok-prod');
  const hold = `if [ -e "${outside}/hold-unit" ]; then i=0; while [ ! -e "${outside}/go-unit" ]; do i=$((i+1)); [ $i -gt 3000 ] && exit 9; sleep 0.02; done; fi; echo unit`;
  return blueGreenPipeline(`printf '%s' "$GEARSHIFT_SLOT" > "${outside}/live-slot"`)
    .replace('run: echo "all tests pass"', `run: ${JSON.stringify(hold)}`)
    .replace('  - name: Deploy Prod\n', '  - name: Deploy Non-Prod\n    run: echo staging\n    environment: non-prod\n  - name: Deploy Prod\n')
    .replace('run: echo "release $GEARSHIFT_SHA into slot $GEARSHIFT_SLOT"', `run: ${JSON.stringify(`test -e "${ok}" && echo "release into $GEARSHIFT_SLOT"`)}`);
}

function readIfThere(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The live slot deploy.json records ('' before any deploy). */
function liveSlot(workspace: string): string {
  const text = readIfThere(path.join(workspace, '.git', 'gearshift', 'deploy.json'));
  return text ? String((JSON.parse(text) as { live?: string }).live ?? '') : '';
}

/** Runs in history with a `kind` line ('start': started, 'end': ended). */
function historyCount(workspace: string, kind: 'start' | 'end'): number {
  return (readIfThere(path.join(workspace, '.git', 'gearshift', 'history.jsonl')) ?? '').split('\n').filter(Boolean)
    .filter((l) => (JSON.parse(l) as { kind?: string }).kind === kind).length;
}

async function until(what: string, check: () => boolean, timeout = 60_000): Promise<void> {
  for (const end = Date.now() + timeout; !check();) {
    if (Date.now() > end) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function runSingleStage(page: Page, stage: string): Promise<void> {
  // The mouse may rest on the Pipeline view: a stage row's hover (its command) could open over the quick pick and take its click (cold CI).
  await page.mouse.move(0, 0);
  await runFromPalette(page, 'Gearshift: Run Single Stage…');
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${stage}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

function dialog(page: Page, text: string): ReturnType<Page['locator']> {
  return page.locator('.monaco-dialog-box', { hasText: text });
}

describe('production questions on every path that deploys', () => {
  let outside = '';
  usePipelineForSuite(() => {
    outside = path.dirname(e2e().workspace);
    return pipeline(outside);
  });

  it('Run Single Stage… on the production stage asks first; Cancel leaves deploy.json and history as they were; a non-prod stage does not ask', async () => {
    const { page, workspace } = e2e();
    fs.writeFileSync(path.join(outside, 'ok-prod'), '');
    const stateFile = path.join(workspace, '.git', 'gearshift', 'deploy.json');
    const state = readIfThere(stateFile);
    const started = historyCount(workspace, 'start');
    const ended = historyCount(workspace, 'end');
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runSingleStage(page, 'Deploy Prod');
    const ask = dialog(page, 'to production');
    await ask.waitFor({ timeout: 30_000 });
    const text = (await ask.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /only the stage "Deploy Prod"/, text);
    assert.match(text, /slot (blue|green)/, text);
    await screenshot(page, 'single-stage-production-question');
    await ask.getByRole('button', { name: 'Cancel', exact: true }).click();
    await ask.waitFor({ state: 'detached', timeout: 15_000 });
    // A stage that deploys nothing runs without a question; its record is the only new one.
    await runSingleStage(page, 'Unit Tests');
    await until('the Unit Tests run to end', () => historyCount(workspace, 'end') > ended);
    assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0, 'a non-prod stage asked');
    assert.strictEqual(historyCount(workspace, 'start'), started + 1, 'the cancelled production stage ran');
    assert.strictEqual(readIfThere(stateFile), state, 'deploy.json changed although the question was cancelled');
  });

  it('after the production stage failed, its Re-run From Failed Stage asks the production question, not the red refusal, and deploys', async () => {
    const { page, workspace } = e2e();
    fs.rmSync(path.join(outside, 'ok-prod'), { force: true });
    // A clean tree: the re-run leans on the stages that passed at this commit, which uncommitted changes would void.
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '--allow-empty', '-m', 'The production questions pipeline, before the red run');
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await dialog(page, 'Run Pipeline runs every stage').getByRole('button', { name: 'Run and Deploy', exact: true }).click({ timeout: 30_000 });
    await statusBarItem(page, /Gearshift: red/).waitFor({ timeout: 60_000 });
    fs.writeFileSync(path.join(outside, 'ok-prod'), '');
    const before = liveSlot(workspace);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Re-run From Failed Stage');
    const ask = dialog(page, 'to production');
    await ask.waitFor({ timeout: 30_000 });
    assert.match((await ask.innerText()).replace(/\s+/g, ' '), /from "Deploy Prod" on/);
    await ask.getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
    // The switch may finish just after the stages turned the status bar green. deploy.json, not the
    // switch's file: an earlier suite's switch script writes elsewhere.
    await until('the re-run to switch slots', () => liveSlot(workspace) !== before);
  });

  it('Promote asks with Deploy to Production\'s facts: the slot, and that the commit is already live', async () => {
    const { page, workspace } = e2e();
    // A clean tree (the suite's pipeline committed), deployed: then its non-prod pass is promotable and live.
    fs.writeFileSync(path.join(outside, 'ok-prod'), '');
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '--allow-empty', '-m', 'The production questions pipeline'); // the red re-run's test may have committed it
    const ended = historyCount(workspace, 'end');
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await dialog(page, 'Run Pipeline runs every stage').getByRole('button', { name: 'Run and Deploy', exact: true }).click({ timeout: 30_000 });
    await until('the run to end', () => historyCount(workspace, 'end') > ended);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Deploy to Non-Prod');
    const passed = page.locator('.notifications-toasts .notification-toast', { hasText: 'Gearshift: deploy to non-prod:' }).first();
    await passed.waitFor({ timeout: 60_000 });
    assert.doesNotMatch((await passed.innerText()).replace(/\s+/g, ' '), /not recorded|failed|refused/);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Promote Non-Prod Build to Production…');
    const ask = dialog(page, 'to production');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Gearshift: promote' }).first();
    await Promise.race([ask.waitFor({ timeout: 30_000 }), toast.waitFor({ timeout: 30_000 })]);
    assert.ok(await ask.isVisible(), `Promote did not ask: ${await toast.isVisible() ? await toast.innerText() : '(no toast)'}`);
    const text = (await ask.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Promote [0-9a-f]{8} .*to production \(slot (blue|green)\)\?/, text);
    assert.match(text, /is already live in (blue|green)/, text);
    await screenshot(page, 'promote-question');
    await ask.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('during a run, Run Pipeline asks about the running run first (Do Nothing named), then a queued run\'s question names no slot', async () => {
    const { page, workspace } = e2e();
    fs.writeFileSync(path.join(outside, 'hold-unit'), '');
    fs.rmSync(path.join(outside, 'go-unit'), { force: true });
    const ended = historyCount(workspace, 'end');
    try {
      const started = historyCount(workspace, 'start');
      await runFromPalette(page, 'Gearshift: Run Pipeline');
      await dialog(page, 'Run Pipeline runs every stage').getByRole('button', { name: 'Run and Deploy', exact: true }).click({ timeout: 30_000 });
      await until('the held run to start', () => historyCount(workspace, 'start') > started);
      await runFromPalette(page, 'Gearshift: Run Pipeline');
      const busy = page.locator('.monaco-dialog-box').first();
      await busy.waitFor({ timeout: 30_000 });
      assert.match((await busy.innerText()).replace(/\s+/g, ' '), /A Gearshift pipeline run is in progress/);
      assert.ok(await busy.getByRole('button', { name: 'Do Nothing', exact: true }).isVisible(), 'the dismiss button is not named');
      await screenshot(page, 'when-running-first');
      await busy.getByRole('button', { name: 'Queue', exact: true }).click();
      const ask = dialog(page, 'Queued: it starts when the run in progress ends');
      await ask.waitFor({ timeout: 30_000 });
      assert.doesNotMatch((await ask.innerText()).replace(/\s+/g, ' '), /\(slot (blue|green)\)/);
      await ask.getByRole('button', { name: 'Cancel', exact: true }).click();
    } finally {
      fs.writeFileSync(path.join(outside, 'go-unit'), '');
      fs.rmSync(path.join(outside, 'hold-unit'), { force: true });
    }
    await until('the held run to end', () => historyCount(workspace, 'end') > ended);
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 60_000 });
  });

  it('a gearshift task of the production stage asks too; Cancel runs nothing', async () => {
    const { page, workspace } = e2e();
    fs.writeFileSync(path.join(outside, 'ok-prod'), '');
    const started = historyCount(workspace, 'start');
    await page.mouse.move(0, 0); // as in runSingleStage: no row's hover over the quick pick
    await runFromPalette(page, 'Tasks: Run Task');
    // The task's own row (listed under "recently used" once it ran), else its provider's group first.
    // code-server 1.139 draws the group as a folder icon then " gearshift" (aria-label "All gearshift
    // tasks"): the label's text starts with a space, so names are matched with spaces allowed around.
    const recent = page.locator('.quick-input-list .monaco-list-row', { hasText: 'gearshift: Deploy Prod' }).first();
    const group = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^\s*gearshift\s*$/ }) }).first();
    await Promise.race([recent.waitFor({ timeout: 30_000 }), group.waitFor({ timeout: 30_000 })]);
    if (await recent.isVisible()) { await recent.click(); } else {
      await group.click();
      // The group's list names each task "gearshift: <stage>" there too.
      await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^\s*(gearshift: )?Deploy Prod\s*$/ }) }).first().click({ timeout: 30_000 });
    }
    // VS Code may ask which problems to scan the task's output for (once per task).
    const noScan = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Continue without scanning the task output' }).first();
    const ask = dialog(page, 'only the stage "Deploy Prod"');
    await Promise.race([noScan.waitFor({ timeout: 30_000 }), ask.waitFor({ timeout: 30_000 })]);
    if (await noScan.isVisible()) { await noScan.click(); }
    await ask.waitFor({ timeout: 30_000 });
    await ask.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'not confirmed; nothing ran' }).first().waitFor({ timeout: 30_000 });
    assert.strictEqual(historyCount(workspace, 'start'), started, 'the cancelled task ran');
  });
  it('a commit made while Run Pipeline\'s question is open: nothing runs, and the advice is to run again for HEAD, not checkout: clean', async () => {
    const { page, workspace } = e2e();
    fs.writeFileSync(path.join(outside, 'ok-prod'), '');
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '--allow-empty', '-m', 'The production questions pipeline, before the question');
    const asked = git(workspace, 'rev-parse', 'HEAD');
    const started = historyCount(workspace, 'start');
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    const ask = dialog(page, 'Run Pipeline runs every stage');
    await ask.waitFor({ timeout: 30_000 });
    git(workspace, 'commit', '-q', '--allow-empty', '-m', 'Made while the question was open');
    const head = git(workspace, 'rev-parse', 'HEAD');
    await ask.getByRole('button', { name: 'Run and Deploy', exact: true }).click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'is no longer HEAD' }).first();
    await toast.waitFor({ timeout: 60_000 });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`${asked.slice(0, 8)} is no longer HEAD \\(HEAD is ${head.slice(0, 8)}\\)`), text);
    assert.match(text, new RegExp(`run again to be asked about HEAD \\(${head.slice(0, 8)}\\)`), text);
    assert.doesNotMatch(text, /checkout: clean/, text);
    assert.strictEqual(historyCount(workspace, 'start'), started, 'a run started for the confirmed commit');
  });
});
