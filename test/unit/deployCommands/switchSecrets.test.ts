import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

const VALUE = 'lb-cli-T0ken-8d2e6b1a';
const PROBE_TOKEN = 'probe-hdr-T0ken-3c9f7e';
/** The fixture's switch.sh, printing the token first (it is git-ignored: the tree stays clean). */
const SWITCH = `#!/bin/sh
echo "token is $LB_TOKEN"
printf '%s\\n' "$GEARSHIFT_SLOT" > live-slot.tmp && mv live-slot.tmp live-slot
echo "now serving $GEARSHIFT_SLOT"
`;
const SWITCH_ENV = ['  env:', '    LB_TOKEN: "${{ secrets.LB_TOKEN }}"'];

/** A health endpoint that wants `Authorization: Bearer <PROBE_TOKEN>`: 401 without it. */
class AuthServer {
  authorized = 0;
  unauthorized = 0;
  private readonly server = http.createServer((req, res) => {
    const ok = req.headers.authorization === `Bearer ${PROBE_TOKEN}` && req.headers['x-env'] === 'prod';
    if (ok) { this.authorized++; } else { this.unauthorized++; }
    res.writeHead(ok ? 200 : 401).end();
  });
  url = '';
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/health`;
    return this;
  }
  close(): Promise<void> { this.server.closeAllConnections(); return new Promise((resolve) => this.server.close(() => resolve())); }
}

describe('secrets in deploy.env and probe headers (gearshift deploy / switch / rollback / monitor, in-process main)', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  let auth: AuthServer | undefined;
  const run = (args: string[], env?: Record<string, string>): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir, env }), 40_000, `gearshift ${args.join(' ')} did not end`);
  const withToken = { GEARSHIFT_SECRET_LB_TOKEN: VALUE };
  afterEach(async () => { await r?.dispose(); await auth?.close(); auth = undefined; });

  async function repo(extra: Parameters<typeof DeployRepo.create>[0] = {}): Promise<DeployRepo> {
    const made = await DeployRepo.create({ deployExtra: SWITCH_ENV, ...extra });
    fs.writeFileSync(path.join(made.dir, 'switch.sh'), SWITCH, { mode: 0o755 });
    return made;
  }

  it('deploy production: the switch gets the secret, every output is masked; without it exit 2 before any stage', async () => {
    r = await repo();
    const missing = await run(['deploy', 'production', '--yes']);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /secret not set: LB_TOKEN; set GEARSHIFT_SECRET_LB_TOKEN in the environment \(nothing ran\)/);
    assert.ok(!r.exists('nonprod-deployed') && !r.exists('deployed-to'), 'no stage ran');
    assert.equal((await r.runs()).length, 0);
    // A run that stops before production needs no switch secret.
    assert.equal((await run(['run', '--stage', 'Unit Tests'])).code, 0);

    const ok = await run(['deploy', 'production', '--yes'], withToken);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /token is \*\*\*\n/);
    assert.ok(!ok.stdout.includes(VALUE) && !ok.stderr.includes(VALUE));
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const files = ['history.jsonl', 'deploy.json'].map((f) => fs.readFileSync(path.join(r.dir, '.git', 'gearshift', f), 'utf8'));
    assert.ok(files.every((t) => !t.includes(VALUE)));
  });

  it('switch and rollback without the secret: exit 2, the variable named, nothing changed; with it they run masked', async () => {
    r = await repo();
    assert.equal((await run(['deploy', 'production', '--yes'], withToken)).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'], withToken)).code, 0);
    assert.equal(r.f.liveSlot(), 'green');
    const before = fs.readFileSync(path.join(r.dir, '.git', 'gearshift', 'deploy.json'), 'utf8');

    const sw = await run(['switch', '--yes']);
    assert.equal(sw.code, 2);
    assert.equal(sw.stderr, 'gearshift switch: cannot switch: secret not set: LB_TOKEN, which the switch script\'s env (deploy.env) needs; set GEARSHIFT_SECRET_LB_TOKEN in the environment, then switch again. The switch script did not run and nothing was changed: green is still live\n');
    const rb = await run(['rollback', '--yes']);
    assert.equal(rb.code, 2);
    assert.equal(rb.stderr, 'gearshift rollback: cannot roll back: secret not set: LB_TOKEN, which the switch script\'s env (deploy.env) needs; set GEARSHIFT_SECRET_LB_TOKEN in the environment, then roll back again. The switch script did not run and nothing was changed: green is still live\n');
    const json = await run(['rollback', '--yes', '--json']);
    assert.equal(json.code, 2);
    assert.equal(r.f.liveSlot(), 'green');
    assert.equal(fs.readFileSync(path.join(r.dir, '.git', 'gearshift', 'deploy.json'), 'utf8'), before, 'deploy.json untouched');

    const back = await run(['rollback', '--yes'], withToken);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /token is \*\*\*/);
    assert.ok(!back.stdout.includes(VALUE));
    assert.equal(r.f.liveSlot(), 'blue');
  });

  it('rollback without blue/green is a run of the production stages: a stage secret not set is worded as a run\'s, not as deploy.env\'s', async () => {
    const prodSecret = (): string[] => ['  - name: Announce', '    run: echo "announcing with $NOTE"', '    environment: production', '    env:', '      NOTE: "${{ secrets.NOTE_TOKEN }}"'];
    r = await repo({ blueGreen: false, after: prodSecret });
    const note = { GEARSHIFT_SECRET_NOTE_TOKEN: 'note-T0ken-91ac' };
    assert.equal((await run(['deploy', 'production', '--yes'], note)).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'], note)).code, 0);
    const deploysBefore = r.read('prod-deploys');
    const runsBefore = (await r.runs()).length;

    const rb = await run(['rollback', '--yes']);
    assert.equal(rb.code, 2, rb.stderr);
    assert.equal(rb.stderr, 'gearshift rollback: secret not set: NOTE_TOKEN; set GEARSHIFT_SECRET_NOTE_TOKEN in the environment (nothing ran)\n');
    assert.equal(r.read('prod-deploys'), deploysBefore, 'no production stage ran');
    assert.equal((await r.runs()).length, runsBefore, 'nothing recorded');
    const back = await run(['rollback', '--yes'], note);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(r.read('prod-deploys').split('\n').length, deploysBefore.split('\n').length + 1, 'the redeploy ran once');
  });

  it('probe headers: a real 127.0.0.1 server that wants the header gets it from the secret; without the secret exit 2, no request', async () => {
    auth = await new AuthServer().listen();
    const url = auth.url;
    r = await repo({
      monitor: {
        window: '400ms', interval: '200ms', baseline: '0',
        probes: () => [`    - http: ${url}`, '      timeout: 1s', '      requests: 2', '      headers:', '        Authorization: "Bearer ${{ secrets.PROBE_TOKEN }}"', '        X-Env: prod'],
      },
    });
    const missing = await run(['monitor']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /gearshift monitor: secret not set: PROBE_TOKEN; set GEARSHIFT_SECRET_PROBE_TOKEN in the environment/);
    assert.equal(auth.authorized + auth.unauthorized, 0, 'no request without the secret');

    const ok = await run(['monitor', '--json'], { GEARSHIFT_SECRET_PROBE_TOKEN: PROBE_TOKEN });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(auth.authorized >= 2, `authorized requests: ${auth.authorized}`);
    assert.equal(auth.unauthorized, 0);
    assert.ok(!ok.stdout.includes(PROBE_TOKEN) && !ok.stderr.includes(PROBE_TOKEN));

    // In a production deploy too: the run needs the probe's secret, and the probe sends it.
    const seen = auth.authorized;
    const deploy = await run(['deploy', 'production', '--yes'], { ...withToken, GEARSHIFT_SECRET_PROBE_TOKEN: PROBE_TOKEN });
    assert.equal(deploy.code, 0, deploy.stderr);
    assert.ok(auth.authorized > seen && auth.unauthorized === 0);
    const noProbeSecret = await run(['deploy', 'production', '--yes'], withToken);
    assert.equal(noProbeSecret.code, 2);
    assert.match(noProbeSecret.stderr, /secret not set: PROBE_TOKEN/);
  });
});
