import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { createFixtureRepo } from '../support/fixtureRepo';

/**
 * Runner B, for machines with internet: @vscode/test-electron downloads VS Code and runs the same
 * integration suites (out/test/integration) as the offline code-server runner.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-electron-'));
  try {
    createFixtureRepo(workspace);
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { GEARSHIFT_TEST_MODE: '1' },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`test-electron failed: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
