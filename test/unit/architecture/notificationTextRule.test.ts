import * as assert from 'assert';
import { lintWithRule } from './lintRule';

/**
 * The lint rule that keeps data in a notification from becoming a command link
 * (eslint-rules/notificationText.mjs): a message built with `${…}` goes through notificationText().
 */
const lint = (code: string): Promise<string[]> => lintWithRule('notification-text', 'src/vscode/x/y.ts', code);

const RAW = 'data in a notification could become a command link: wrap the message in notificationText() (core/format).';

describe('architecture: lint rule gearshift/notification-text', () => {
  it('flags information, warning and error messages built from a template with data', async () => {
    for (const show of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage']) {
      assert.deepStrictEqual(await lint(`vscode.window.${show}(\`Gearshift: ${'${'}name} is set\`, 'Open');\n`), [RAW], show);
    }
  });

  it('lets through a wrapped message, a plain string and a template without data', async () => {
    const code = [
      'vscode.window.showWarningMessage(notificationText(`Gearshift: ${what}: ${why}`));',
      "vscode.window.showInformationMessage('Gearshift: no release is waiting for a decision.');",
      'vscode.window.showErrorMessage(`Gearshift: nothing to do`);',
    ].join('\n');
    assert.deepStrictEqual(await lint(code), []);
  });
});
