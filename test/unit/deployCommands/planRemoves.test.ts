import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployProduction, planProductionDeploy, rollbackProduction } from '../../../src/core/release';
import { removedCommits } from '../../../src/core/release/facts';
import { planDetail } from '../../../src/core/release/planText';
import { runMain } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { git } from '../../support/git';
import { DeployRepo } from './deployRepo';

/**
 * The production confirmation exists so nobody ships what they did not see. A deploy of an older
 * commit, or of a branch cut from an older base, takes commits out of production: it says which.
 */
describe('deployCommands: the production confirmation says what a deploy removes', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  async function liveAtC4(): Promise<string[]> {
    r = await DeployRepo.create();
    const shas = ['c2', 'c3', 'c4'].map((n) => r.commit(n));
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy of c4')).result, 'ok');
    return shas;
  }

  it('an older commit: nothing added, the newer live commits listed as leaving, and said to be older', async () => {
    const [c2, c3, c4] = await liveAtC4();
    git(r.dir, 'checkout', '-q', '--detach', c2);
    const plan = await planProductionDeploy(r.engine);
    assert.ok(plan.kind === 'plan');
    assert.deepEqual([plan.commits, plan.removed], [[], { commits: [{ sha: c4, subject: 'Change c4' }, { sha: c3, subject: 'Change c3' }], more: false }]);
    assert.match(planDetail(plan), /^This deploys an OLDER commit than the one live: 2 commits would leave production:\n {2}\w{8} Change c4\n {2}\w{8} Change c3\n/);

    const cli = await withDeadline(runMain(['deploy', 'production'], { cwd: r.dir, tty: true, answers: ['n'] }), 20_000, 'deploy asked');
    assert.equal(cli.code, 130, cli.stderr);
    assert.ok(cli.stdout.includes(`  removes   2 commits live now that this commit lacks:\n              ${c4.slice(0, 8)} Change c4\n              ${c3.slice(0, 8)} Change c3\n`), cli.stdout);
    assert.ok(cli.stdout.includes(`  ! this deploys an older commit than the one live: ${c2.slice(0, 8)} is an ancestor of ${c4.slice(0, 8)}\n`), cli.stdout);
  });

  it('a branch from an older base: what it adds and what it removes; subjects stay data', async () => {
    const [c2, , c4] = await liveAtC4();
    git(r.dir, 'checkout', '-q', '-b', 'oldfix', c2);
    git(r.dir, 'commit', '-q', '--allow-empty', '-m', '--upload-pack=touch /tmp/x \u001b[31mred');
    const plan = await planProductionDeploy(r.engine);
    assert.ok(plan.kind === 'plan');
    assert.equal(plan.commits?.length, 1);
    assert.deepEqual(plan.removed?.commits.map((c) => c.subject), ['Change c4', 'Change c3']);
    assert.match(planDetail(plan), /\n2 commits live now would leave production \(not in this commit\):\n/);
    const cli = await withDeadline(runMain(['deploy', 'production'], { cwd: r.dir, tty: true, answers: ['n'] }), 20_000, 'deploy asked');
    assert.ok(cli.stdout.includes('  removes   2 commits live now that this commit lacks:\n'), cli.stdout);
    assert.ok(!cli.stdout.includes('older commit'), 'not an ancestor: not said to be older');
    assert.ok(!cli.stdout.includes('\u001b'), 'the subject is printed escaped');
    assert.ok(!cli.stdout.includes(c4.slice(0, 8) + ' is an ancestor'));
  });

  it('a newer commit removes nothing: no such lines', async () => {
    await liveAtC4();
    r.commit('c5');
    const plan = await planProductionDeploy(r.engine);
    assert.ok(plan.kind === 'plan');
    assert.equal(plan.removed, undefined);
    assert.doesNotMatch(planDetail(plan), /leave production/);
  });

  // rereview40 F4: an amend or a rebase of the live commit keeps its change: nothing leaves production.
  it('the live commit rebased onto a teammate\'s commit, or amended without a change: nothing removed; a real step back still removes it', async () => {
    const [, c3, c4] = await liveAtC4();
    const branch = git(r.dir, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(r.dir, 'checkout', '-q', '--detach', c3);
    const teammate = r.commit('teammate');
    git(r.dir, 'rebase', '-q', '--onto', teammate, c3, branch);
    const rebased = await planProductionDeploy(r.engine);
    assert.ok(rebased.kind === 'plan');
    assert.deepEqual([rebased.removed, rebased.commits?.length], [undefined, 2], 'the teammate\'s commit and c4 again, nothing removed');
    assert.doesNotMatch(planDetail(rebased), /leave production/);
    git(r.dir, 'commit', '-q', '--amend', '-m', 'Change c4, the typo fixed');
    assert.equal((await removedCommits(r.dir, r.head(), c4)), undefined, 'an amend of the message');
    git(r.dir, 'reset', '-q', '--hard', teammate);
    const back = await planProductionDeploy(r.engine);
    assert.ok(back.kind === 'plan');
    assert.deepEqual(back.removed, { commits: [{ sha: c4, subject: 'Change c4' }], more: false }, 'c4\'s change is gone');
    const cli = await withDeadline(runMain(['deploy', 'production'], { cwd: r.dir, tty: true, answers: ['n'] }), 20_000, 'deploy asked');
    assert.ok(cli.stdout.includes(`  removes   1 commit live now that this commit lacks:\n              ${c4.slice(0, 8)} Change c4\n`), cli.stdout);
  });

  it('an amend that changed the live commit\'s content removes the old one, as before', async () => {
    const [, , c4] = await liveAtC4();
    fs.writeFileSync(path.join(r.dir, 'src', 'c4.txt'), 'c4, changed\n');
    git(r.dir, 'commit', '-q', '--amend', '-a', '--no-edit');
    assert.deepEqual(await removedCommits(r.dir, r.head(), c4), { commits: [{ sha: c4, subject: 'Change c4' }], more: false });
  });

  // review20 L7: "1 commit since the last production deploy" for the very commit a rollback just took out.
  it('a commit a rollback took out of production: deploying it again says so, in the modal and on the command line', async () => {
    const [, , c4] = await liveAtC4();
    const c5 = r.commit('c5');
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy of c5')).result, 'ok');
    assert.equal((await withDeadline(rollbackProduction(r.engine), 20_000, 'rollback')).result, 'ok');
    const plan = await planProductionDeploy(r.engine);
    assert.ok(plan.kind === 'plan');
    assert.deepEqual([plan.lastProduction?.sha, plan.sha, typeof plan.rolledBack?.at], [c4, c5, 'string']);
    assert.match(planDetail(plan), new RegExp(`^${c5.slice(0, 8)} was live before: a rollback took it out of production at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\. This deploys it again\\.\n`));
    const cli = await withDeadline(runMain(['deploy', 'production'], { cwd: r.dir, tty: true, answers: ['n'] }), 20_000, 'deploy asked');
    assert.match(cli.stdout, new RegExp(`\n {2}! ${c5.slice(0, 8)} was live before: a rollback took it out of production at [^;]+; this deploys it again\n`));
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy of c5 again')).result, 'ok');
    const again = await planProductionDeploy(r.engine);
    assert.ok(again.kind === 'plan');
    assert.equal(again.rolledBack, undefined, 'live again: nothing to warn about');
  });

  // review41 F4: after a rollback the newest deploy (c5) is not what is live: the count and the time are the live release's.
  it('after a rollback: the commits not in the live release, and live since the rollback (not "since the last production deploy")', async () => {
    const [, , c4] = await liveAtC4();
    r.commit('c5');
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy of c5')).result, 'ok');
    assert.equal((await withDeadline(rollbackProduction(r.engine), 20_000, 'rollback')).result, 'ok');
    const plan = await planProductionDeploy(r.engine);
    assert.ok(plan.kind === 'plan');
    assert.deepEqual([plan.lastProduction?.sha, plan.lastProduction?.madeLive?.by], [c4, 'rollback']);
    assert.match(planDetail(plan), new RegExp(`\n1 commit not in the live release \\(${c4.slice(0, 8)}\\):\n {2}[0-9a-f]{8} Change c5\n`));
    const cli = await withDeadline(runMain(['deploy', 'production'], { cwd: r.dir, tty: true, answers: ['n'] }), 20_000, 'deploy asked');
    assert.match(cli.stdout, new RegExp(`\n {2}live now {2}${c4.slice(0, 8)} in blue \\(live since the rollback at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\)\n {2}commits {3}1 not in the live release:\n`), cli.stdout);
  });
});
