import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeployConfig, MonitorConfig } from '../../../src/core/config/types';
import { type DeployEvent, ProductionDeploy, rollback, switchTo } from '../../../src/core/deploy';
import { switchProcessEnv } from '../../../src/core/deploy/switchSecrets';
import { ResolvedSecrets } from '../../../src/core/secrets';
import { BlueGreenFixture, type Slot } from './fixture';
import { httpProbe, monitorConfig, TempDirs, withDeadline } from './helpers';

const VALUE = 'lb-Tok3n-5e1f9a2c7d';
const B64 = Buffer.from(VALUE).toString('base64');
const OTHER = 'other-secret-never-passed-on';

/**
 * Like the fixture's switch.sh, and it records what the kernel shows of its own process
 * (/proc/$$/cmdline: what `ps` shows; /proc/$$/environ) and prints the token, whole and base64.
 */
const SCRIPT = `#!/bin/sh
tr '\\0' ' ' < /proc/$$/cmdline > cmdline.txt
tr '\\0' '\\n' < /proc/$$/environ > environ.txt
echo "token is $LB_TOKEN"
printf '%s\\n' "$LB_TOKEN" | base64
if [ -e switch-fails ]; then echo "cannot reach the balancer with $LB_TOKEN" >&2; exit 3; fi
printf '%s\\n' "$GEARSHIFT_SLOT" > live-slot
`;

