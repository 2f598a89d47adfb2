import * as assert from 'node:assert';
import * as path from 'node:path';
import { commit, git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess, ROOT } from './cliProcess';

const CLI_JS = path.join(ROOT, 'out', 'src', 'cli.js');
const SAID = /was committed before this watch started and has not run/;

/**
 * review41 F5: the commit that turns on `trigger: commit`, made before the first `gearshift watch`, never ran and
 * nothing said so (the watch runs the commits made from its start). Now the watch says it at start, with the way to run it.
 */
describe('gearshift watch: HEAD committed before it started (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const live: CliProcess[] = [];
  const cli = (args: string[], cwd: string): CliProcess => { const p = new CliProcess(args, { cwd, cli: CLI_JS }); live.push(p); return p; };
  afterEach(async () => {
    for (const p of live.splice(0)) { if (p.child.exitCode === null) { p.child.kill('SIGKILL'); await p.done; } }
    ws.cleanup();
  });

  it('says HEAD has not run and how to run it; once HEAD ran, a restarted watch says nothing of it', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'echo "tested $GEARSHIFT_SHA"' }]).replace('version: 1\n', 'version: 1\ntrigger: commit\n'));
    const head = git(repo, 'rev-parse', 'HEAD');
    const subject = git(repo, 'log', '-1', '--format=%s');
    const first = cli(['watch'], repo);
    await first.waitFor(SAID);
    assert.match(first.stderr, new RegExp(`^gearshift watch: HEAD ${head.slice(0, 8)} "${subject}" was committed before this watch started and has not run: the watch runs the commits made from now on; \`gearshift run\` runs HEAD now$`, 'm'));
    first.child.kill('SIGINT');
    assert.strictEqual((await first.done).code, 130);
    const ran = await cli(['run'], repo).done;
    assert.strictEqual(ran.code, 0, ran.stdout + ran.stderr);
    const second = cli(['watch'], repo);
    await second.waitFor(/watching .* for new commits/);
    commit(repo, 'made while watched');
    await second.waitFor(/Pipeline GREEN/, 30_000); // the start's lines are all out by then
    assert.doesNotMatch(second.stderr, SAID);
  });
});
