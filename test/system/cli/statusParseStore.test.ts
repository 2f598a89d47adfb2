/**
 * `status --json` and `gear` read the pipeline through the same parse store as `gearshift run`
 * (src/cli/parseCache.ts): a second call with an unchanged config loads no YAML library, and
 * its answer is the one a fresh parse gives (GEARSHIFT_CODE_CACHE=0 keeps no store).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt, loadProbe, type LoadedModules as Loaded } from './cliProcess';

describe('status --json: the checked config is kept between calls (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let tmp: string;
  let clock: string;
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-status-parse-'));
    clock = path.join(tmp, 'clock.js');
    fs.writeFileSync(clock, `const at = ${Date.now()}; Date.now = () => at;\n`); // one answer for every call
  });
  afterEach(() => { ws.cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });

  function cli(repo: string, args: string[], extraEnv: Record<string, string> = {}): { loaded: Loaded; stdout: string } {
    const probe = loadProbe(tmp);
    const env = cliEnv({ NODE_EXTRA_CA_CERTS: undefined, NODE_OPTIONS: undefined, XDG_CACHE_HOME: path.join(tmp, 'cache'), ...extraEnv });
    const r = spawnSync(process.execPath, ['--require', probe.preload, '--require', clock, CLI, ...args], { cwd: repo, env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return { loaded: probe.read(), stdout: r.stdout };
  }

  const yamlChunks = (l: Loaded): string[] => l.chunks.filter((f) => /\bYAMLParseError\b/.test(fs.readFileSync(f, 'utf8')));

  it('the second call skips the YAML library and answers as a fresh parse does', () => {
    const repo = ws.repo(pipeline([{ name: 'build', run: 'true' }, { name: 'deploy', run: 'true', extra: ['environment: production'] }]));
    assert.equal(spawnSync(process.execPath, [CLI, 'run'], { cwd: repo, env: cliEnv({ XDG_CACHE_HOME: path.join(tmp, 'run-cache') }) }).status, 0);
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      fs.rmSync(path.join(tmp, 'cache'), { recursive: true, force: true });
      const fresh = cli(repo, args, { GEARSHIFT_CODE_CACHE: '0' });
      const first = cli(repo, args);
      const second = cli(repo, args);
      assert.equal(yamlChunks(first.loaded).length, 1, `${args[0]}: the first call parses the config`);
      assert.deepEqual(yamlChunks(second.loaded), [], `${args[0]}: an unchanged config is not parsed again`);
      assert.match(fresh.stdout, /"gear":\{"number"/);
      assert.equal(first.stdout, fresh.stdout);
      assert.equal(second.stdout, fresh.stdout);
    }
  });
});
