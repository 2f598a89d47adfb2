/** A repository with its GitLab export, and gitlab-ci-local (a real local GitLab CI runner) run on it. */
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureNode } from '../../harness/install';
import { cleanEnv, cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';
import { ROOT, runCli, TSC_CLI } from '../cli/cliProcess';

const GITLAB_CI_LOCAL = path.join(ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');

export interface Ran { code: number | null; out: string; ms: number }

/** A repository holding `pipeline` and its GitLab export, committed, with the origin gitlab-ci-local reads. */
export async function exportedRepo(pipeline: string): Promise<string> {
  const repo = initRepo(tempDir('gearshift-gitlab-'));
  fs.writeFileSync(path.join(repo, '.gearshift.yml'), pipeline);
  fs.writeFileSync(path.join(repo, '.gitignore'), '.gitlab-ci-local/\n*.trace\n');
  const exported = await runCli(['export', 'gitlab'], { cwd: repo, cli: TSC_CLI });
  assert.strictEqual(exported.code, 0, exported.stderr);
  git(repo, 'add', '-A');
  commit(repo, 'pipeline and its GitLab export');
  // gitlab-ci-local reads the project from the remote named origin, and its default branch from origin/HEAD.
  git(repo, 'remote', 'add', 'origin', 'https://gitlab.example.invalid/team/app.git');
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  return repo;
}

export function runGitlabCiLocal(node: string, repo: string, home: string, args: readonly string[]): Promise<Ran> {
  const started = Date.now();
  const child = spawn(node, [GITLAB_CI_LOCAL, ...args], {
    cwd: repo, env: cleanEnv({ HOME: home }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { out += s; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, ms: Date.now() - started })));
}

/** What a suite's hooks (useExportedRepo) give each test: Node 24 to run gitlab-ci-local, a fresh exported repository, its HOME. */
export interface ExportedRepoSuite { node: string; repo: string; home: string }

/** Mocha hooks: Node 24 once (a cold cache installs it first), then per test a fresh repository holding `pipeline` and its export. */
export function useExportedRepo(pipeline: string): ExportedRepoSuite {
  const suite: ExportedRepoSuite = { node: '', repo: '', home: '' };
  before(function () {
    this.timeout(15 * 60_000);
    suite.node = ensureNode().node;
  });
  beforeEach(async () => {
    suite.repo = await exportedRepo(pipeline);
    suite.home = tempDir('gearshift-gcl-home-');
  });
  afterEach(() => cleanupTempDirs());
  return suite;
}
