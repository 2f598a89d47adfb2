/**
 * A `--via-cli` GitLab export run by gitlab-ci-local (shell executor) on a checkout with no
 * node_modules, as on a fresh runner: each job installs the repository's dependencies (npm ci,
 * a gearshift package whose bin is this build's CLI), runs `gearshift run --stage`, and the stage
 * gets its secret from the CI/CD variable, masked in the job's output. Node ≥ 22 for
 * gitlab-ci-local: the harness's Node 24, as in gitlabCiLocal.test.ts.
 */
import * as assert from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureNode } from '../../harness/install';
import { cleanEnv, cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';
import { ROOT, runCli, TSC_CLI } from '../cli/cliProcess';

const GITLAB_CI_LOCAL = path.join(ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');
const SECRET = 's3cr3t-value-4711';
const PIPELINE = `version: 1
stages:
  - name: Unit
    run: printf 'unit|%s\\n' "$GEARSHIFT_STAGE" >> "$TRACE"
  - name: Deploy
    run: printf 'deploy|%s\\n' "$DEPLOY_TOKEN" >> "$TRACE"; echo "deploying with $DEPLOY_TOKEN"
    env: { DEPLOY_TOKEN: "\${{ secrets.DEPLOY_TOKEN }}" }
`;

/** A package named gearshift whose bin runs this build's CLI: what `npm ci` installs from the lockfile. */
function gearshiftPackage(): string {
  const dir = tempDir('gearshift-pkg-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'gearshift', version: '0.0.0-test', bin: { gearshift: 'cli.js' } }));
  fs.writeFileSync(path.join(dir, 'cli.js'), `#!/usr/bin/env node\nrequire(${JSON.stringify(TSC_CLI)});\n`, { mode: 0o755 });
  return dir;
}

/** The app: pipeline, package.json + package-lock.json (gearshift as a dev dependency), the export; committed without node_modules. */
async function appRepo(): Promise<string> {
  const repo = initRepo(tempDir('gearshift-via-cli-'));
  fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE);
  fs.writeFileSync(path.join(repo, '.gitignore'), '.gitlab-ci-local/\n*.trace\nnode_modules/\n');
  fs.writeFileSync(path.join(repo, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
  fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'app', private: true, devDependencies: { gearshift: `file:${gearshiftPackage()}` } }));
  execFileSync('npm', ['install', '--offline', '--package-lock-only'], { cwd: repo, env: cleanEnv(), stdio: 'pipe' });
  const exported = await runCli(['export', 'gitlab', '--via-cli'], { cwd: repo, cli: TSC_CLI });
  assert.strictEqual(exported.code, 0, exported.stderr);
  assert.strictEqual(exported.stderr, '', 'a repository with a lockfile and gearshift in it: no warning');
  git(repo, 'add', '-A');
  commit(repo, 'pipeline, its --via-cli GitLab export, package.json and lockfile');
  assert.ok(!fs.existsSync(path.join(repo, 'node_modules')), 'a fresh checkout: nothing installed');
  // gitlab-ci-local reads the project from the remote named origin, and its default branch from origin/HEAD.
  git(repo, 'remote', 'add', 'origin', 'https://gitlab.example.invalid/team/app.git');
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  return repo;
}

function gitlabCiLocal(node: string, repo: string, args: readonly string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(node, [GITLAB_CI_LOCAL, '--force-shell-executor', '--json-schema-validation', ...args], {
    cwd: repo, env: cleanEnv({ HOME: tempDir('gearshift-gcl-home-') }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { out += s; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('export --via-cli: the GitLab file run by gitlab-ci-local on a fresh checkout', function () {
  this.timeout(180_000);
  let node: string;
  let repo: string;

  before(function () {
    this.timeout(15 * 60_000); // a cold cache installs Node 24 first
    node = ensureNode().node;
  });
  beforeEach(async () => { repo = await appRepo(); });
  afterEach(() => cleanupTempDirs());

  it('installs, runs each stage through gearshift, and hands Deploy its secret, masked in the output', async () => {
    const trace = path.join(repo, 'ci.trace');
    const ran = await gitlabCiLocal(node, repo, ['--variable', `DEPLOY_TOKEN=${SECRET}`, '--variable', `TRACE=${trace}`]);
    assert.strictEqual(ran.code, 0, ran.out);
    assert.deepStrictEqual(fs.readFileSync(trace, 'utf8').split('\n').filter((l) => l !== ''), ['unit|Unit', `deploy|${SECRET}`]);
    assert.match(ran.out, /deploying with \*\*\*/);
    assert.ok(!ran.out.includes(SECRET), `the secret shows in the job's output:\n${ran.out}`);
  });

  it('a pipeline variable named GEARSHIFT_EXPORT_STAGE does not make the Deploy job run another stage (review37b M2)', async () => {
    const trace = path.join(repo, 'ci.trace');
    const ran = await gitlabCiLocal(node, repo, ['--variable', `DEPLOY_TOKEN=${SECRET}`, '--variable', `TRACE=${trace}`, '--variable', 'GEARSHIFT_EXPORT_STAGE=Unit']);
    assert.strictEqual(ran.code, 0, ran.out);
    assert.deepStrictEqual(fs.readFileSync(trace, 'utf8').split('\n').filter((l) => l !== ''), ['unit|Unit', `deploy|${SECRET}`]);
  });

  it('without the CI/CD variable the Deploy job is refused before its stage runs, naming what to set', async () => {
    const trace = path.join(repo, 'ci.trace');
    const ran = await gitlabCiLocal(node, repo, ['--variable', `TRACE=${trace}`]);
    assert.notStrictEqual(ran.code, 0, ran.out);
    assert.match(ran.out, /secret not set: DEPLOY_TOKEN/);
    assert.deepStrictEqual(fs.readFileSync(trace, 'utf8').split('\n').filter((l) => l !== ''), ['unit|Unit']);
  });
});
