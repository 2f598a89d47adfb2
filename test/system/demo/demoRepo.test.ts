/**
 * The demo repository `npm start` opens is a user's first experience of Gearshift, so it is run
 * end to end as a user would: the real CLI (out/src/cli.js) as a child process, the demo's own
 * scripts, and its real blue/green servers on 127.0.0.1 :4100 (proxy), :4101, :4102.
 *
 * The demo's monitoring (4 s baseline, 20 s window after a healthy switch) is what users see, so
 * it is not shortened here: the healthy deploy alone takes ~27 s, the whole test ~35 s.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_PORTS } from '../../support/demoBlueGreen';
import { DEMO_FLAGS, DEMO_PIPELINE, ensureDemoRepo } from '../../support/demoRepo';
import { git } from '../../support/git';
import { demoTestTemp, stopLeftoverDemoServers } from './demoLeftovers';
import { busyPorts, type CliResult, DemoCli, DEMO_PORT_LIST, demoEnv, get, stopDemoServers } from './demoProcesses';

describe('the demo repository (npm start), end to end with the real CLI and servers', function () {
  this.timeout(90_000);
  let tmp: string | undefined;
  let demo: string;
  let env: NodeJS.ProcessEnv;
  const children: DemoCli[] = [];

  /** Runs `gearshift …` in the demo; its output is attached to any failure message. */
  const gearshift = (args: string[], ms: number): Promise<CliResult> => {
    const cli = new DemoCli(args, demo, env);
    children.push(cli);
    return cli.result(ms);
  };
  const shown = (r: CliResult): string => `\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

  // Always, even after a failure or timeout: no CLI, stage or demo server outlives the test.
  afterEach(async () => {
    for (const c of children.splice(0)) { await c.stop(); }
    if (tmp === undefined) { return; }
    const report = await stopDemoServers(demo, env);
    fs.rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
    assert.deepEqual(report.busyPorts, [], `ports still held after stopping the demo servers: ${report.busyPorts.join(', ')}`);
  });

  it('validates, deploys green to production, flips a toggle the live app reads, alerts and rolls back a broken release, then reports red', async function () {
    const leftover = await stopLeftoverDemoServers(); // a killed earlier run's, else the ports would read as in use
    if (leftover !== undefined) { console.log(`      ${leftover}`); }
    const busy = await busyPorts();
    if (busy.length > 0) {
      // Not ours to stop (maybe a user's running demo): failing would say nothing about Gearshift.
      this.test!.title += ` [skipped: 127.0.0.1 port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use, the demo needs ${DEMO_PORT_LIST[0]}–${DEMO_PORT_LIST[DEMO_PORT_LIST.length - 1]}]`;
      this.skip();
    }
    tmp = demoTestTemp('gearshift-demo-');
    demo = path.join(tmp, 'demo');
    env = demoEnv(path.join(tmp, 'state'));
    assert.equal(ensureDemoRepo(demo), true);
    assert.equal(fs.readFileSync(path.join(demo, '.gearshift.yml'), 'utf8'), DEMO_PIPELINE);

    const valid = await gearshift(['validate'], 15_000);
    assert.equal(valid.code, 0, shown(valid));
    assert.match(valid.stdout, /✔ \.gearshift\.yml is valid: 7 stages\n/);

    // A healthy release: Provision Prod starts the servers, the switch makes the slot live.
    const first = await gearshift(['deploy', 'production', '--yes'], 60_000);
    assert.equal(first.code, 0, shown(first));
    const live = first.stdout.match(/gearshift: \w{8} is live in (blue|green); no alarm in \d+ intervals/)?.[1];
    assert.ok(live, `no "is live in <slot>" verdict${shown(first)}`);
    const idle = live === 'blue' ? 'green' : 'blue';
    const sha = git(demo, 'rev-parse', 'HEAD');
    const healthy = await get(DEMO_PORTS.proxy);
    assert.deepEqual([healthy.status, healthy.slot, healthy.body], [200, live, `demo app ${sha.slice(0, 8)} (${live}) - checkout: classic\n`]);

    // A toggle flipped (as the Feature Toggles view does, here through the CLI) shows in the
    // running app at once: it rereads flags.json per request, as flagd rereads a watched file.
    const flags = await gearshift(['flags', 'list', '--json'], 15_000);
    assert.equal(flags.code, 0, shown(flags));
    assert.deepEqual((JSON.parse(flags.stdout) as { key: string; value: unknown }[]).map((f) => [f.key, f.value]), [['new-checkout', false], ['banner-color', '#1565c0']]);
    const on = await gearshift(['flags', 'set', 'new-checkout', 'on', '--yes'], 15_000);
    assert.equal(on.code, 0, shown(on));
    assert.equal(fs.readFileSync(path.join(demo, 'flags.json'), 'utf8'), DEMO_FLAGS.replace('"defaultVariant": "off"', '"defaultVariant": "on"'));
    assert.deepEqual(await get(DEMO_PORTS.proxy), { status: 200, slot: live, body: `demo app ${sha.slice(0, 8)} (${live}) - checkout: new\n` });
    const off = await gearshift(['flags', 'set', 'new-checkout', 'off'], 15_000);
    assert.equal(off.code, 0, shown(off));
    assert.equal(fs.readFileSync(path.join(demo, 'flags.json'), 'utf8'), DEMO_FLAGS, 'flipping back restores the committed bytes');
    assert.equal((await get(DEMO_PORTS.proxy)).body, `demo app ${sha.slice(0, 8)} (${live}) - checkout: classic\n`);

    // Break the next release: it goes live, answers 500, monitoring alerts and switches back.
    fs.writeFileSync(path.join(demo, '.demo', 'break'), '');
    const broken = await gearshift(['deploy', 'production', '--yes'], 45_000);
    assert.equal(broken.code, 1, `a production alert exits 1${shown(broken)}`);
    assert.doesNotMatch(broken.stdout, /the working tree has uncommitted changes/, 'the demo state (.demo/) must stay git-ignored');
    assert.match(broken.stdout, new RegExp(`is in slot ${idle} \\(BROKEN on purpose: it answers 500\\)\\n`));
    assert.match(broken.stdout, new RegExp(`⇄ ${idle} is live \\(was ${live}\\)\\n`));
    assert.match(broken.stdout, /✖ Production alert: 127\.0\.0\.1:4100\/health: (?:\d+% errors|\d+ failed of \d+ planned requests) in interval \d+ \((?:≥ \d+%, )?threshold 20%\)\n {2}rolling back \(monitor\.autoRollback\)\n/);
    assert.match(broken.stdout, new RegExp(`⟲ rolled back to ${live} \\(\\w{8}\\)\\n`));
    // The alert is said once, above (walkcli32 L2): no copy on stderr, a table row under the stages.
    assert.doesNotMatch(broken.stderr, /alert/, broken.stderr);
    assert.match(broken.stdout, /\n {2}✖ production monitoring +alert\s*\n\nPipeline RED/);
    const back = await get(DEMO_PORTS.proxy);
    assert.deepEqual([back.status, back.slot], [200, live], 'the proxy serves the previous slot again');
    assert.equal(fs.readFileSync(path.join(demo, '.demo', 'live-slot'), 'utf8'), `${live}\n`);
    const idleSlot = await get(idle === 'blue' ? DEMO_PORTS.blue : DEMO_PORTS.green);
    assert.equal(idleSlot.status, 500, 'the rolled-back release really was broken');

    const status = await gearshift(['status'], 15_000);
    assert.equal(status.code, 0, shown(status));
    assert.match(status.stdout, new RegExp(`^red {2}${sha.slice(0, 8)} on main\\n {2}red for `), shown(status));
    assert.equal(git(demo, 'status', '--porcelain'), '', 'the demo leaves the working tree clean');

    // What the README tells users: stop the servers; every demo port is free again.
    const stopped = await stopDemoServers(demo, env);
    assert.equal(stopped.scriptCode, 0, stopped.scriptOutput);
    assert.equal(stopped.scriptOutput, 'demo servers stopped\n', 'stop returns once the servers are gone');
    assert.deepEqual(stopped.killed, [], 'node ci/demo-servers.js stop left servers running (killed by pid)');
    assert.deepEqual(stopped.busyPorts, [], `ports still held after stop: ${stopped.busyPorts.join(', ')}`);
  });
});
