import * as assert from 'node:assert';
import * as path from 'node:path';
import { startServer } from '../alerts/hookServer';
import { liveGroupMembers } from '../engine/engineFixture';
import { git } from '../../support/git';
import { CliProcess, ROOT } from './cliProcess';
import { pipeline, Workspaces } from './workspace';

/** The tsc build of the CLI: what `npx tsc -p .` just compiled, no bundling step needed. */
const CLI_JS = path.join(ROOT, 'out', 'src', 'cli.js');

/** A pipeline with `trigger: commit`. */
function onCommit(stages: Parameters<typeof pipeline>[0]): string {
  return pipeline(stages).replace('version: 1\n', 'version: 1\ntrigger: commit\n');
}

function commit(repo: string, message: string): string {
  git(repo, 'commit', '-q', '--allow-empty', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

describe('gearshift watch (real process)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  const live: CliProcess[] = [];
  /** `gearshift watch` as a real child process (stdin left open, as at a terminal), with bounded waits on its output. */
  const start = (args: string[], cwd: string): CliProcess => { const w = new CliProcess(['watch', ...args], { cwd, cli: CLI_JS }); live.push(w); return w; };
  afterEach(async () => {
    for (const w of live.splice(0)) { if (w.child.exitCode === null) { w.child.kill('SIGKILL'); await w.done; } }
    ws.cleanup();
  });

  it('a commit runs the pipeline green; SIGINT then exits 130 with no stage process left', async () => {
    const repo = ws.repo(onCommit([{ name: 'Unit Tests', run: 'echo "stage $$ for $GEARSHIFT_SHA"' }]));
    const watch = start([], repo);
    await watch.waitFor(/watching .* for new commits/);
    assert.match(watch.stdout, /each new commit starts a pipeline run \(queue: latest\)/);
    const sha = commit(repo, 'feat: watched <b>commit</b>');
    await watch.waitFor(/Pipeline GREEN/);
    assert.match(watch.stdout, new RegExp(`● ${sha.slice(0, 8)} main {2}feat: watched <b>commit</b> {2}→ triggers a run`));
    const pgid = Number(watch.stdout.match(new RegExp(`stage (\\d+) for ${sha}`))?.[1]);
    assert.ok(pgid > 0, watch.stdout);
    watch.child.kill('SIGINT');
    const r = await watch.done;
    assert.strictEqual(r.code, 130, r.stderr);
    assert.match(r.stderr, /SIGINT: stopping/);
    assert.deepStrictEqual(liveGroupMembers(pgid), []);
  });

  it('SIGTERM during a long stage kills the stage (its process group) and exits 130', async () => {
    // A shell with a child: the whole group must go, not just the shell.
    const repo = ws.repo(onCommit([{ name: 'Sleepy', run: 'sleep 30 & echo "sleeping as $$"; wait' }]));
    const watch = start([], repo);
    await watch.waitFor(/watching .* for new commits/);
    commit(repo, 'slow one');
    const pgid = Number((await watch.waitFor(/sleeping as (\d+)/))[1]);
    assert.ok(liveGroupMembers(pgid).length >= 2, 'precondition: the shell and its sleep run');
    const sentAt = Date.now();
    watch.child.kill('SIGTERM');
    const r = await watch.done;
    assert.strictEqual(r.code, 130, r.stderr);
    assert.ok(Date.now() - sentAt < 10_000, 'waited for sleep 30');
    assert.match(r.stderr, /SIGTERM: stopping, cancelling the run/);
    assert.match(r.stdout, /■ Sleepy cancelled: interrupted by SIGTERM/);
    assert.deepStrictEqual(liveGroupMembers(pgid), [], 'a stage process survived');
  });

  it('trigger: manual: says at start that commits start no runs, lists them (--json), keeps watching', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'echo should-not-run' }]));
    const watch = start(['--json'], repo);
    await watch.waitFor(/watching .* for new commits/);
    assert.match(watch.stderr, /commits will NOT start runs: the pipeline says `trigger: manual`/);
    const sha = commit(repo, 'listed only');
    const line = (await watch.waitFor(/^\{"type":"commit".*$/m))[0];
    assert.deepStrictEqual(JSON.parse(line), {
      type: 'commit', sha, branch: 'main', subject: 'listed only', operation: 'commit', triggers: false, because: 'manual',
      message: 'the pipeline says `trigger: manual`: set `trigger: commit` in .gearshift.yml to run it on every commit',
    });
    watch.child.kill('SIGINT');
    const r = await watch.done;
    assert.strictEqual(r.code, 130);
    assert.doesNotMatch(r.stdout + r.stderr, /should-not-run/);
  });

  it('an invalid config at start exits 2 with file:line:col', async () => {
    const repo = ws.repo('version: 1\ntrigger: commit\nstages:\n  - name: Test\n    runn: true\n');
    const r = await start([], repo).done;
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^\.gearshift\.yml:\d+:\d+: /m);
  });

  it('a commit that turns the pipeline red is announced on the terminal and POSTed to alerts.webhook', async () => {
    const hook = await startServer((_req, res) => res.end('ok'));
    try {
      const text = onCommit([{ name: 'Unit Tests', run: 'echo "1 failed" && exit 1' }]).replace('version: 1\n', `version: 1\nalerts:\n  webhook: ${hook.base}/hook\n`);
      const repo = ws.repo(text);
      const watch = start([], repo);
      await watch.waitFor(/watching .* for new commits/);
      commit(repo, 'feat: breaks the tests');
      await watch.waitFor(/The pipeline is red: Unit Tests failed/);
      const deadline = Date.now() + 10_000;
      while (hook.received.length === 0 && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 20)); }
      const body = JSON.parse(hook.received[0]?.body ?? '{}') as { event?: string; failedStage?: string };
      assert.strictEqual(body.event, 'red');
      assert.strictEqual(body.failedStage, 'Unit Tests');
      watch.child.kill('SIGTERM');
      assert.strictEqual((await watch.done).code, 130);
    } finally {
      await hook.close();
    }
  });
});
