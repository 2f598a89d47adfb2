import * as assert from 'assert';
import { lintWithRule } from './lintRule';

/**
 * The lint rule that keeps "a folder is entered through its index.ts" (eslint-rules/
 * coreBoundaries.mjs), run in-process on sources that break it and sources that keep it.
 */
const lint = (file: string, code: string): Promise<string[]> => lintWithRule('core-index-only', file, code);

describe('architecture: lint rule gearshift/core-index-only', () => {
  it('flags an adapter that reaches past a core folder\'s index.ts, and names the import to use', async () => {
    const found = await lint('src/vscode/x/y.ts', "import { DeployLock } from '../../core/deploy/deployLock';\n");
    assert.deepStrictEqual(found, ["'../../core/deploy/deployLock' reaches past src/core/deploy/index.ts: import '../../core/deploy' (and export the name from that index)."]);
  });

  it('flags one core folder reaching into another, re-exports included', async () => {
    const found = await lint('src/core/release/x.ts', "export { idleSlot } from '../deploy/blueGreen';\nimport type { RunRecord } from '../pipeline/types';\n");
    assert.strictEqual(found.length, 2, found.join('\n'));
  });

  it('allows the index, files of its own folder, packages and lazy import() boundaries', async () => {
    const found = await lint('src/core/deploy/monitor/x.ts', [
      "import { DeployLock } from '../deployLock';",
      "import { planRun } from '../../pipeline';",
      "import { planRun as p } from '../../pipeline/index';",
      "import * as fs from 'node:fs';",
      "export async function later(): Promise<unknown> { return import('../../gears/gaugeState'); }",
    ].join('\n'));
    assert.deepStrictEqual(found, []);
  });
});
