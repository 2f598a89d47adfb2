/**
 * `npm pack` is how a `--via-cli` export's repository gets the CLI (docs/export.md: the .tgz
 * committed, `npm install -D ./tools/gearshift-<version>.tgz`). The package must hold what the CLI
 * runs and nothing of the clone's sources, tests or source maps (.npmignore; without it npm packs
 * what .gitignore lets through: 4.2 MB). Packed for real, unpacked, and the packed CLI run.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCliBuilt, ROOT } from './cliProcess';
import { gitEnv } from '../../support/git';
import { withoutNpmEnvironment } from '../../harness/npmEnv';

describe('npm pack: the CLI as a package', function () {
  this.timeout(120_000);
  let dir = '';
  let files: string[] = [];

  before(() => {
    ensureCliBuilt();
    // A nested npm takes the outer npm's settings as its own (the fresh-machine bug): none are passed on.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-pack-'));
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, env: withoutNpmEnvironment(process.env), encoding: 'utf8' });
    const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);
    execFileSync('tar', ['-xzf', path.join(dir, path.basename(packed.filename)), '-C', dir]);
  });
  after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('holds the CLI, its chunks and docs, and no sources, tests or source maps', () => {
    assert.ok(files.includes('dist/cli.js'), 'dist/cli.js is not packed');
    assert.ok(files.includes('dist/docs/flags.md'), 'the docs the CLI names are not packed');
    // The chunks, and the licence notices of the third-party code bundled in them (rereview37b F10).
    const chunks = fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.chunk.js') || f.endsWith('.LICENSE.txt')).map((f) => `dist/${f}`);
    assert.deepStrictEqual(chunks.filter((c) => !files.includes(c)), [], 'chunks or licence notices missing from the package');
    assert.deepStrictEqual(files.filter((f) => /^(src|test|bench|build|out|docs|\.ci)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts')), []);
  });

  it('runs from the unpacked package: --version and validate in a repository', () => {
    const cli = path.join(dir, 'package', 'dist', 'cli.js');
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }), new RegExp(version.replace(/\./g, '\\.')));
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo, env: gitEnv() });
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), 'version: 1\nstages:\n  - name: Unit Tests\n    run: "true"\n');
    const said = execFileSync(process.execPath, [cli, 'validate'], { cwd: repo, env: gitEnv(), encoding: 'utf8' });
    assert.match(said, /valid/i);
  });
});
