import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { openGearshiftSidebar, pipelineRows, runFromPalette, screenshot, statusBarItem } from './ui';
import { git } from '../support/git';

/** Reads the integrated terminal's text (DOM renderer: terminal.integrated.gpuAcceleration off). */
async function terminalText(): Promise<string> {
  return (await e2e().page.locator('.terminal-wrapper.active .xterm-rows, .terminal-wrapper .xterm-rows').allInnerTexts()).join('\n');
}

/** Waits (bounded) until the Pipeline pane's rows, "Name description" each, match `expected` in order; fails saying what it showed. */
async function untilRows(expected: RegExp[]): Promise<void> {
  const { page } = e2e();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await pipelineRows(page);
    if (rows.length === expected.length && rows.every((r, i) => expected[i].test(r))) { return; }
    if (Date.now() > deadline) { assert.fail(`the Pipeline view shows ${JSON.stringify(rows)}; expected ${expected.map(String).join(', ')}`); }
    await page.waitForTimeout(100); // the tree has no event a page can wait on: poll its rows
  }
}

describe('running the pipeline from the real UI', () => {
  // Finding 6 of notes/edjourney.md: the view was blank until the first run.
  it('before the first run, the Pipeline view lists the stages of .gearshift.yml as not run', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    await untilRows([/^Unit Tests not run$/, /^Build Artifacts not run$/, /^Deploy Non-Prod not run$/]);
    await screenshot(page, 'pipeline-not-run');
  });

  it('Run Pipeline from the palette shows stage banners in the terminal and ends green', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'Pipeline GREEN' }).first().waitFor({ timeout: 60_000 });
    const text = await terminalText();
    // Only the terminal's viewport is in the DOM: assert on the last stage and the summary table.
    assert.match(text, /\[3\/3\] Deploy Non-Prod/);
    assert.match(text, /Deploy Non-Prod passed in/);
    assert.match(text, /Unit Tests\s+passed/);
    assert.match(text, /Build Artifacts\s+passed/);
    await statusBarItem(page, /Gearshift: green/).waitFor({ timeout: 20_000 });
  });

  it('the Pipeline view lists the stages with their states', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const rows = page.locator('.pane-body .monaco-list-row', { hasText: 'passed' });
    await rows.nth(2).waitFor({ timeout: 30_000 });
    const labels = await rows.allInnerTexts();
    for (const stage of ['Unit Tests', 'Build Artifacts', 'Deploy Non-Prod']) {
      assert.ok(labels.some((l) => l.includes(stage)), `${stage} missing from ${JSON.stringify(labels)}`);
    }
    await screenshot(page, 'pipeline-green');
  });

  it('after .gearshift.yml changes, a stage added shows as not run and one removed disappears, the others keep their states', async () => {
    const { workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, original.replace(/ {2}- name: Build Artifacts\n {4}run: .*\n/, '  - name: Lint\n    run: echo lint\n'));
      await untilRows([/^Unit Tests passed/, /^Lint not run$/, /^Deploy Non-Prod passed/]);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('under checkout: clean, a commit that renames a stage shows the new name at once: only HEAD moved, no run, no config event', async () => {
    const { workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    const original = fs.readFileSync(file, 'utf8');
    const clean = original.replace('version: 1\n', 'version: 1\ncheckout: clean\n');
    try {
      fs.writeFileSync(file, clean);
      git(workspace, 'commit', '-q', '-m', 'Run in clean checkouts', '--', '.gearshift.yml');
      await untilRows([/^Unit Tests passed/, /^Build Artifacts passed/, /^Deploy Non-Prod passed/]);
      // The rename is committed through the index, so the working copy (all a config watcher sees) never changes.
      const renamed = path.join(path.dirname(workspace), 'renamed.gearshift.yml');
      fs.writeFileSync(renamed, clean.replace('name: Build Artifacts', 'name: Package'));
      const blob = git(workspace, 'hash-object', '-w', '--', renamed).trim();
      git(workspace, 'update-index', '--cacheinfo', `100644,${blob},.gearshift.yml`);
      git(workspace, 'commit', '-q', '-m', 'Rename Build Artifacts to Package');
      await untilRows([/^Unit Tests passed/, /^Package not run$/, /^Deploy Non-Prod passed/]);
    } finally {
      fs.writeFileSync(file, original);
      git(workspace, 'commit', '-q', '-m', 'Back to the fixture pipeline', '--', '.gearshift.yml');
    }
  });
});
