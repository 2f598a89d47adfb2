import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord } from '../../../src/core/pipeline';
import { healthyButRedText, redNowIn, slotChangeRedGreenText } from '../../../src/core/redgreen';

const base = { branch: 'main', trigger: 'manual', startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:01:00Z' };
const green = { ...base, id: 'green-1', sha: 'a'.repeat(40), state: 'green', stages: [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 1 }, { name: 'Deploy Prod', state: 'passed', exitCode: 0, durationMs: 1 }] } as RunRecord;
const alerted = { ...base, id: 'alerted-1', sha: 'b'.repeat(40), state: 'red', alert: true, startedAt: '2026-12-06T11:10:00Z', endedAt: '2026-12-06T11:11:00Z', stages: green.stages } as unknown as RunRecord;
const unitFailed = { ...base, id: 'unit-1', sha: 'c'.repeat(40), state: 'red', startedAt: '2026-12-06T11:10:00Z', endedAt: '2026-12-06T11:11:00Z', stages: [{ name: 'Unit Tests', state: 'failed', exitCode: 1, durationMs: 1 }, { name: 'Deploy Prod', state: 'skipped', exitCode: null, durationMs: 0 }] } as RunRecord;
const NOW = Date.parse('2026-12-06T11:16:00Z');

/** The red read off a real history file holding `runs` (oldest first), as the editor's commands read it. */
async function redAfter(runs: RunRecord[]): Promise<Awaited<ReturnType<typeof redNowIn>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-prodwords-'));
  try {
    const store = new HistoryStore(path.join(dir, 'history.jsonl'));
    for (const r of runs) { await store.recordStart(r); await store.recordEnd(r); }
    return await redNowIn(store);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('redgreen: what a look at production or a slot change did to red/green (walkedit33 M1)', () => {
  it('Monitor Production Now with no alarm while red from monitoring: healthy now, still red (why), and what turns it green', async () => {
    const text = healthyButRedText(await redAfter([green, alerted]));
    assert.equal(text, 'Production is healthy now, but the pipeline stays red: a production alert in run alerted- (bbbbbbbb). Monitoring on its own ends no red: a new run of the pipeline that passes turns it green.');
  });

  it('a stage red: the stage that must pass', async () => {
    assert.match(healthyButRedText(await redAfter([green, unitFailed])) ?? '', /stays red: Unit Tests failed in run unit-1 \(cccccccc\)\. Monitoring on its own ends no red: a run that passes Unit Tests turns it green\.$/);
  });

  it('green: nothing to add', async () => {
    assert.equal(healthyButRedText(await redAfter([green])), undefined);
  });

  it('a rollback that ended the red: green again, how long, what it ended; one toast says both', async () => {
    const text = slotChangeRedGreenText('rollback', await redAfter([green, alerted]), undefined, NOW);
    assert.equal(text, 'The pipeline is green again after 5m: the rollback ended the red (a production alert in run alerted- (bbbbbbbb)). Newer commits are not live until one deploys.');
  });

  it('a rollback that left a stage red: still red, why, and what ends it', async () => {
    const red = await redAfter([green, unitFailed]);
    assert.equal(slotChangeRedGreenText('rollback', red, red, NOW), 'The pipeline is still red: Unit Tests failed in run unit-1 (cccccccc); a run that passes Unit Tests turns it green.');
  });

  it('green before and after: nothing to add', () => {
    assert.equal(slotChangeRedGreenText('switch', undefined, undefined, NOW), undefined);
  });
});
