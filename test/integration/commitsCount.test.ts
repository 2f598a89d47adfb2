import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommitsTreeProvider } from '../../src/vscode/automation/commitsTree';
import { api, cliRun, patchWindow, readableTooltip, testThenDeploy, usePipeline, waitFor, workspaceFolder, workspaceGit as git } from './helpers';

const WITH_PRODUCTION = testThenDeploy('manual');

/** The view's rows as VS Code reads them: the header's label, then each commit row's sha (from its description). */
async function viewRows(provider: CommitsTreeProvider): Promise<{ header: string; shas: string[] }> {
  const [first, ...rest] = (await provider.getChildren()).map((n) => provider.getTreeItem(n));
  return { header: String(first?.label), shas: rest.map((item) => String(item.description).split(' ')[0]) };
}

/** The Deploy to Production modal's commit lines (short shas, in its order) and whether it cut the list ("…"); answered Cancel. */
async function dialogCommits(): Promise<{ shas: string[]; more: boolean; detail: string }> {
  let detail: string | undefined;
  const unpatch = patchWindow({
    showWarningMessage: (_message: string, options?: { modal?: boolean; detail?: string }) => {
      if (options?.modal && detail === undefined) { detail = options.detail ?? ''; }
      return Promise.resolve(undefined);
    },
  });
  try {
    await vscode.commands.executeCommand('gearshift.deployProduction', { overrideRed: true });
  } finally {
    unpatch();
  }
  const text = detail ?? assert.fail('the deploy dialog was not shown');
  const lines = text.split('\n');
  return { shas: lines.map((l) => /^ {2}([0-9a-f]{8}) /.exec(l)?.[1]).filter((s): s is string => s !== undefined), more: lines.includes('  …'), detail: text };
}

/**
 * review41 F2: with a commit seen since the window opened, the header counted only those ("1 commit not in production")
 * while the deploy dialog listed every commit production lacks (4). Commits made before the window opened (the
 * fixture's, when this suite runs alone: seen failing so, 3 rows against the dialog's 7) count too.
 */
describe('Commits to Deploy counts what a deploy of HEAD ships', () => {
  it('after a commit, its header, its rows and the deploy dialog name the same commits, made before the window opened too', async () => {
    // A run first (no production stage, so nothing deploys): the status tooltip says what waits only once there is a run.
    const restoreFirst = usePipeline(WITH_PRODUCTION.replace(/ {2}- name: Deploy Prod[^]*$/, ''));
    try { assert.strictEqual(await cliRun(), 0); } finally { restoreFirst(); }
    const restore = usePipeline(WITH_PRODUCTION);
    const gearshift = await api();
    const automation = await gearshift.automation();
    const folder = workspaceFolder();
    let provider: CommitsTreeProvider | undefined;
    try {
      const trigger = automation.forFolder(folder)?.trigger ?? assert.fail('no commit trigger for the folder');
      git('commit', '-q', '--allow-empty', '-m', 'f2: made while the window watches');
      git('commit', '-q', '--allow-empty', '-m', 'f2: and one more');
      const sha = git('rev-parse', 'HEAD');
      await waitFor('the commit to be tracked', () => trigger.tracked().some((c) => c.sha === sha));
      provider = new CommitsTreeProvider(() => [automation.forFolder(folder) ?? assert.fail('no automation')]);
      const view = await viewRows(provider);
      const dialog = await dialogCommits();
      assert.ok(dialog.shas.length >= 2, `the dialog lists the two new commits at least: ${dialog.detail}`);
      assert.deepStrictEqual(view.shas.slice(0, dialog.shas.length), dialog.shas, 'the rows are the dialog\'s commits, in its order');
      const count = Number(/^(\d+) commits? not in production/.exec(view.header)?.[1] ?? NaN);
      if (dialog.more) {
        assert.ok(count > dialog.shas.length, `${view.header}: the dialog cut its list at ${dialog.shas.length}`);
      } else {
        assert.strictEqual(count, dialog.shas.length, `the header (${view.header}) counts the dialog's commits: ${dialog.detail}`);
        assert.strictEqual(view.shas.length, dialog.shas.length, 'a row per commit');
      }
      // rereview42 F3: the status tooltip said "N commits not in production" with the commits the window had seen.
      const words = view.header.split(' · ')[0];
      await waitFor('the status tooltip to count what the header counts', () => readableTooltip(gearshift.status().tooltip).includes(`${words} (oldest `))
        .catch((e: Error) => { throw new Error(`${e.message}: the header says "${words}", the tooltip: ${readableTooltip(gearshift.status().tooltip)}`); });
    } finally {
      provider?.dispose();
      restore();
    }
  });
});
