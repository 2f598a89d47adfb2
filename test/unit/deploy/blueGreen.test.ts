import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addRecord, emptyState, idleSlot, makeRecord, NOTHING_TO_ROLL_BACK, planRollback, rollback, slotEnv, switchTo, type DeployState,
} from '../../../src/core/deploy';
import { BlueGreenFixture, type Slot } from './fixture';
import { TempDirs } from './helpers';

describe('deploy/blueGreen: slots, switch and rollback', () => {
  const temp = new TempDirs();
  let f: BlueGreenFixture;
  beforeEach(async () => { f = await BlueGreenFixture.create(temp.make()); });
  afterEach(async () => {
    await f.close();
    temp.cleanup();
  });

  /** As a finished production deploy leaves it: the slot holds `sha` (then switch makes it live). */
  async function deployed(slot: Slot, sha: string): Promise<void> {
    await f.store.update((s) => { s.slots[slot] = { sha, deployedAt: new Date().toISOString(), runId: `run-${sha}` }; });
  }

  function sw(slot: string, extra: Partial<Parameters<typeof switchTo>[0]> = {}): ReturnType<typeof switchTo> {
    return switchTo({ root: f.dir, config: f.config, store: f.store, slot, kind: 'switch', runId: 'r-switch', killGraceMs: 300, ...extra });
  }

  it('the idle slot is the one not live (the first slot before any switch); production stages get it as GEARSHIFT_SLOT', () => {
    const state = (live?: string): DeployState => ({ ...emptyState(), ...(live ? { live } : {}) });
    assert.equal(idleSlot(state(), f.config), 'blue');
    assert.equal(idleSlot(state('blue'), f.config), 'green');
    assert.equal(idleSlot(state('green'), f.config), 'blue');
    assert.equal(idleSlot(state('purple'), f.config), 'blue', 'a live slot no longer configured counts as none');
    assert.deepEqual(slotEnv('green'), { GEARSHIFT_SLOT: 'green' });
  });

  it('switchTo runs the switch script with the slot in the env, then records live and previous', async () => {
    await deployed('blue', 'aaa1111');
    await deployed('green', 'bbb2222');
    const first = await sw('blue');
    assert.ok(first.ok);
    assert.equal(first.previous, undefined);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });

    const second = await sw('green', { approvedBy: 'dana' });
    assert.ok(second.ok, second.ok ? '' : second.message);
    assert.equal(second.live, 'green');
    assert.equal(second.previous, 'blue');
    assert.equal(second.sha, 'bbb2222', 'GEARSHIFT_SHA defaults to what the slot holds');
    assert.equal(f.liveSlot(), 'green');
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'green' });
    const { state } = await f.store.read();
    assert.equal(state.live, 'green');
    assert.equal(state.previous, 'blue');
    const last = state.records.at(-1);
    assert.deepEqual([last?.kind, last?.environment, last?.slot, last?.sha, last?.result, last?.approvedBy], ['switch', 'production', 'green', 'bbb2222', 'ok', 'dana']);
  });

  it('with what it was planned on (expect), switchTo runs the script only while deploy.json still says so: a deploy that failed into the target since refuses it', async () => {
    await deployed('blue', 'aaa1111');
    await deployed('green', 'bbb2222');
    assert.ok((await sw('blue')).ok);
    const planned = { to: 'green', sha: 'bbb2222', live: 'blue' };
    // Between the plan and the lock, another process deployed into green and failed there.
    await f.store.update((s) => { s.slots.green = { sha: 'ccc3333', deployedAt: new Date().toISOString(), runId: 'run-ccc', status: 'failed' }; });
    const records = (await f.store.read()).state.records.length;
    const refused = await sw('green', { expect: planned });
    assert.ok(!refused.ok);
    assert.equal(refused.message, 'not switching: production changed since the switch was planned (green, bbb2222): blue is live (aaa1111) now and green holds ccc3333 (failed); nothing was switched');
    assert.deepEqual([f.liveSlot(), (await f.store.read()).state.live], ['blue', 'blue'], 'the script did not run');
    assert.equal((await f.store.read()).state.records.length, records, 'nothing recorded');
    await deployed('green', 'bbb2222');
    assert.ok((await sw('green', { expect: planned })).ok, 'the state it was planned on: switched');
    assert.equal(f.liveSlot(), 'green');
  });

  it('passes slot, sha and the old live slot only as env vars, never spliced into the command', async () => {
    const evil = 'b$(touch pwned)`touch pwned2`';
    const config = { ...f.config, slots: [evil, 'green'] as const, switch: 'printf "%s|%s|%s|%s" "$GEARSHIFT_SLOT" "$GEARSHIFT_SHA" "$GEARSHIFT_LIVE_SLOT" "$GEARSHIFT_ENVIRONMENT" > got' };
    await f.store.update((s) => { s.live = 'green'; });
    const result = await switchTo({ root: f.dir, config, store: f.store, slot: evil, kind: 'switch', runId: 'r', sha: "it's; rm -rf /", env: { PATH: process.env.PATH } });
    assert.ok(result.ok);
    assert.equal(fs.readFileSync(path.join(f.dir, 'got'), 'utf8'), `${evil}|it's; rm -rf /|green|production`);
    assert.ok(!fs.existsSync(path.join(f.dir, 'pwned')) && !fs.existsSync(path.join(f.dir, 'pwned2')));
  });

  it('a failing switch script leaves the live slot unchanged, with the exit code and its last lines', async () => {
    await deployed('blue', 'aaa1111');
    assert.ok((await sw('blue')).ok);
    f.switchFails(true);
    const result = await sw('green');
    assert.ok(!result.ok);
    assert.equal(result.exitCode, 3);
    assert.equal(result.message, 'switch to green failed (exited with code 3); blue is still live\nswitching to green\nerror: load balancer unreachable');
    assert.equal((await f.store.read()).state.live, 'blue');
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await f.store.read()).state.records.at(-1)?.result, 'failed');
  });

  // Killed part-way, the script may have moved traffic (review23 M1): no slot is claimed live, the intent stays.
  it('a switch script that hangs is killed at its timeout; the live slot is then unknown, not claimed', async () => {
    const config = { ...f.config, switch: 'echo starting; sleep 30' };
    const started = Date.now();
    const result = await switchTo({ root: f.dir, config, store: f.store, slot: 'blue', kind: 'switch', runId: 'r', timeoutMs: 300, killGraceMs: 300 });
    assert.ok(!result.ok);
    assert.match(result.message, /^switch to blue failed \(timed out after 300ms\): the script was stopped part-way and may have moved traffic, so which slot is live is unknown; [^\n]*\nstarting$/);
    assert.ok(Date.now() - started < 3000);
    const { state } = await f.store.read();
    assert.equal(state.live, undefined);
    assert.equal(state.switching?.to, 'blue');
  });

  it('refuses a slot that is not configured', async () => {
    const result = await sw('purple');
    assert.ok(!result.ok);
    assert.equal(result.message, 'unknown slot "purple": the configured slots are blue and green');
  });

  it('rollback with no earlier production deploy is refused with a clear message', async () => {
    const none = await rollback({ root: f.dir, config: f.config, store: f.store, runId: 'r', lock: f.lock });
    assert.deepEqual(none, { kind: 'refused', message: NOTHING_TO_ROLL_BACK });
    assert.equal(NOTHING_TO_ROLL_BACK, 'nothing to roll back to: no earlier production deploy is recorded');
    await deployed('blue', 'aaa1111');
    assert.ok((await sw('blue')).ok);
    const onlyOne = await rollback({ root: f.dir, config: f.config, store: f.store, runId: 'r', lock: f.lock });
    assert.deepEqual(onlyOne, { kind: 'refused', message: NOTHING_TO_ROLL_BACK });
    assert.equal(f.liveSlot(), 'blue');
  });

  it('rollback switches back to the previous slot at once (no rebuild) and records it as a rollback', async () => {
    await deployed('blue', 'aaa1111');
    assert.ok((await sw('blue')).ok);
    await deployed('green', 'bbb2222');
    assert.ok((await sw('green')).ok);
    f.setRelease('green', '500');
    const result = await rollback({ root: f.dir, config: f.config, store: f.store, runId: 'r-rb', lock: f.lock });
    assert.equal(result.kind, 'switched');
    assert.ok(result.kind === 'switched');
    assert.deepEqual([result.from, result.to, result.sha], ['green', 'blue', 'aaa1111']);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });
    const { state } = await f.store.read();
    assert.deepEqual([state.live, state.previous], ['blue', 'green']);
    const last = state.records.at(-1);
    assert.deepEqual([last?.kind, last?.slot, last?.sha, last?.result, last?.runId], ['rollback', 'blue', 'aaa1111', 'ok', 'r-rb']);
    assert.equal(await f.lock.holder(), undefined, 'the lock is released');
  });

  it('rollback is refused while another deploy holds the lock', async () => {
    const held = await f.lock.acquire('production deploy of ccc3333');
    assert.ok(held.ok);
    const result = await rollback({ root: f.dir, config: f.config, store: f.store, runId: 'r', lock: f.lock });
    assert.equal(result.kind, 'refused');
    assert.match(result.kind === 'refused' ? result.message : '', /^another deploy is in progress: production deploy of ccc3333/);
    await held.release();
  });

  it('rollback is refused when the previous slot was overwritten by a failed deploy, or holds a release that alerted', async () => {
    await deployed('blue', 'aaa1111');
    assert.ok((await sw('blue')).ok);
    await deployed('green', 'bbb2222');
    assert.ok((await sw('green')).ok);
    await f.store.update((s) => { s.slots.blue = { sha: 'ccc3333', deployedAt: 'x', runId: 'run-c', status: 'failed' }; });
    assert.deepEqual(planRollback((await f.store.read()).state, f.config), { kind: 'refused', message: 'nothing to roll back to: slot blue was overwritten by the deploy of ccc3333, which failed' });

    await deployed('blue', 'aaa1111');
    await f.store.update((s) => addRecord(s, makeRecord({ environment: 'production', sha: 'aaa1111', runId: 'run-aaa1111', kind: 'deploy', result: 'alert' })));
    const plan = planRollback((await f.store.read()).state, f.config);
    assert.equal(plan.kind, 'refused');
    assert.match(plan.kind === 'refused' ? plan.message : '', /slot blue holds aaa1111, which tripped monitoring/);
  });

  it('without blue/green, rollback is a plan: redeploy the previous good production sha', () => {
    const state = emptyState();
    assert.deepEqual(planRollback(state, undefined), { kind: 'refused', message: NOTHING_TO_ROLL_BACK });
    const add = (sha: string, result: 'ok' | 'failed' | 'alert', environment: 'production' | 'non-prod' = 'production'): void =>
      addRecord(state, makeRecord({ environment, sha, runId: `run-${sha}`, kind: 'deploy', result }));
    add('good111', 'ok');
    assert.deepEqual(planRollback(state, undefined), { kind: 'refused', message: NOTHING_TO_ROLL_BACK }, 'one deploy: nothing earlier');
    add('bad2222', 'alert');
    add('good333', 'ok');
    add('nonprod', 'ok', 'non-prod');
    add('broken4', 'failed');
    assert.deepEqual(planRollback(state, undefined), {
      kind: 'redeploy', sha: 'good333', runId: 'run-good333', message: 'redeploy good333 through the production stages', removes: { sha: 'broken4', runId: 'run-broken4' },
    });
  });
});
