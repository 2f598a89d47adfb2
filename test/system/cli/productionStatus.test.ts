import * as assert from 'node:assert/strict';
import { withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { ensureCliBuilt, runCli, type CliResult } from './cliProcess';

/**
 * What the CLI says about production after a deploy, a switch or a rollback (walkcli32 H1, M3, L1,
 * L2, L8, L11, L12): the real bundle (dist/cli.js), a process per command, a real git repository
 * and real blue/green slot servers and a proxy on 127.0.0.1 that monitoring probes.
 */
describe('gearshift status, history, logs, deploy and monitor: what is live in production (real CLI)', function () {
  this.timeout(120_000);
  let r: DeployRepo;
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(async () => { await r?.dispose(); });
  const cli = (args: string[], env?: Record<string, string>): Promise<CliResult> =>
    withDeadline(runCli(args, { cwd: r.dir, ...(env ? { env } : {}) }), 60_000, `gearshift ${args.join(' ')} did not end`);
  const short = (sha: string): string => sha.slice(0, 8);
  const time = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d';
  const deploy = async (code = 0): Promise<CliResult> => {
    const res = await cli(['deploy', 'production', '--yes']);
    assert.equal(res.code, code, res.stdout + res.stderr);
    return res;
  };

  it('after a switch: status describes the last run that ran stages (HEAD\'s), then the switch, and a production line says what is live', async () => {
    r = await DeployRepo.create();
    const a = r.head();
    await deploy();
    const b = r.commit('two');
    const deployed = await deploy();
    // L8: a success is a notice, `gearshift:` as cli.md says, not the error prefix.
    assert.match(deployed.stdout, new RegExp(`\\ngearshift: ${short(b)} is live in green`));
    assert.doesNotMatch(deployed.stdout, /gearshift deploy:/);
    assert.equal((await cli(['switch', '--to', 'blue', '--yes'])).code, 0);

    const status = await cli(['status']);
    assert.match(status.stdout, new RegExp(`^green {2}${short(b)} on main\\n {2}started {3}${time} \\(.*\\) by cli\\n`), status.stdout);
    assert.match(status.stdout, new RegExp(`\\n {2}then {6}switch at ${time} \\(.*\\), run [0-9a-f-]{36}\\n`), status.stdout);
    assert.match(status.stdout, new RegExp(`\\nproduction {2}${short(a)} live in blue \\(switched from ${short(b)} at ${time}; HEAD ${short(b)} is not live\\)\\n`), status.stdout);

    const json = JSON.parse((await cli(['status', '--json'])).stdout) as Record<string, { sha?: string; trigger?: string } | string | null>;
    assert.equal(json.verdict, 'green');
    assert.equal((json.run as { trigger: string }).trigger, 'switch', '`run` stays the newest record, the verdict\'s');
    assert.equal((json.stageRun as { sha: string }).sha, b);
    assert.deepEqual(json.production, { ...(json.production as object), sha: a, slot: 'blue', by: 'switch', from: b, head: b, headLive: false, result: 'ok' });

    // M3: which rows changed production, and to which slot.
    const nonProd = await cli(['deploy', 'non-prod']);
    assert.match(nonProd.stdout, new RegExp(`\\ngearshift: ${short(b)} passed non-prod`), 'L8: a notice');
    const history = (await cli(['history'])).stdout.split('\n');
    assert.match(history[0], /^STATE +SHA +BRANCH +TRIGGER +ENV +STARTED/);
    assert.match(history[1], /^green +\w{8} +main +cli +non-prod +\d/);
    assert.match(history[2], /^green +\w{8} +main +switch +prod → blue +\d/);
    assert.match(history[3], /^green +\w{8} +main +cli +prod → green +\d/);
    assert.match(history[4], /^green +\w{8} +main +cli +prod → blue +\d/);
    const records = JSON.parse((await cli(['history', '--json'])).stdout) as Array<{ trigger: string; changedProduction: unknown }>;
    assert.deepEqual(records.map((x) => [x.trigger, x.changedProduction]), [['cli', null], ['switch', { slot: 'blue' }], ['cli', { slot: 'green' }], ['cli', { slot: 'blue' }]]);

    // review32 L1: a run red at Unit Tests never reached production (Deploy Prod skipped): `-`, not "prod (unchanged)".
    r.touch('fail-unit');
    assert.equal((await cli(['run'])).code, 1);
    const red = (await cli(['history'])).stdout.split('\n');
    assert.match(red[1], /^red +\w{8} +main +cli +- +\d.* Unit Tests\s*$/, red.join('\n'));
    const redJson = JSON.parse((await cli(['history', '--json', '--limit', '1'])).stdout) as Array<{ changedProduction: unknown }>;
    assert.equal(redJson[0].changedProduction, null);
  });

  it('an alert: said once, a table row for monitoring; monitor names the way back; logs --list names it; after the rollback status says HEAD is not live', async () => {
    r = await DeployRepo.create({ monitor: { autoRollback: false } });
    const a = r.head();
    await deploy();
    const b = r.commit('broken');
    r.f.nextRelease('500');
    const red = await deploy(1);
    const said = (red.stdout + red.stderr).split('\n').filter((l) => /failed of \d+ planned requests in interval|errors in interval/.test(l));
    assert.equal(said.length, 1, `the alert once, not ${said.length} times:\n${red.stdout}${red.stderr}`);
    assert.match(red.stdout, /\n {2}✖ production monitoring +alert\s*\n\nPipeline RED/, red.stdout);

    const monitor = await cli(['monitor']);
    assert.equal(monitor.code, 1, monitor.stdout + monitor.stderr);
    assert.ok(monitor.stdout.includes(`production is failing now; \`gearshift rollback\` goes back to blue (${short(a)})`), monitor.stdout);

    const list = (await cli(['logs', '--list'])).stdout.split('\n');
    assert.match(list.find((l) => l.includes(short(b))) ?? '', / red +\d{4}-\S+ \S+ +production monitoring/, list.join('\n'));

    const rollback = await cli(['rollback', '--yes']);
    assert.equal(rollback.code, 0, rollback.stderr);
    // redstory34: the end of the red is said by the rollback, as the editor's one toast says it.
    // Its age is seconds, or minutes once the CLI calls since the red deploy took a minute (a starved machine).
    assert.match(rollback.stdout, /\n {2}The pipeline is green again after \d+[sm]: the rollback ended the red \(a production alert in run [0-9a-f]{8} \([0-9a-f]{8}\)\)\. Newer commits are not live until one deploys\.\n/, rollback.stdout);
    const status = await cli(['status']);
    // "green" is never printed beside the commit that failed (review32 M1): the verdict is headlined by the rollback.
    assert.match(status.stdout, new RegExp(`^green {2}after rollback at ${time} \\(.*\\), run [0-9a-f-]{36}: it ended the red\\n`), status.stdout);
    assert.match(status.stdout, new RegExp(`\\n {2}last run {2}red {2}${short(b)} on main, started ${time} `), status.stdout);
    assert.match(status.stdout, /\n {2}failed {4}production monitoring/);
    assert.doesNotMatch(status.stdout, new RegExp(`green {2}${short(b)}`), status.stdout);
    assert.match(status.stdout, new RegExp(`\\nproduction {2}${short(a)} live in blue \\(rolled back from ${short(b)} at ${time}; HEAD ${short(b)} is not live\\)\\n`), status.stdout);

    // redstory34: no alarm while red is not green: monitor says why the pipeline stays red and what ends it.
    r.touch('fail-unit');
    assert.equal((await cli(['run'])).code, 1);
    const healthy = await cli(['monitor']);
    assert.equal(healthy.code, 0, healthy.stdout + healthy.stderr);
    assert.match(healthy.stdout, /\n {2}Production is healthy now, but the pipeline stays red: .*Unit Tests.*\. Monitoring on its own ends no red: .+\.\n/, healthy.stdout);
  });

  it('deploy production: the commit already live is said to be; red and CI without --yes are refused before the summary', async () => {
    r = await DeployRepo.create();
    const a = r.head();
    await deploy();
    const again = await deploy();
    assert.ok(again.stdout.includes(`  ! ${short(a)} is already live in blue: this deploys the same commit again into green`), again.stdout);

    const ci = await cli(['deploy', 'production'], { CI: 'true' });
    assert.equal(ci.code, 2, ci.stderr);
    assert.equal(ci.stdout, '', 'no summary for a deploy nobody can confirm');
    assert.match(ci.stderr, /needs confirmation: rerun with --yes \(nobody can be asked: CI is set\)/);

    r.touch('fail-unit');
    assert.equal((await cli(['run'])).code, 1);
    const refused = await cli(['deploy', 'production', '--yes']);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stdout, '', 'no summary for a deploy refused on red');
    assert.match(refused.stderr, /^gearshift deploy: /);
  });
});