describe('deploy: secrets in the switch script (deploy.env)', () => {
  const temp = new TempDirs();
  let f: BlueGreenFixture;
  let config: DeployConfig;
  const secrets = (): ResolvedSecrets => new ResolvedSecrets(new Map([['LB_TOKEN', VALUE]]));
  const file = (name: string): string | undefined => { try { return fs.readFileSync(path.join(f.dir, name), 'utf8'); } catch { return undefined; } };

  beforeEach(async () => {
    f = await BlueGreenFixture.create(temp.make());
    fs.writeFileSync(path.join(f.dir, 'switch-secret.sh'), SCRIPT, { mode: 0o755 });
    config = { ...f.config, switch: './switch-secret.sh', env: { LB_TOKEN: '${{ secrets.LB_TOKEN }}', REGION: 'eu-1' } };
  });
  afterEach(async () => { await f.close(); temp.cleanup(); });

  async function holds(slot: Slot, sha: string): Promise<void> {
    await f.store.update((s) => { s.slots[slot] = { sha, deployedAt: new Date().toISOString(), runId: `run-${sha}` }; });
  }

  function sw(extra: Partial<Parameters<typeof switchTo>[0]>, output: string[] = []): ReturnType<typeof switchTo> {
    return switchTo({
      root: f.dir, config, store: f.store, slot: 'blue', kind: 'switch', runId: 'r1', killGraceMs: 300,
      env: { ...process.env, GEARSHIFT_SECRET_LB_TOKEN: VALUE, GEARSHIFT_SECRET_OTHER: OTHER }, onOutput: (_s, c) => output.push(c), ...extra,
    });
  }

  it('the value reaches the script only in its environment, never its command line; its output is masked', async () => {
    await holds('blue', 'aaa1111');
    const output: string[] = [];
    const result = await sw({ secrets: secrets() }, output);
    assert.ok(result.ok, result.ok ? '' : result.message);
    const environ = file('environ.txt') ?? '';
    assert.ok(environ.split('\n').includes(`LB_TOKEN=${VALUE}`), 'the script got the value in its env');
    assert.ok(environ.split('\n').includes('REGION=eu-1'));
    assert.ok(!environ.includes(OTHER) && !environ.includes('GEARSHIFT_SECRET_'), 'no GEARSHIFT_SECRET_* is inherited: the script gets what deploy.env names');
    const cmdline = file('cmdline.txt') ?? '';
    assert.match(cmdline, /switch-secret\.sh/);
    assert.ok(!cmdline.includes(VALUE), `argv holds the secret: ${cmdline}`);
    const text = output.join('');
    assert.match(text, /token is \*\*\*/);
    assert.ok(!text.includes(VALUE) && !text.includes(B64.slice(0, 12)), `unmasked output: ${text}`);
    assert.equal(f.liveSlot(), 'blue');
  });

  it('a failing switch: the message, the deploy record and deploy.json hold *** and never the value', async () => {
    await holds('blue', 'aaa1111');
    f.switchFails(true);
    const result = await sw({ secrets: secrets() });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.message.includes('cannot reach the balancer with ***'), result.ok ? '' : result.message);
    assert.ok(!result.ok && !result.message.includes(VALUE) && !result.output.includes(VALUE));
    const json = fs.readFileSync(path.join(f.stateDir, 'deploy.json'), 'utf8');
    assert.ok(json.includes('***') && !json.includes(VALUE), 'deploy.json is masked');
  });

  it('a secret not set refuses the switch before anything happens: no script, no record, live unchanged', async () => {
    await holds('blue', 'aaa1111');
    const before = (await f.store.read()).state;
    const result = await sw({ secrets: ResolvedSecrets.none, lock: f.lock });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(result.missingSecrets, ['LB_TOKEN']);
    assert.match(result.message, /secret not set: LB_TOKEN .*the switch script did not run and nothing changed/);
    assert.equal(file('cmdline.txt'), undefined, 'the script never ran');
    assert.deepEqual((await f.store.read()).state, before);
    assert.equal(await f.lock.holder(), undefined);
  });

  it('rollback without the secret refuses, says what to set and that nothing was changed', async () => {
    await holds('blue', 'aaa1111');
    await holds('green', 'bbb2222');
    await f.store.update((s) => { s.live = 'green'; s.previous = 'blue'; });
    const result = await rollback({ root: f.dir, config, store: f.store, lock: f.lock, runId: 'rb', killGraceMs: 300, secrets: ResolvedSecrets.none });
    assert.equal(result.kind, 'refused');
    assert.ok(result.kind === 'refused');
    assert.deepEqual([result.missingSecrets, result.live], [['LB_TOKEN'], 'green']);
    assert.equal(result.message, 'cannot roll back: secret not set: LB_TOKEN, which the switch script\'s env (deploy.env) needs; set it with Gearshift: Set Secret… (CLI: GEARSHIFT_SECRET_LB_TOKEN), then roll back again. The switch script did not run and nothing was changed: green is still live');
    assert.equal(file('cmdline.txt'), undefined);
    assert.equal((await f.store.read()).state.live, 'green');
  });

  it('rollback with the secret switches back, masked', async () => {
    await holds('blue', 'aaa1111');
    await holds('green', 'bbb2222');
    await f.store.update((s) => { s.live = 'green'; s.previous = 'blue'; });
    const output: string[] = [];
    const result = await rollback({ root: f.dir, config, store: f.store, runId: 'rb', killGraceMs: 300, secrets: secrets(), onOutput: (_s, c) => output.push(c) });
    assert.equal(result.kind, 'switched');
    assert.equal(f.liveSlot(), 'blue');
    assert.ok(output.join('').includes('token is ***') && !output.join('').includes(VALUE));
  });

  describe('automatic rollback that cannot resolve the secret', () => {
    function watching(): MonitorConfig {
      return monitorConfig([httpProbe(f.url('proxy'), { requests: 3, timeoutMs: 1000 })], { intervalMs: 200, windowMs: 600, baselineMs: 0, autoRollback: true });
    }

    it('does not promise a rollback: the alert says why, the outcome (history) says what to set and that nothing changed', async () => {
      await holds('blue', 'aaa1111aaa');
      await f.store.update((s) => { s.live = 'blue'; });
      f.setRelease('blue', '200');
      f.nextRelease('500');
      // The values a run resolved before it started; the entry disappears once the switch is done
      // (simulated: in a run both use the same resolution, so this is the defence, not a common path).
      const values = new Map([['LB_TOKEN', VALUE]]);
      const d = new ProductionDeploy({
        root: f.dir, sha: 'bad2222bad', runStages: f.runStages(f.pipeline(), 'bad2222bad'), store: f.store, lock: f.lock,
        deploy: config, monitor: watching(), secrets: new ResolvedSecrets(values), killGraceMs: 500,
      });
      const events: DeployEvent[] = [];
      d.onEvent((e) => { events.push(e); if (e.type === 'slotSwitched') { values.delete('LB_TOKEN'); } });
      const outcome = await withDeadline(d.run(), 20_000, 'the deploy did not end');
      assert.equal(outcome.result, 'alert');
      const alert = events.find((e): e is Extract<DeployEvent, { type: 'alert' }> => e.type === 'alert');
      assert.equal(alert?.autoRollback, false, 'the webhook must not say "rolling back automatically"');
      assert.match(alert?.result.message ?? '', /; automatic rollback cannot run: secret not set: LB_TOKEN \(deploy\.env\)$/);
      assert.match(outcome.message, /automatic rollback did not happen: cannot roll back: secret not set: LB_TOKEN.*GEARSHIFT_SECRET_LB_TOKEN.*nothing was changed: green is still live$/);
      assert.equal(outcome.rollback?.kind, 'refused');
      assert.equal(f.liveSlot(), 'green');
      assert.ok(!JSON.stringify(events).includes(VALUE), 'no event carries the value');
    });
  });
});

describe('deploy: the switch script\'s environment', () => {
  it('leaves out a git hook\'s GIT_DIR and GIT_INDEX_FILE: the script finds its repository from its cwd (security34 M1)', () => {
    const config: DeployConfig = { strategy: 'blue-green', slots: ['blue', 'green'], switch: './switch.sh', env: { REGION: 'eu-1' } };
    const env = switchProcessEnv({ PATH: '/bin', GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: '.git/index', GIT_AUTHOR_NAME: 'Ada' }, config, undefined);
    assert.deepEqual(env, { PATH: '/bin', GIT_AUTHOR_NAME: 'Ada', REGION: 'eu-1' });
  });
});
