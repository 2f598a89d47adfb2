import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * The built artefacts (dist/, gearshift.vsix: `npm test` builds and packages before this tier)
 * and the lint rule that keeps vscode out of src/core, checked by running ESLint for real.
 */
describe('packaging', () => {
  it('keeps the production bundle under 250 KB', function () {
    const file = path.join(root, 'dist', 'extension.js');
    if (!fs.existsSync(file)) { this.skip(); }
    assert.ok(fs.statSync(file).size < 250 * 1024, `dist/extension.js is ${fs.statSync(file).size} bytes`);
  });

  it('ships every lazy chunk of the extension and the CLI in the .vsix, the CLI loading only its own', function () {
    const dist = path.join(root, 'dist');
    const vsix = path.join(root, 'gearshift.vsix');
    if (!fs.existsSync(vsix) || !fs.existsSync(path.join(dist, 'cli.js'))) { this.skip(); }
    const zip = fs.readFileSync(vsix).toString('latin1');
    const chunks = fs.readdirSync(dist).filter((f) => f.endsWith('.chunk.js'));
    assert.ok(chunks.length >= 4, `expected the config, automation, deploy and gauge chunks, found ${chunks.join(', ')}`);
    for (const c of chunks) { assert.ok(zip.includes(`extension/dist/${c}`), `${c} is missing from the .vsix`); }
    // A chunk the CLI loaded from dist/ could be the extension's file of the same name: it loads only cli.*.chunk.js.
    const cli = fs.readFileSync(path.join(dist, 'cli.js'), 'utf8');
    const names = [...cli.matchAll(/"([^"]*)"\+[^;]*?"\.chunk\.js"/g)].map((m) => m[1]);
    assert.deepStrictEqual(names, ['cli.'], 'dist/cli.js names its chunks cli.<id>.chunk.js');
    assert.ok(chunks.some((c) => c.startsWith('cli.')), 'the CLI\'s chunks are in dist/');
  });

  // 300 KB before feature toggles (main: 298,000 B). flagd-core (flagd's compiled schema
  // validators + json-logic-engine, ~36 KB compressed) ships twice: in the lazy `flags` chunk
  // (the extension does not load it at activation) and inside cli.js (the CLI loads no chunks);
  // with the flags chunk itself that measured 393,406 B. Raised to 390 KB for that, no more.
  it('keeps the .vsix under 390 KB and free of sources, tests and maps', function () {
    const file = path.join(root, 'gearshift.vsix');
    if (!fs.existsSync(file)) { this.skip(); }
    assert.ok(fs.statSync(file).size < 390 * 1024, `gearshift.vsix is ${fs.statSync(file).size} bytes`);
    const zip = fs.readFileSync(file).toString('latin1');
    for (const banned of ['extension/src/', 'extension/test/', 'extension/out/', 'node_modules/', '.map', '.vscode-test']) {
      assert.ok(!zip.includes(banned), `the .vsix contains ${banned}`);
    }
  });

  it('forbids importing vscode from src/core (the lint rule is active)', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText("import * as vscode from 'vscode';\nexport const x = vscode;\n",
      { filePath: path.join(root, 'src', 'core', 'gears', 'model.ts') }); // a real core file, so typed lint applies
    assert.ok(result.messages.some((m) => m.ruleId === 'no-restricted-imports'),
      `expected no-restricted-imports, got ${JSON.stringify(result.messages.map((m) => m.ruleId))}`);
  });
});
