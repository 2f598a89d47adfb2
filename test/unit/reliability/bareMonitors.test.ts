import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanUpDeadRuns, recordBareMonitor } from '../../../src/core/engine';
import { HistoryStore } from '../../../src/core/history';
import { randomUuid } from '../../../src/core/ids';
import { deadPid, killGroups, markedGroup } from './procHelpers';
import { killMarked, markedProcesses, newMarker, waitForMarked } from './markers';

/**
 * A bare monitor's record (core/engine/ownedRecords.ts): the next clean-up kills what carries the
 * cookie of a monitor whose writer is dead, and trusts the record (data) with nothing else.
 * The real kill -9 is in test/system/reliability/orphanMonitorProbe.test.ts.
 */
describe('reliability: a bare monitor\'s record and the clean-up', () => {
  let dir: string;
  const markers: string[] = [];
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-monitors-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); for (const m of markers.splice(0)) { killMarked(m); } killGroups(); });
  const marker = (): string => { const m = newMarker(); markers.push(m); return m; };
  const monitors = (): string[] => fs.readdirSync(path.join(dir, 'monitors'));
  const cleanUp = (): ReturnType<typeof cleanUpDeadRuns> => cleanUpDeadRuns(new HistoryStore(path.join(dir, 'history.jsonl')), undefined, 500);
  /** A record as a monitor with writer `pid` left it. */
  const record = (id: string, over: object = {}): void => {
    fs.mkdirSync(path.join(dir, 'monitors'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'monitors', `${randomUuid()}.json`), JSON.stringify({ id, pid: deadPid(), start: '1', host: os.hostname(), startedAt: new Date().toISOString(), ...over }));
  };

  it('a dead writer\'s record: its probes (by cookie) are killed and the record goes; a live writer\'s is left alone', async () => {
    const dead = marker();
    const deadId = randomUuid();
    markedGroup(dead, { GEARSHIFT_RUN_ID: deadId });
    const live = marker();
    const liveId = randomUuid();
    markedGroup(live, { GEARSHIFT_RUN_ID: liveId });
    await waitForMarked(dead, (n) => n >= 2);
    await waitForMarked(live, (n) => n >= 2);
    record(deadId);
    const forget = await recordBareMonitor(dir, liveId); // this process: alive
    const report = await cleanUp();
    assert.ok(report.killed >= 2, JSON.stringify(report));
    assert.deepEqual(await waitForMarked(dead, (n) => n === 0), []);
    assert.ok(markedProcesses(live).length >= 2, 'a live monitor\'s probe was killed');
    assert.deepEqual(monitors(), [`${liveId}.json`]);
    await forget();
    assert.deepEqual(monitors(), []);
  });

  it('another host\'s record is kept and signals nothing; a record whose cookie is no UUID signals nothing and goes', async () => {
    const m = marker();
    markedGroup(m, { GEARSHIFT_RUN_ID: 'x' });
    const eight = marker();
    markedGroup(eight, { GEARSHIFT_RUN_ID: 'abcdef12' });
    await waitForMarked(eight, (n) => n >= 2);
    await waitForMarked(m, (n) => n >= 2);
    const far = randomUuid();
    record(far, { host: `${os.hostname()}-other` });
    record('x');
    record('');
    record('abcdef12'); // hex, but no run id core/ids makes (security39 F3): matched against nobody's environment
    record('--------');
    assert.equal((await cleanUp()).killed, 0);
    assert.ok(markedProcesses(m).length >= 2);
    assert.ok(markedProcesses(eight).length >= 2, 'a record whose cookie is no run id killed a process');
    assert.equal(monitors().length, 1, 'only the other host\'s record is kept');
  });
});
