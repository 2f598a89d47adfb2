/**
 * walkedit33 M3: a monorepo opened at its top (the fixture folder, whose own pipeline is
 * `trigger: manual`) with `trigger: commit` in apps/api. A commit made with git in the workspace
 * that changes apps/api ran nothing, and nothing said so. The window does not run a subfolder's
 * pipeline (docs/configuration.md), so it says so once, with the two ways to have it run.
 */
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { git as gitIn } from '../support/git';
import { api, EXTENSION_ID, patchWindow, readableTooltip, waitFor, workspaceFolder } from './helpers';

const ON_COMMIT = 'version: 1\ntrigger: commit\nstages:\n  - name: API Tests\n    run: echo api-ran > ran.txt\n';

describe('a commit changing apps/api (trigger: commit there) in a window opened at the top', function () {
  this.timeout(120_000);
  let top = '';
  let start = '';
  let watcher: ChildProcess | undefined;
  const git = (...args: string[]): string => gitIn(top, ...args);

  before(function () {
    // The multi-root window (monorepo.test.ts) has no fixture at its top.
    if (vscode.workspace.workspaceFile !== undefined) { this.skip(); }
    top = workspaceFolder().uri.fsPath;
    start = git('rev-parse', 'HEAD');
  });

  after(() => {
    watcher?.kill('SIGKILL');
    if (top === '') { return; }
    git('reset', '-q', '--hard', start);
    fs.rmSync(path.join(top, 'apps'), { recursive: true, force: true });
    fs.rmSync(path.join(top, '.git', 'gearshift', 'pipelines', 'apps%2Fapi'), { recursive: true, force: true });
  });

  it('says once that apps/api did not run, and how to run it; its pipeline is not run from here', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const apiDir = path.join(top, 'apps', 'api');
    // Made and written at once, as a shell does: the watcher may see the folder before its file (CreatedFolders).
    fs.mkdirSync(apiDir, { recursive: true });
    fs.writeFileSync(path.join(apiDir, '.gearshift.yml'), ON_COMMIT);
    await waitFor('apps/api found below the top', () => /apps\/api/.test(readableTooltip(gearshift.status().tooltip)), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${readableTooltip(gearshift.status().tooltip)}`));
    await automation.subfolderCommits.ready();

    const said: { message: string; items: unknown[] }[] = [];
    const restore = patchWindow({ showWarningMessage: async (message: string, ...items: unknown[]) => { said.push({ message, items }); return undefined; } });
    try {
      git('add', 'apps');
      git('commit', '-q', '-m', 'api: add its pipeline');
      const sha = git('rev-parse', 'HEAD');
      const notice = await waitFor('the notice about apps/api', () => said.find((s) => /apps\/api/.test(s.message)), 30_000);
      assert.strictEqual(notice.message, `Gearshift: apps/api has \`trigger: commit\`, but commit ${sha.slice(0, 8)} ran nothing there: a window runs only the pipelines of its open folders. `
        + 'To run apps/api\'s pipeline on each commit, open apps/api in a window of its own or add it to this workspace (or run `gearshift watch` in it).');
      assert.deepStrictEqual(notice.items, ['Add Folder to Workspace', 'Open Folder in New Window', 'Don\'t Show Again']);

      const looked = automation.subfolderCommits.commitsLooked();
      fs.writeFileSync(path.join(apiDir, 'handler.txt'), 'v2\n');
      git('add', 'apps');
      git('commit', '-q', '-m', 'api: a second change');
      await waitFor('the second commit looked at', () => automation.subfolderCommits.commitsLooked() > looked, 30_000);
      assert.strictEqual(said.length, 1, `said once: ${JSON.stringify(said)}`);
      assert.ok(!fs.existsSync(path.join(apiDir, 'ran.txt')), 'apps/api\'s pipeline is not run from the top\'s window');
    } finally {
      restore();
    }
  });
  it('two commits to apps/jobs, the second inside the first one\'s grace, no watch there: told once, not once per commit (review35 F1)', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const jobs = path.join(top, 'apps', 'jobs');
    fs.mkdirSync(jobs, { recursive: true });
    fs.writeFileSync(path.join(jobs, '.gearshift.yml'), ON_COMMIT);
    await waitFor('apps/jobs found below the top', () => /apps\/jobs/.test(readableTooltip(gearshift.status().tooltip)), 30_000);
    await automation.subfolderCommits.ready();
    const told: string[] = [];
    const restore = patchWindow({ showWarningMessage: async (message: string) => { told.push(message); return undefined; } });
    try {
      const looked = automation.subfolderCommits.commitsLooked();
      git('add', 'apps/jobs');
      git('commit', '-q', '-m', 'jobs: add its pipeline');
      // The second commit comes as news of its own while the first waits its 5 s grace: made once the window's trackers
      // have read the first (the top folder's is the one a test can ask; the notice's reads the same reflog line).
      const first = git('rev-parse', 'HEAD');
      const trigger = automation.forFolder(workspaceFolder())?.trigger ?? assert.fail('no commit tracking for the top folder');
      await waitFor('the first commit read', () => trigger.tracked().some((c) => c.sha === first), 30_000);
      fs.writeFileSync(path.join(jobs, 'job.txt'), 'v1\n');
      git('add', 'apps/jobs');
      git('commit', '-q', '-m', 'jobs: a change');
      assert.deepStrictEqual(told.filter((m) => m.includes('apps/jobs')), [], 'precondition: the second commit was made inside the first one\'s grace');
      await waitFor('both commits looked at', () => automation.subfolderCommits.commitsLooked() >= looked + 2, 30_000);
      assert.deepStrictEqual(told.filter((m) => m.includes('apps/jobs')).length, 1, `told ${JSON.stringify(told)}`);
    } finally {
      restore();
    }
  });

  it('Don\'t Show Again on the notice is kept for this workspace, for that pipeline only (review37a F14)', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    // A name of its own per run: the choice outlives the window, as it should.
    const name = `quiet${Date.now()}`;
    const quiet = path.join(top, 'apps', name);
    fs.mkdirSync(quiet, { recursive: true });
    fs.writeFileSync(path.join(quiet, '.gearshift.yml'), ON_COMMIT);
    await waitFor(`apps/${name} found below the top`, () => readableTooltip(gearshift.status().tooltip).includes(`apps/${name}`), 30_000);
    await automation.subfolderCommits.ready();
    const told: string[] = [];
    const restore = patchWindow({ showWarningMessage: async (message: string, ...items: unknown[]) => { told.push(message); return items.includes('Don\'t Show Again') ? 'Don\'t Show Again' : undefined; } });
    try {
      assert.strictEqual(automation.subfolderCommits.isMuted(quiet), false);
      git('add', 'apps');
      git('commit', '-q', '-m', 'quiet: add its pipeline');
      await waitFor(`the notice about apps/${name}`, () => told.find((m) => m.includes(`apps/${name}`)), 30_000);
      await waitFor('the choice kept in workspaceState', () => automation.subfolderCommits.isMuted(quiet), 10_000);
      assert.strictEqual(automation.subfolderCommits.isMuted(path.join(top, 'apps', 'api')), false, 'only that pipeline is muted');
    } finally {
      restore();
    }
  });

  it('Show Muted Notices Again undoes Don\'t Show Again: the next commit there is told again, in this window too (rereview37b F8)', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const name = `back${Date.now()}`;
    const back = path.join(top, 'apps', name);
    fs.mkdirSync(back, { recursive: true });
    fs.writeFileSync(path.join(back, '.gearshift.yml'), ON_COMMIT);
    await waitFor(`apps/${name} found below the top`, () => readableTooltip(gearshift.status().tooltip).includes(`apps/${name}`), 30_000);
    await automation.subfolderCommits.ready();
    const told: string[] = [];
    const informed: string[] = [];
    const restore = patchWindow({
      showWarningMessage: async (message: string, ...items: unknown[]) => { told.push(message); return items.includes('Don\'t Show Again') ? 'Don\'t Show Again' : undefined; },
      showInformationMessage: async (message: string) => { informed.push(message); return undefined; },
    });
    const commit = (file: string, subject: string): void => {
      fs.writeFileSync(path.join(back, file), `${subject}\n`);
      git('add', 'apps');
      git('commit', '-q', '-m', subject);
    };
    const toldHere = (): number => told.filter((m) => m.includes(`apps/${name} `)).length;
    try {
      commit('a.txt', `${name}: add its pipeline`);
      await waitFor(`the notice about apps/${name}`, () => toldHere() === 1, 30_000);
      await waitFor('muted with Don\'t Show Again', () => automation.subfolderCommits.isMuted(back), 10_000);

      const unmuted = await vscode.commands.executeCommand<string[]>('gearshift.showMutedNotices');
      assert.ok(unmuted?.includes(back), `unmuted: ${JSON.stringify(unmuted)}`);
      assert.strictEqual(automation.subfolderCommits.isMuted(back), false);
      assert.ok(informed.some((m) => m.startsWith('Gearshift: the notices muted with Don\'t Show Again show again in this workspace, from the next commit on: ') && m.includes(`apps/${name}`)), JSON.stringify(informed));

      commit('b.txt', `${name}: a change`);
      await waitFor(`the notice about apps/${name} again`, () => toldHere() === 2, 30_000);
      await waitFor('muted again', () => automation.subfolderCommits.isMuted(back), 10_000);
      await vscode.commands.executeCommand('gearshift.showMutedNotices');
      informed.length = 0;
      assert.deepStrictEqual(await vscode.commands.executeCommand('gearshift.showMutedNotices'), []);
      assert.deepStrictEqual(informed, ['Gearshift: no notice is muted in this workspace.']);
    } finally {
      restore();
    }
  });

  it('with `gearshift watch` running in apps/worker, a commit there says nothing: its run starts a moment later (review34 F13)', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const worker = path.join(top, 'apps', 'worker');
    fs.mkdirSync(worker, { recursive: true });
    // Not committed: a commit adding it would be told about before the watch starts (once per pipeline and window).
    fs.writeFileSync(path.join(worker, '.gearshift.yml'), ON_COMMIT);
    await waitFor('apps/worker found below the top', () => /apps\/worker/.test(readableTooltip(gearshift.status().tooltip)), 30_000);
    await automation.subfolderCommits.ready();

    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
    const watch = spawn(process.execPath, [cli, 'watch', '--remind-minutes', '0'], { cwd: worker, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    watcher = watch;
    let said = '';
    watch.stdout.on('data', (d: Buffer) => { said += d.toString(); });
    watch.stderr.on('data', (d: Buffer) => { said += d.toString(); });
    await waitFor('the watch to start', () => said.includes('watching'), 30_000).catch((e: Error) => assert.fail(`${e.message}: ${said}`));

    const told: string[] = [];
    const restore = patchWindow({ showWarningMessage: async (message: string) => { told.push(message); return undefined; } });
    try {
      const looked = automation.subfolderCommits.commitsLooked();
      fs.writeFileSync(path.join(worker, 'job.txt'), 'v1\n');
      git('add', 'apps/worker/job.txt');
      git('commit', '-q', '-m', 'worker: a change');
      await waitFor('the watch\'s run', () => fs.existsSync(path.join(worker, 'ran.txt')), 30_000).catch((e: Error) => assert.fail(`${e.message}: ${said}`));
      await waitFor('the commit looked at', () => automation.subfolderCommits.commitsLooked() > looked, 30_000);
      assert.deepStrictEqual(told.filter((m) => m.includes('apps/worker')), [], 'told that nothing ran where the watch ran it');
    } finally {
      restore();
      watch.kill('SIGINT');
      // Bounded: a watch that does not stop on SIGINT is killed, not left to hold the suite to its timeout.
      const exited = new Promise<boolean>((resolve) => { if (watch.exitCode !== null) { resolve(true); } else { watch.once('exit', () => resolve(true)); } });
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([exited, new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), 15_000); })]);
      clearTimeout(timer);
      if (!stopped) { watch.kill('SIGKILL'); await exited; }
      watcher = undefined;
    }
  });
});
