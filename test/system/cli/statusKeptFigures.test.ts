/**
 * The kept figures (src/cli/gaugeAnswer.ts) with the real bundled CLI: kept under its webpack build
 * hash by the call whose git answers all came from the memo, printed again by the next one (seen
 * through a marker put into the file), and every answer the one a call without any cache gives.
 * The in-process tests (test/unit/cli/statusKeptFigures.test.ts) run unbundled, under another key.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt } from './cliProcess';

const CACHES = ['gauge-answer.json', 'gauge-facts.v8', 'window-cache.v8', 'gauge-git.json'];

describe('status --json / gear --json: kept figures from the bundled CLI (real processes)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let tmp: string;
  let clock: string;
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-status-figures-'));
    clock = path.join(tmp, 'clock.js');
    fs.writeFileSync(clock, `const at = ${Date.now() + 60_000}; Date.now = () => at;\n`); // one clock for every call, after the run
  });
  afterEach(() => { ws.cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });

  const cli = (repo: string, args: string[]): string => {
    const r = spawnSync(process.execPath, ['--require', clock, CLI, ...args], { cwd: repo, env: cliEnv({ NODE_OPTIONS: undefined }), encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout + r.stderr;
  };

  /** The answer with every cache beside the history moved aside (and what that call writes thrown away). */
  const uncached = (repo: string, args: string[]): string => {
    const files = CACHES.map((f) => path.join(repo, '.git', 'gearshift', f));
    for (const f of files) { if (fs.existsSync(f)) { fs.renameSync(f, `${f}.aside`); } }
    try {
      return cli(repo, args);
    } finally {
      for (const f of files) { fs.rmSync(f, { force: true }); if (fs.existsSync(`${f}.aside`)) { fs.renameSync(`${f}.aside`, f); } }
    }
  };

  it('are kept under the build\'s hash, printed again, and answer as a call without caches', () => {
    const repo = ws.repo(pipeline([{ name: 'build', run: 'true' }, { name: 'deploy', run: 'true', extra: ['environment: production'] }]));
    assert.equal(spawnSync(process.execPath, [CLI, 'run'], { cwd: repo, env: cliEnv() }).status, 0);
    const file = path.join(repo, '.git', 'gearshift', 'gauge-answer.json');
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      const fresh = uncached(repo, args);
      assert.match(fresh, /"gear":\{"number"/);
      for (let call = 1; call <= 3; call++) { assert.equal(cli(repo, args), fresh, `${args[0]} call ${call}`); }
      const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { build: string; gauge: { gear: { why: string } } };
      assert.match(kept.build, /^[0-9a-f]{16,}$/, 'the webpack build hash');
      kept.gauge.gear.why = 'printed-from-the-kept-figures';
      fs.writeFileSync(file, JSON.stringify(kept));
      assert.match(cli(repo, args), /printed-from-the-kept-figures/, `${args[0]}: answered from the file`);
      fs.rmSync(file);
    }
  });

  it('in the 5th-gear loop (commit, run, status --json): no git log of the window after a new commit, and the answer a call without caches gives (14g step 4)', () => {
    const repo = ws.repo(pipeline([{ name: 'build', run: 'true' }, { name: 'deploy', run: 'true', extra: ['environment: production'] }]));
    const shim = path.join(tmp, 'shim');
    const log = path.join(tmp, 'git-calls.log');
    const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    fs.mkdirSync(shim);
    fs.writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const env = cliEnv({ NODE_OPTIONS: undefined });
    const git = (...args: string[]): void => { assert.equal(spawnSync('git', args, { cwd: repo, env }).status, 0, `git ${args[0]}`); };
    for (let i = 0; i < 3; i++) {
      git('commit', '-q', '--allow-empty', '-m', `loop ${i}`);
      assert.equal(spawnSync(process.execPath, [CLI, 'run'], { cwd: repo, env }).status, 0);
      fs.writeFileSync(log, '');
      const r = spawnSync(process.execPath, ['--require', clock, CLI, 'status', '--json'], { cwd: repo, env: { ...env, PATH: `${shim}${path.delimiter}${env.PATH}` }, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const calls = fs.readFileSync(log, 'utf8');
      if (i > 0) { assert.doesNotMatch(calls, /^log /m, `loop ${i}: git's memo stepped across the commit, no log:\n${calls}`); }
      assert.equal(r.stdout + r.stderr, uncached(repo, ['status', '--json']), `loop ${i}`);
    }
  });

  it('in the loop, after each run: the kept gauge folded in, not written again; the second call on the bytes keeps the figures, the third prints them (14g step 5)', () => {
    const repo = ws.repo(pipeline([{ name: 'build', run: 'true' }, { name: 'deploy', run: 'true', extra: ['environment: production'] }]));
    const env = cliEnv({ NODE_OPTIONS: undefined });
    const state = path.join(repo, '.git', 'gearshift');
    const identity = (): string => { const f = path.join(state, 'gauge-facts.v8'); return `${fs.statSync(f).ino} ${fs.readFileSync(f).toString('base64')}`; };
    const answerFile = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(state, 'gauge-answer.json'), 'utf8')) as Record<string, unknown>;
    let kept = '';
    for (let i = 0; i < 3; i++) {
      assert.equal(spawnSync('git', ['commit', '-q', '--allow-empty', '-m', `loop ${i}`], { cwd: repo, env }).status, 0);
      assert.equal(spawnSync(process.execPath, [CLI, 'run'], { cwd: repo, env }).status, 0);
      const reference = uncached(repo, ['status', '--json']);
      assert.equal(cli(repo, ['status', '--json']), reference, `loop ${i}`);
      if (i === 0) { kept = identity(); continue; } // the first call read the history and kept the gauge
      assert.equal(identity(), kept, `loop ${i}: the run folded in, the kept gauge not written again`);
      assert.ok('seen' in answerFile() && !('gauge' in answerFile()), `loop ${i}: these bytes marked seen, no figures`);
    }
    const reference = uncached(repo, ['status', '--json']);
    assert.equal(cli(repo, ['status', '--json']), reference, 'the second call on these bytes');
    const figures = answerFile() as { gauge: { gear: { why: string } } };
    assert.ok(figures.gauge, 'the second call kept the figures');
    figures.gauge.gear.why = 'printed-from-the-kept-figures';
    fs.writeFileSync(path.join(state, 'gauge-answer.json'), JSON.stringify(figures));
    assert.match(cli(repo, ['status', '--json']), /printed-from-the-kept-figures/, 'the third call prints them');
    assert.equal(identity(), kept, 'the kept gauge never written again');
  });
});
