import * as assert from 'assert';
import { Linter } from 'eslint';
import * as path from 'path';
import tseslint from 'typescript-eslint';
import { projectRoot } from '../../harness/paths';

/**
 * The lint rule that keeps data in a notification from becoming a command link
 * (eslint-rules/notificationText.mjs): a message built with `${…}` goes through notificationText().
 */
async function lint(code: string): Promise<string[]> {
  const mod = (await import(path.join(projectRoot, 'eslint-rules', 'coreBoundaries.mjs'))) as { default: { rules: Record<string, unknown> } };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [{
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { gearshift: mod.default as never },
    rules: { 'gearshift/notification-text': 'error' },
  }], { filename: path.join(projectRoot, 'src/vscode/x/y.ts') });
  return messages.map((m) => m.message);
}

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
