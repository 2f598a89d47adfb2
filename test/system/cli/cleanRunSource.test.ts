import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

const clean = (text: string): string => text.replace('version: 1\n', 'version: 1\ncheckout: clean\n');

/**
 * The bundled binary, journey finding 8's repros: under `checkout: clean` the commit's own
 * `.gearshift.yml` runs, so its secrets are the ones resolved and `--stage` is checked against it.
 */
describe('gearshift binary: checkout: clean follows the commit\'s .gearshift.yml (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  function repoWith(committed: string, working: string): string {
    const repo = ws.repo(committed);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), working);
    return repo;
  }

  it('resolves the commit\'s secret although the working copy\'s file does not reference it (exit 0, masked)', async () => {
    const deploy = { name: 'Deploy', run: 'echo "tok=$TOK"' };
    const repo = repoWith(clean(pipeline([{ ...deploy, extra: ['env:', '  TOK: "${{ secrets.DEPLOY_TOKEN }}"'] }])), clean(pipeline([deploy])));
    const r = await runCli(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: 'topsecretvalue' } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /tok=\*\*\*/);
    assert.match(r.stdout, /! The working copy's \.gearshift\.yml differs from the commit's/);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('topsecretvalue'));
  });

  it('reads the commit\'s file with one git process, although the run is checked before it launches', async () => {
    const repo = repoWith(clean(pipeline([{ name: 'A', run: 'true' }])), clean(pipeline([{ name: 'A', run: 'true' }, { name: 'New', run: 'true' }])));
    const bin = ws.folder();
    const log = path.join(bin, 'git.log');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    // $* is data here: only written to the log, never evaluated.
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const r = await runCli(['run'], { cwd: repo, env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } });
    assert.strictEqual(r.code, 0, r.stderr);
    const reads = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('cat-file'));
    assert.deepStrictEqual(reads, [`cat-file --filters ${git(repo, 'rev-parse', 'HEAD')}:.gearshift.yml`]);
  });

  it('review22 H3: flags set off then run --stage "Deploy Flags" says the flags are not committed and ships the commit\'s; committed, off ships', async () => {
    const flags = (v: string): string => `{ "flags": { "new-checkout": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "${v}" } } }\n`;
    const ship = { name: 'Deploy Flags', run: 'echo "shipping $(grep -o \'defaultVariant": "[a-z]*\' flags.json)"' };
    const repo = ws.repo(`${clean(pipeline([{ name: 'Unit Tests', run: 'true' }, ship]))}flags:\n  file: flags.json\n  deployStage: Deploy Flags\n`);
    fs.writeFileSync(path.join(repo, 'flags.json'), flags('on'));
    git(repo, 'add', 'flags.json');
    git(repo, 'commit', '-q', '-m', 'flags');
    const set = await runCli(['flags', 'set', 'new-checkout', 'off'], { cwd: repo });
    assert.strictEqual(set.code, 0, set.stderr);
    assert.match(set.stdout, /\n! flags\.json is not committed: under checkout: clean "Deploy Flags" runs the committed file, so it ships this change only once flags\.json is committed\n$/);
    const stale = await runCli(['run', '--stage', 'Deploy Flags', '--yes'], { cwd: repo });
    assert.strictEqual(stale.code, 0, stale.stderr);
    assert.match(stale.stdout, /! The working copy's flags\.json differs from the commit's: this checkout: clean run ships the commit's flags/);
    assert.match(stale.stdout, /shipping defaultVariant": "on/);
    git(repo, 'commit', '-q', '--only', '-m', 'kill new-checkout', '--', 'flags.json');
    const shipped = await runCli(['run', '--stage', 'Deploy Flags', '--yes'], { cwd: repo });
    assert.strictEqual(shipped.code, 0, shipped.stderr);
    assert.doesNotMatch(shipped.stdout, /flags\.json differs/);
    assert.match(shipped.stdout, /shipping defaultVariant": "off/);
  });

  it('a stage only the working copy has: the run says the file differs; --stage New exits 2 naming the commit\'s file, nothing ran', async () => {
    const stages = [{ name: 'A', run: 'echo a' }, { name: 'B', run: 'echo b' }, { name: 'Where', run: 'pwd' }];
    const repo = repoWith(clean(pipeline(stages)), clean(pipeline([...stages, { name: 'New', run: 'touch new-ran' }])));
    const stage = await runCli(['run', '--stage', 'New'], { cwd: repo });
    assert.strictEqual(stage.code, 2, stage.stdout);
    assert.ok(stage.stderr.includes(`gearshift run: --stage: no stage named "New" in .gearshift.yml at commit ${git(repo, 'rev-parse', 'HEAD').slice(0, 8)}`), stage.stderr);
    assert.match(stage.stderr, /only in the working copy's file: commit it to run it/);
    assert.deepStrictEqual(historyLines(repo), []);
    const all = await runCli(['run'], { cwd: repo });
    assert.strictEqual(all.code, 0, all.stderr);
    assert.match(all.stdout, /! The working copy's \.gearshift\.yml differs from the commit's[^\n]*\n/);
    assert.match(all.stdout, /\[3\/3\] Where/);
    assert.ok(!fs.existsSync(path.join(repo, 'new-ran')));
  });
});
