import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import { SUITES_BEGIN } from './marker';
import { MONOREPO_WORKSPACE_FILE } from '../support/monorepoFixture';
import { SUBFOLDER_WINDOW_REPO, SUBFOLDER_WINDOW_TITLE } from '../support/subfolderWindowFixture';

/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`), for both runners.
 * GEARSHIFT_TEST_GREP narrows the run (the bench uses it for the activation figure).
 */
/** The monorepo window and the apps/web window (runIntegration.ts) have no fixture folder: only their own suite runs there. */
function windowGrep(): string | undefined {
  if (vscode.workspace.workspaceFile?.path.endsWith(`/${MONOREPO_WORKSPACE_FILE}`)) { return 'monorepo'; }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1 && folders[0].uri.path.endsWith(`/${SUBFOLDER_WINDOW_REPO}/apps/web`)) { return SUBFOLDER_WINDOW_TITLE; }
  return process.env.GEARSHIFT_TEST_GREP || undefined;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: path.join(__dirname, '..', 'support', 'summaryReporter.js'),
    grep: windowGrep(),
  });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  console.log(SUITES_BEGIN);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed`);
  }
}
