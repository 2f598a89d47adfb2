import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline';
import { api, EXTENSION_ID, historyLines, usePipeline, waitFor, workspaceFolder } from './helpers';

/**
 * *Open Log* on a deploy notification and *Show Log* on a deploy command's outcome pass the run's
 * id to `gearshift.showTerminal`: a run this window printed shows the terminal; a run of the CLI
 * or a git hook, which the terminal never held, opens its saved log (as the red status item does).
 */
const CLI_ENV = { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' };

function cli(args: string[]): Promise<number> {
  const js = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [js, ...args], { cwd: workspaceFolder().uri.fsPath, env: CLI_ENV }, (err) => resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0));
  });
}

function lastEndId(): string {
  const end = [...historyLines()].reverse().find((l) => l.kind === 'end') ?? assert.fail('no end line');
  return end.run?.id ?? assert.fail('no run id');
}

const BROKEN = `version: 1
stages:
  - name: Deploy Non-Prod
    run: printf 'openlog staging broke\\n'; exit 1
    environment: non-prod
`;
const GREEN = `version: 1
stages:
  - name: Compile
    run: echo compiled
`;

const logDocument = (runId: string): vscode.TextDocument | undefined => {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.uri.scheme === 'gearshift-log' && doc.uri.query.includes(runId) ? doc : undefined;
};

/** The status tooltip's *Open log* link as the command it runs and its arguments. */
function openLogLink(tooltip: string): { command: string; args: unknown[] } {
  const m = /\[\$\(output\) Open log\]\(command:([\w.]+)(?:\?([^)\s]*))?\)/.exec(tooltip) ?? assert.fail(`no Open log link in: ${tooltip}`);
  return { command: m[1], args: m[2] ? JSON.parse(decodeURIComponent(m[2])) as unknown[] : [] };
}

describe('Open Log of a deploy in the real extension host', () => {
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('a deploy the CLI ran opens its saved log, not the terminal that never held it; one this window ran shows the terminal', async () => {
    const gearshift = await api();
    const folder = workspaceFolder();
    const restore = usePipeline(BROKEN);
    try {
      assert.strictEqual(await cli(['deploy', 'non-prod', '--yes']), 1);
      const cliRunId = lastEndId();
      assert.strictEqual(gearshift.terminalText(folder).includes('openlog staging broke'), false, 'the CLI run reached the terminal');
      await vscode.commands.executeCommand('gearshift.showTerminal', folder, cliRunId);
      const doc = await waitFor('the CLI deploy\'s saved log', () => logDocument(cliRunId));
      assert.strictEqual(doc.getText(), 'openlog staging broke\n[gearshift: failed: exited with code 1]\n');

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // Deploy to Non-Prod in this window, and Show Log on its failure notification.
      const win = vscode.window as unknown as Record<string, unknown>;
      const showError = win.showErrorMessage;
      let asked = '';
      win.showErrorMessage = (m: string, ...items: string[]) => {
        if (!m.includes('deploy to non-prod:')) { return Promise.resolve(undefined); }
        asked = m;
        return Promise.resolve(items.includes('Show Log') ? 'Show Log' : undefined);
      };
      try {
        const ours = await vscode.commands.executeCommand<{ record?: RunRecord }>('gearshift.deployNonProd');
        assert.ok(ours?.record?.id, `no run: ${JSON.stringify(ours)}`);
        await waitFor('Show Log to show the terminal', () => asked !== '' && vscode.window.activeTerminal?.name.startsWith('Gearshift Pipeline'));
      } finally { win.showErrorMessage = showError; }
      assert.ok(gearshift.terminalText(folder).includes('openlog staging broke'), 'the terminal did not print our deploy');
      assert.strictEqual(logDocument(lastEndId()), undefined, 'a log document opened for a run the terminal holds');
    } finally {
      restore();
      usePipeline(GREEN);
      // Green again for the suites after this one (its run ends the red period).
      assert.strictEqual(await cli(['run', '--no-alerts']), 0);
      restore();
    }
  });
});

describe('the status tooltip\'s Open log on a green run', () => {
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('a green run the CLI made: Open log opens its saved log, not the terminal that never held it', async () => {
    const gearshift = await api();
    const restore = usePipeline(GREEN);
    try {
      assert.strictEqual(await cli(['run', '--no-alerts']), 0);
      const runId = lastEndId();
      await waitFor('the status bar to show the CLI\'s green run', () => {
        const s = gearshift.status().status;
        return s.kind === 'green' && s.run.id === runId;
      });
      const link = openLogLink(gearshift.status().tooltip);
      await vscode.commands.executeCommand(link.command, ...link.args);
      const doc = await waitFor(`the green run's saved log (the link ran ${JSON.stringify(link)})`, () => logDocument(runId), 10_000);
      assert.strictEqual(doc.getText(), 'compiled\n');
    } finally {
      restore();
    }
  });
});
