import { Linter } from 'eslint';
import * as path from 'path';
import tseslint from 'typescript-eslint';
import { projectRoot } from '../../harness/paths';

/** The messages one of the project's own lint rules (eslint-rules/) gives for `code`, as if it were `file`. */
export async function lintWithRule(rule: string, file: string, code: string): Promise<string[]> {
  const mod = (await import(path.join(projectRoot, 'eslint-rules', 'coreBoundaries.mjs'))) as { default: { rules: Record<string, unknown> } };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [{
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { gearshift: mod.default as never },
    rules: { [`gearshift/${rule}`]: 'error' },
  }], { filename: path.join(projectRoot, file) });
  return messages.map((m) => m.message);
}
