/**
 * The git processes a `gearshift run` starts, counted for real: a `git` first on PATH that logs
 * its arguments and runs the real git. Outside a repository the files already show there is
 * none, so no git process is started only to say so; in a repository there is exactly one
 * `git status`, and its answer still reaches the run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt } from './cliProcess';

describe('gearshift run: the git processes it starts (real processes)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let tmp: string;
  let log: string;
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-gitcount-'));
    log = path.join(tmp, 'git.log');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    assert.ok(realGit, 'git on PATH');
    fs.mkdirSync(path.join(tmp, 'bin'));
    // $* is data here: only written to the log, never evaluated.
    fs.writeFileSync(path.join(tmp, 'bin', 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  });
  afterEach(() => { ws.cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });

  /** `gearshift run` in `cwd`: its stdout and the argument lines of every git process it started. */
  function run(cwd: string): { stdout: string; git: string[] } {
    const env = cliEnv({ PATH: `${path.join(tmp, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, XDG_CACHE_HOME: path.join(tmp, 'cache') });
    const r = spawnSync(process.execPath, [CLI, 'run'], { cwd, env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return { stdout: r.stdout, git: fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l !== '') : [] };
  }
  const statuses = (git: string[]): string[] => git.filter((l) => /(^| )status( |$)/.test(l));

  it('outside a repository: no git process at all (the files show there is none), and the run goes green with no commit', () => {
    const folder = ws.folder({ '.gearshift.yml': pipeline([{ name: 'only', run: 'true' }]) });
    const { stdout, git } = run(folder);
    assert.match(stdout, /no commit/);
    assert.match(stdout, /GREEN/);
    // Neither the dirty check nor a `git rev-parse` for the config lookup, the run's facts or the history path.
    assert.deepEqual(git, []);
  });

  it('in a repository: exactly one git status, whose answer (a dirty tree) reaches the run', () => {
    const repo = ws.repo(pipeline([{ name: 'only', run: 'true' }]));
    fs.writeFileSync(path.join(repo, 'untracked.txt'), 'x');
    const { git } = run(repo);
    assert.equal(statuses(git).length, 1, `git processes: ${JSON.stringify(git)}`);
    const history = fs.readFileSync(path.join(repo, '.git', 'gearshift', 'history.jsonl'), 'utf8');
    assert.match(history, /"dirty":true/);
  });
});
