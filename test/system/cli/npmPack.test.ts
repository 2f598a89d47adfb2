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
  let tgz = '';
  let files: string[] = [];

  before(() => {
    ensureCliBuilt();
    // A nested npm takes the outer npm's settings as its own (the fresh-machine bug): none are passed on.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-pack-'));
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, env: withoutNpmEnvironment(process.env), encoding: 'utf8' });
    const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);
    tgz = path.join(dir, path.basename(packed.filename));
    execFileSync('tar', ['-xzf', tgz, '-C', dir]);
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

  it('installs as docs/export.md says with nothing to fetch: dist/ bundles every dependency (rereview37b F7)', () => {
    // An empty cache and --offline: any dependency left in the package's `dependencies` fails with ENOTCACHED,
    // as it would on a CI runner without the registry.
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "uses-gearshift", "version": "1.0.0", "private": true }\n');
    const env = { ...withoutNpmEnvironment(process.env), npm_config_cache: path.join(dir, 'empty-cache') };
    execFileSync('npm', ['install', '-D', '--offline', '--no-audit', '--no-fund', tgz], { cwd: project, env, encoding: 'utf8', stdio: 'pipe' });
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    // Not `npx --no gearshift --version`: npm 11.19's npx then printed its own version.
    const said = execFileSync('npx', ['--offline', 'gearshift', '--version'], { cwd: project, env, encoding: 'utf8' });
    assert.match(said, new RegExp(version.replace(/\./g, '\\.')));
    assert.deepStrictEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((f) => !f.startsWith('.')), ['gearshift'], 'nothing but gearshift installed');
  });
});

