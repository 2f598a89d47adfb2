import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import { SUITES_BEGIN } from './marker';
import { MONOREPO_WORKSPACE_FILE } from '../support/monorepoFixture';

/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`), for both runners.
 * GEARSHIFT_TEST_GREP narrows the run (the bench uses it for the activation figure).
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: path.join(__dirname, '..', 'support', 'summaryReporter.js'),
    // The monorepo window (runIntegration.ts) has no fixture folder: only its own suite runs there.
    grep: vscode.workspace.workspaceFile?.path.endsWith(`/${MONOREPO_WORKSPACE_FILE}`) ? 'monorepo' : process.env.GEARSHIFT_TEST_GREP || undefined,
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
