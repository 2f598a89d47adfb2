import * as assert from 'node:assert';
import { startServer, type HookServer } from '../alerts/hookServer';
import { withDeadline } from '../deploy/helpers';
import { liveGroupMembers } from '../engine/engineFixture';
import { groupGone } from '../pipeline/helpers';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { startMain, type Started } from './runMain';

/** A pipeline with `trigger: commit`. */
function onCommit(stages: Parameters<typeof pipeline>[0]): string {
  return pipeline(stages).replace('version: 1\n', 'version: 1\ntrigger: commit\n');
}

/**
 * `gearshift watch` in-process, stopped by io.interrupt() as a signal would stop it; real
 * signals to the real binary: test/system/cli/watch.test.ts.
 */
describe('gearshift watch (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  const live: Started[] = [];
  const servers: HookServer[] = [];
  const start = (args: string[], cwd: string, env?: NodeJS.ProcessEnv): Started => {
    const w = startMain(['watch', ...args], { cwd, env });
    live.push(w);
    return w;
  };
  afterEach(async () => {
    for (const w of live.splice(0)) {
      w.io.interrupt('SIGINT'); // no-op once it has ended: it no longer listens
      await withDeadline(w.done, 10_000, 'watch did not stop');
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
    ws.cleanup();
  });

  it('a commit runs the pipeline green; an interrupt then ends watch with 130 and no stage process left', async () => {
    const repo = ws.repo(onCommit([{ name: 'Unit Tests', run: 'echo "stage $$ for $GEARSHIFT_SHA"' }]));
    const { io, done } = start([], repo);
    await io.waitFor(/watching .* for new commits/);
    assert.match(io.out, /each new commit starts a pipeline run \(queue: latest\)/);
    const sha = commit(repo, 'feat: watched <b>commit</b>');
    await io.waitFor(/Pipeline GREEN/);
    assert.match(io.out, new RegExp(`● ${sha.slice(0, 8)} main {2}feat: watched <b>commit</b> {2}→ runs next unless a newer commit comes first`));
    const pgid = Number(io.out.match(new RegExp(`stage (\\d+) for ${sha}`))?.[1]);
    assert.ok(pgid > 0, io.out);
    io.interrupt('SIGINT');
    const r = await done;
    assert.strictEqual(r.code, 130, r.stderr);
    assert.match(r.stderr, /SIGINT: stopping/);
    assert.deepStrictEqual(await groupGone(pgid, [], 2000), []);
    assert.strictEqual(io.listening, 0, 'stopped listening for signals');
  });

  it('restarted at once: nothing the last session read is told again, not even commits of its first second; a new commit runs (review37c F10, resume38; the words no longer race a refused launch: tests38 R4)', async () => {
    // The fixture's commits are made just before the first watch starts, often in the same second.
    const repo = ws.repo(onCommit([{ name: 'Unit Tests', run: 'echo ok' }]));
    const setup = git(repo, 'rev-list', 'HEAD').split('\n').map((sha) => sha.slice(0, 8));
    const first = start([], repo);
    await first.io.waitFor(/watching .* for new commits/);
    const short = commit(repo, 'feat: ran in the first session').slice(0, 8);
    await first.io.waitFor(/Pipeline GREEN/);
    first.io.interrupt('SIGINT');
    assert.strictEqual((await first.done).code, 130);
    // The restart reads the reflog from where the first session left off (core/automation resumeMark).
    const again = start([], repo);
    await again.io.waitFor(/watching .* for new commits/);
    const next = commit(repo, 'feat: new in the second session').slice(0, 8);
    await again.io.waitFor(new RegExp(`${next} main {2}feat: new in the second session {2}→ runs next unless a newer commit comes first[^]*Pipeline GREEN`));
    again.io.interrupt('SIGINT');
    const r = await again.done;
    const told = r.stdout.split('\n').filter((l) => /^[●○] [0-9a-f]{8} /.test(l)).map((l) => l.slice(2, 10));
    assert.deepStrictEqual(told, [next], `nothing of ${[short, ...setup].join(', ')} again:\n${r.stdout}`);
  });

  it('an interrupt during a long stage kills the stage (its process group) and ends with 130', async () => {
    const repo = ws.repo(onCommit([{ name: 'Sleepy', run: 'sleep 30 & echo "sleeping as $$"; wait' }]));
    const { io, done } = start([], repo);
    await io.waitFor(/watching .* for new commits/);
    commit(repo, 'slow one');
    const pgid = Number((await io.waitFor(/sleeping as (\d+)/))[1]);
    assert.ok(liveGroupMembers(pgid).length >= 2, 'precondition: the shell and its sleep run');
    io.interrupt('SIGTERM');
    const r = await withDeadline(done, 10_000, 'watch waited for sleep 30');
    assert.strictEqual(r.code, 130, r.stderr);
    assert.match(r.stderr, /SIGTERM: stopping, cancelling the run/);
    assert.match(r.stdout, /■ Sleepy cancelled: interrupted by SIGTERM/);
    assert.deepStrictEqual(await groupGone(pgid, [], 2000), [], 'a stage process survived');
  });

  it('trigger: manual: says at start that commits start no runs, lists them (--json), keeps watching', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'echo should-not-run' }]));
    const { io, done } = start(['--json'], repo);
    await io.waitFor(/watching .* for new commits/);
    assert.match(io.err, /commits will NOT start runs: the pipeline says `trigger: manual`/);
    const sha = commit(repo, 'listed only');
    const line = (await io.waitFor(/^\{"type":"commit".*$/m))[0];
    assert.deepStrictEqual(JSON.parse(line), {
      type: 'commit', sha, branch: 'main', subject: 'listed only', operation: 'commit', triggers: false, because: 'manual',
      message: 'the pipeline says `trigger: manual`: set `trigger: commit` in .gearshift.yml to run it on every commit',
    });
    io.interrupt('SIGINT');
    const r = await done;
    assert.strictEqual(r.code, 130);
    assert.doesNotMatch(r.stdout + r.stderr, /should-not-run/);
  });

  it('a megabyte commit subject is listed on one bounded line', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'true' }]));
    const message = path.join(repo, '.git', 'huge-message.txt'); // -F: one argv string may not exceed 128 KiB
    fs.writeFileSync(message, `Huge ${'x'.repeat(1024 * 1024)}`);
    const { io, done } = start([], repo);
    await io.waitFor(/watching .* for new commits/);
    git(repo, 'commit', '-q', '--allow-empty', '-F', message);
    const line = (await io.waitFor(/^○ .*Huge x.*$/m))[0];
    assert.ok(line.length < 400 && line.includes('x… '), `${line.length} characters`);
    io.interrupt('SIGINT');
    assert.strictEqual((await done).code, 130);
  });

  it('reads GEARSHIFT_SECRET_<NAME> for its runs and masks a commit subject holding a value, also in --json', async () => {
    const secret = 'watch-s3cret-Value-5';
    const repo = ws.repo(onCommit([{ name: 'Deploy', run: 'echo "got $TOKEN"', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
    const { io, done } = start(['--json'], repo, { GEARSHIFT_SECRET_DEPLOY_TOKEN: secret });
    await io.waitFor(/watching .* for new commits/);
    commit(repo, `rotate ${secret} (oops)`);
    await io.waitFor(/Pipeline GREEN/);
    const line = (await io.waitFor(/^\{"type":"commit".*$/m))[0];
    assert.strictEqual((JSON.parse(line) as { subject: string }).subject, 'rotate *** (oops)');
    assert.match(io.err, /got \*\*\*/);
    io.interrupt('SIGINT');
    const r = await done;
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), r.stdout + r.stderr);
  });

  it('an invalid config at start exits 2 with file:line:col', async () => {
    const repo = ws.repo('version: 1\ntrigger: commit\nstages:\n  - name: Test\n    runn: true\n');
    const r = await start([], repo).done;
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^\.gearshift\.yml:\d+:\d+: /m);
  });

  it('a commit that turns the pipeline red is announced on the terminal and POSTed to alerts.webhook', async () => {
    const hook = await startServer((_req, res) => res.end('ok'));
    servers.push(hook);
    const text = onCommit([{ name: 'Unit Tests', run: 'echo "1 failed" && exit 1' }]).replace('version: 1\n', `version: 1\nalerts:\n  webhook: ${hook.base}/hook\n`);
    const repo = ws.repo(text);
    const { io, done } = start([], repo);
    await io.waitFor(/watching .* for new commits/);
    commit(repo, 'feat: breaks the tests');
    await io.waitFor(/The pipeline is red: Unit Tests failed/);
    const [request] = await hook.receivedAtLeast(1); // while watching, not only at exit
    const body = JSON.parse(request.body) as { event?: string; failedStage?: string };
    assert.strictEqual(body.event, 'red');
    assert.strictEqual(body.failedStage, 'Unit Tests');
    io.interrupt('SIGTERM');
    assert.strictEqual((await done).code, 130);
  });
});
