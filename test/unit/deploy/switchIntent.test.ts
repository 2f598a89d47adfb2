/**
 * The switch intent in deploy.json (stateModel `switching`): written before the switch script,
 * cleared with the outcome; read back by the store and by decisionStateIn (status, the editor)
 * as "the live slot is unknown" only while no live run owns it; damaged, the file is corrupt
 * (a short reason, its text kept, never written over); under the lock a standing intent refuses
 * a switch unless a person named the slot.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { decisionStateIn } from '../../../src/core/deploy/deployFiles';
import { DeployLock, stoppedDeployNotice, switchTo, WINDOW_CLOSED_REASON, type SwitchIntent } from '../../../src/core/deploy';
import type { RunRecord } from '../../../src/core/pipeline';
import { BlueGreenFixture } from './fixture';
import { TempDirs } from './helpers';

describe('deploy: the switch intent in deploy.json', () => {
  const temp = new TempDirs();
  let f: BlueGreenFixture;
  beforeEach(async () => { f = await BlueGreenFixture.create(temp.make()); });
  afterEach(async () => {
    await f.close();
    temp.cleanup();
  });

  const intent: SwitchIntent = { to: 'blue', from: 'green', sha: 'a'.repeat(40), runId: 'run-killed', kind: 'deploy', startedAt: '2026-12-05T17:00:00.000Z' };

  async function twoReleases(): Promise<void> {
    await f.store.update((s) => {
      s.slots.blue = { sha: 'a'.repeat(40), deployedAt: '2026-12-05T16:00:00.000Z', runId: 'run-a' };
      s.slots.green = { sha: 'b'.repeat(40), deployedAt: '2026-12-05T15:00:00.000Z', runId: 'run-b' };
      s.live = 'green';
      s.previous = 'blue';
    });
  }

  it('round trip: written, read back whole, unknown live slot only with no live owner', async () => {
    await twoReleases();
    await f.store.update((s) => { s.switching = { ...intent }; });
    const read = await f.store.read();
    assert.deepEqual([read.state.switching, read.problems, read.corrupt], [intent, [], undefined]);
    const unknown = await decisionStateIn(f.store.dir);
    assert.equal(unknown.liveUnknown?.message, `the switch to blue (aaaaaaaa) by a production deploy was interrupted: which slot is live is unknown; check which slot serves traffic, then \`gearshift switch --to blue\` or \`gearshift switch --to green\` (it runs the switch script for that slot and records it as live)`);
    // Its run holds the deploy lock (alive, this process): a switch under way, not an interrupted one.
    const held = await new DeployLock(f.store.dir).acquire('deploy', 'run-killed');
    assert.ok(held.ok);
    assert.equal((await decisionStateIn(f.store.dir)).liveUnknown, undefined);
    await held.release();
  });

  it('a damaged intent: deploy.json reads as corrupt with a short reason, its text kept, nothing written over it', async () => {
    await twoReleases();
    const good = JSON.parse(fs.readFileSync(f.store.file, 'utf8')) as Record<string, unknown>;
    const text = JSON.stringify({ ...good, switching: { to: 'blue', runId: 7 } });
    fs.writeFileSync(f.store.file, text);
    const read = await f.store.read();
    assert.match(read.corrupt ?? '', /deploy\.json is corrupt \(switching: unreadable \(a switch was under way when it was written\)\), so the live slot and the rollback target are unknown/);
    await assert.rejects(f.store.update((s) => { s.live = 'blue'; }), /not written: .*switching: unreadable/);
    const sw = await switchTo({ root: f.dir, config: f.config, store: f.store, slot: 'blue', kind: 'switch', runId: 'r1', killGraceMs: 300 });
    assert.ok(!sw.ok && /^not switching: .*switching: unreadable/.test(sw.message), sw.ok ? '' : sw.message);
    assert.equal(fs.readFileSync(f.store.file, 'utf8'), text, 'the file is as it was');
    assert.equal(fs.readFileSync(`${f.store.file}.corrupt`, 'utf8'), text, 'its text is kept beside it');
  });

  it('under the lock a standing intent refuses a switch; a switch to a named slot runs, records it and clears the intent', async () => {
    await twoReleases();
    await f.store.update((s) => { s.switching = { ...intent }; });
    const base = { root: f.dir, config: f.config, store: f.store, kind: 'switch' as const, runId: 'r-switch', killGraceMs: 300 };
    const refused = await switchTo({ ...base, slot: 'blue' });
    assert.ok(!refused.ok && refused.message.startsWith('not switching: the switch to blue (aaaaaaaa) by a production deploy was interrupted: which slot is live is unknown'), refused.ok ? '' : refused.message);
    const named = await switchTo({ ...base, slot: 'blue', overInterrupted: true });
    assert.ok(named.ok, named.ok ? '' : named.message);
    const { state } = await f.store.read();
    assert.deepEqual([state.live, state.previous, state.switching], ['blue', 'green', undefined]);
    assert.equal(f.liveSlot(), 'blue');
  });

  // review23 M1: a timeout cleared the intent and said "green is still live" after the script had moved traffic.
  it('a switch script stopped by its time limit after moving traffic: the intent stays and the live slot reads as unknown', async () => {
    await twoReleases();
    fs.writeFileSync(`${f.dir}/switch.sh`, '#!/bin/sh\nprintf \'%s\\n\' "$GEARSHIFT_SLOT" > live-slot\necho "moved to $GEARSHIFT_SLOT"\nexec sleep 30\n', { mode: 0o755 });
    const base = { root: f.dir, config: f.config, store: f.store, kind: 'switch' as const, runId: 'r-timeout', killGraceMs: 300 };
    const stopped = await switchTo({ ...base, slot: 'blue', timeoutMs: 500 });
    assert.equal(f.liveSlot(), 'blue', 'the script did move traffic');
    assert.ok(!stopped.ok);
    assert.equal(stopped.liveUnknown, true);
    assert.match(stopped.message, /^switch to blue failed \(timed out after [^)]*\): the script was stopped part-way and may have moved traffic, so which slot is live is unknown; check which slot serves traffic/);
    const { state } = await f.store.read();
    assert.equal(state.switching?.to, 'blue', 'the intent stays');
    assert.equal(state.live, 'green', 'not claimed either way');
    const again = await switchTo({ ...base, runId: 'r-next', slot: 'blue' });
    assert.ok(!again.ok && /which slot is live is unknown/.test(again.message), 'a plain switch is refused until a person names the slot');
  });

  it('a window reload during the switch: the notice says the live slot is unknown', () => {
    const run = { id: 'r', sha: 'c'.repeat(40), branch: 'main', trigger: 'manual', startedAt: '', state: 'cancelled', stages: [], cancelReason: WINDOW_CLOSED_REASON, slot: 'blue', deploy: { result: 'cancelled', liveUnknown: true } } as unknown as RunRecord;
    assert.match(stoppedDeployNotice(run) ?? '', /while its switch to blue ran: the script may have moved traffic, so which slot is live is unknown/);
  });
});
