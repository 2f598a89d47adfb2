import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import {
  compactRuns, computeGauge, deployTimeline, FUTURE_SKEW_MS, gaugeRunFacts, keepGauge, keptResume, pipelineKey, productionDeploys, readKeptGauge,
  resumableRunFacts, revertsKey, type GaugeRunFacts, type KeptGauge,
} from '../../../src/core/gears';
import { readAligned, writeAligned } from '../../../src/core/gears/alignedColumns';
import { runTime } from '../../../src/core/gears/compact';
import { medianPipelineMs, recentPipelineDurations, stageDurations } from '../../../src/core/gears/durations';
import { decodeDeploys, decodeTimeline, encodeDeploys, encodeTimeline } from '../../../src/core/gears/factsCodec';
import { runsSince, windowPipelineMs, windowStageDurations } from '../../../src/core/gears/gaugeFacts';
import type { RevertFact } from '../../../src/core/gears/deployOutcomes';
import { historyFingerprint } from '../../../src/core/history';
import { foldHistory } from '../../../src/core/redgreen';
import type { Pipeline } from '../../../src/core/config/types';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { DAY, HOUR, MINUTE, NOW, SIMPLE, pipeline, stage } from './helpers';

import { runsOf } from './randomRuns';

const NO_STAGES = pipeline([]);
const PIPELINES: [string, Pipeline][] = [
  ['SIMPLE', SIMPLE],
  ['a 3-day window, a repeated stage name', { ...pipeline([stage('Lint'), stage('Deploy to Production', { environment: 'production' }), stage('Lint')]), gears: { ...SIMPLE.gears, windowMs: 3 * DAY } }],
  ['no stages (names in the order the window shows them)', NO_STAGES],
];

describe('gauge facts: the window from columns, and a gauge kept at one clock answering at later ones', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-gauge-facts-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, p] of PIPELINES) {
    it(`columns answer as the record functions do over the window, for any window start: ${name}`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const runs = runsOf(seed, 400, seed % 2 === 0);
        const latest = NOW + FUTURE_SKEW_MS;
        const counted = compactRuns(runs).filter((r) => runTime(r) <= latest);
        const facts = gaugeRunFacts(runs, p, { latest, redSpans: true });
        assert.strictEqual(facts.future, seed % 2 === 0 ? 1 : 0);
        assert.deepStrictEqual(facts.historyDeploys, productionDeploys(counted, p));
        assert.deepStrictEqual(facts.timeline, deployTimeline(counted, p));
        assert.deepStrictEqual(facts.recentPipelineMs, recentPipelineDurations(counted));
        const onARun = counted.filter((_, k) => k % 7 === 3).map(runTime); // a window that starts exactly at a run includes it
        for (const windowStart of [-Infinity, NOW - 400 * DAY, NOW - 30 * DAY, NOW - 3 * DAY, NOW - HOUR, NOW + 1, ...onARun]) {
          const inWindow = counted.filter((r) => runTime(r) >= windowStart);
          assert.deepStrictEqual(windowStageDurations(facts, windowStart, p), stageDurations(inWindow, p), `seed ${seed}, from ${windowStart}`);
          assert.strictEqual(windowPipelineMs(facts, windowStart), medianPipelineMs(inWindow));
          assert.strictEqual(runsSince(facts, windowStart), inWindow.length);
        }
      }
    });
  }

  it('kept in the file and read back at later clocks: the gauge a computation from the runs gives', async () => {
    const history = path.join(dir, 'history.jsonl');
    fs.writeFileSync(history, 'a line\n');
    const fingerprint = await historyFingerprint(history);
    assert.ok(fingerprint);
    for (const [name, p] of PIPELINES.slice(0, 2)) {
      for (const seed of [7, 9]) {
        const runs = runsOf(seed, 600, false);
        const records = runs.filter((r): r is RunRecord => typeof r === 'object' && r !== null && typeof (r as RunRecord).stages === 'object') as RunRecord[];
        const deployed = productionDeploys(compactRuns(runs), p);
        const reverts: RevertFact[] = deployed.slice(-40, -30).map((d) => ({ sha: `r${d.sha}`, revertedSha: d.sha, deploySha: d.sha, revertedDeployed: true }));
        // The window's durations kept sorted, as the CLI keeps them (windowDurations.ts).
        const { facts, resume } = resumableRunFacts(runs, p, { latest: NOW + FUTURE_SKEW_MS, reverts, windowFrom: NOW - p.gears.windowMs });
        assert.ok(facts.durations && facts.durations.pipelineMs.length > 0);
        const fold = foldHistory([...records].reverse(), '', NOW);
        const kept: KeptGauge = { facts, newest: records[records.length - 1], fold, reverts: revertsKey(reverts), resume: keptResume(records, resume) };
        await keepGauge(history, fingerprint, pipelineKey(p), NOW, kept);
        for (const later of [0, MINUTE, 3 * HOUR, 10 * DAY, 200 * DAY]) {
          const read = await readKeptGauge(history, fingerprint, pipelineKey(p), NOW + later);
          assert.ok(read && 'kept' in read, `${name}: kept`);
          assert.deepStrictEqual(read.kept, kept, 'kept as it was given');
          // Read as views on the bytes read (alignedColumns.ts), not copied: the copy was the larger part of a 200k-run read.
          const columns = [read.kept.facts.runAt, read.kept.facts.pipelineMs, read.kept.facts.stageMs, read.kept.facts.stageOf, read.kept.resume.ids];
          assert.ok(columns.every((c) => c.buffer === columns[0].buffer && c.buffer.byteLength > c.byteLength), 'columns are views on the bytes read');
          assert.strictEqual(read.kept.reverts, revertsKey(reverts));
          const spans = [{ since: NOW - 20 * DAY, until: NOW - 19 * DAY }, { since: NOW - HOUR, until: null }];
          const fromRuns = computeGauge({ now: NOW + later, pipeline: p, runs, reverts, redPeriods: spans });
          const fromKept = computeGauge({ now: NOW + later, pipeline: p, runs: [], facts: read.kept.facts, reverts, redPeriods: spans });
          assert.deepStrictEqual(fromKept, fromRuns, `${name}, seed ${seed}, ${later} ms later`);
        }
      }
    }
  });

  it('the codec gives back any ids and shas (empty, a newline, NUL, astral) and every outcome field', () => {
    const deploys = [
      { at: 1, sha: '', source: 'history' as const, runId: '' },
      { at: 2, sha: 'a\nb', source: 'history' as const, runId: 'x\u0000y' },
      { at: 3, sha: '😀'.repeat(3), source: 'tag' as const },
    ];
    assert.deepStrictEqual(decodeDeploys(v8.deserialize(v8.serialize(encodeDeploys(deploys)))), deploys);
    const runs = runsOf(11, 300, false);
    const timeline = deployTimeline(compactRuns(runs), SIMPLE, [{ sha: 'r', revertedSha: 'x', deploySha: productionDeploys(runs, SIMPLE)[3].sha, revertedDeployed: true }]);
    assert.ok(timeline.outcomes.some((o) => o.failedBy) && timeline.outcomes.some((o) => o.reworkBy) && timeline.recoveries.length > 0);
    assert.deepStrictEqual(decodeTimeline(v8.deserialize(v8.serialize(encodeTimeline(timeline)))), timeline);
  });

  it('a miss for other history bytes, another pipeline, an earlier clock or a damaged file; facts with a run in the future are not kept', async () => {
    const history = path.join(dir, 'misses.jsonl');
    fs.writeFileSync(history, 'one\n');
    const fingerprint = await historyFingerprint(history);
    assert.ok(fingerprint);
    const runs = runsOf(5, 200, false);
    const made = resumableRunFacts(runs, SIMPLE, { latest: NOW, windowFrom: NOW - 90 * DAY });
    const kept: KeptGauge = { facts: made.facts, newest: null, fold: { current: undefined, recoveries: [] }, reverts: '', resume: keptResume([], made.resume) };
    const key = pipelineKey(SIMPLE);
    await keepGauge(history, fingerprint, key, NOW, kept);
    const factsFile = path.join(dir, 'gauge-facts.v8');
    const good = fs.readFileSync(factsFile);
    assert.ok(await readKeptGauge(history, fingerprint, key, NOW));
    await keepGauge(history, fingerprint, key, NOW);
    assert.deepStrictEqual(await readKeptGauge(history, fingerprint, key, NOW), { seen: true }, 'only seen: no gauge kept');
    assert.ok(fs.statSync(factsFile).size < 8192, 'a header alone');
    fs.writeFileSync(factsFile, good);
    assert.strictEqual(await readKeptGauge(history, fingerprint, key, NOW - 1), undefined, 'an earlier clock');
    assert.strictEqual(await readKeptGauge(history, fingerprint, pipelineKey({ ...SIMPLE, trigger: 'commit' }), NOW), undefined, 'another pipeline');
    fs.appendFileSync(history, 'two\n');
    const grown = await historyFingerprint(history);
    assert.ok(grown);
    const after = await readKeptGauge(history, grown, key, NOW);
    assert.ok(after && 'grown' in after && !('kept' in after), 'an appended line: grown, for the caller to fold into, never kept as it is');
    assert.deepStrictEqual(after.since, fingerprint);
    assert.strictEqual(await readKeptGauge(history, { ...grown, ino: `${grown.ino}1` }, key, NOW), undefined, 'another file, longer: not grown');
    assert.strictEqual(await readKeptGauge(history, { ...grown, dev: `${grown.dev}1` }, key, NOW), undefined, 'another device, longer: not grown');
    fs.writeFileSync(history, 'uno\n'); // same size, same inode, other bytes
    assert.strictEqual(await readKeptGauge(history, (await historyFingerprint(history))!, key, NOW), undefined, 'rewritten');
    fs.writeFileSync(history, 'one\n');
    // Kept again for these bytes (a rewrite moves the ctime the fingerprint holds): else every damage below would be a miss for that alone.
    const current = await historyFingerprint(history);
    assert.ok(current);
    await keepGauge(history, current, key, NOW, kept);
    const intact = fs.readFileSync(factsFile);
    assert.ok(kept.facts.timeline.outcomes.length > 2 && kept.facts.historyDeploys.length > 2, 'deploys and outcomes to damage');
    assert.ok(await readKeptGauge(history, current, key, NOW), 'the intact file answers');
    const stored = splitKept(intact);
    const plainBody = v8.serialize(readAligned(v8, Buffer.from(stored.body)));
    const damages: [string, Buffer][] = [
      ['truncated', good.subarray(0, good.length >> 1)],
      ['random bytes', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
      ['a gauge cut short', good.subarray(0, good.length - 100)],
      ['a header that says more than the file holds', joinKept({ ...stored.header, body: stored.header.body + 10 }, stored.body)],
      ['a header cut short', good.subarray(0, 40)],
      ['a stage index past the names', damaged(stored, (f) => { f.stageOf[0] = 99; })],
      ['stage offsets out of order', damaged(stored, (f) => { f.stageStart[3] = f.stageStart[4] + 1; })],
      ['texts shorter than their ends', damaged(stored, (f) => { f.deploys.sha.ends[0] += 1_000_000; })],
      ['columns of other lengths', damaged(stored, (f) => { (f as { runAt: Float64Array }).runAt = f.runAt.subarray(1); })],
      // Checked while decoding (factsCodec.ts), not in a pass of their own: each must still refuse.
      ['an outcome kind past the words', damaged(stored, (f) => { f.timeline.kind[f.timeline.kind.length - 1] = f.timeline.words.length; })],
      ['a rework mark past the words', damaged(stored, (f) => { f.timeline.reworkBy[0] = 200; })],
      ['an outcome blamed on a word past the words', damaged(stored, (f) => { f.timeline.failedBy[1] = f.timeline.words.length; })],
      ['timeline texts whose ends go back', damaged(stored, (f) => { f.timeline.runId.ends[1] = f.timeline.runId.ends[0] - 1; })],
      ['a timeline text column of another length', damaged(stored, (f) => { f.timeline.sha.ends = f.timeline.sha.ends.subarray(1); })],
      ['deploy ids longer than their text', damaged(stored, (f) => { f.deploys.runId.ends[f.deploys.runId.ends.length - 1] += 1; })],
      ['deploy sources of another length', damaged(stored, (f) => { f.deploys.source = f.deploys.source.subarray(1); })],
      ['sorted stage durations for fewer stages than named', damaged(stored, (f) => { (f.durations!.stageMs as Float64Array[]).pop(); })],
      ['more sorted pipeline durations than runs', damaged(stored, (f) => { (f.durations as { pipelineMs: Float64Array }).pipelineMs = new Float64Array(f.runAt.length + 1); })],
      ['more sorted stage durations than stages run', damaged(stored, (f) => { (f.durations!.stageMs as Float64Array[])[0] = new Float64Array(f.stageOf.length + 1); })],
      ['more runs in the sorted durations than runs', damaged(stored, (f) => { (f.durations as { runs: number }).runs = f.runAt.length + 1; })],
      ['sorted durations that are not numbers', damaged(stored, (f) => { (f.durations!.stageMs as unknown[])[0] = [1, 2]; })],
      // An older format is made again, never read as this one (gauge-facts.v8's VERSION).
      ['a file of version 3 (no sorted durations)', joinKept({ ...stored.header, version: 3 }, stored.body)],
      // Version 4's gauge is plain v8 bytes: read as this one's, its typed arrays would come from the wrong place.
      ['a file of the previous version (4, columns inside the v8 stream)', joinKept({ ...stored.header, version: 4, body: plainBody.length }, plainBody)],
      ['a column past the end of the gauge', joinKept({ ...stored.header, body: stored.body.length - 8 }, stored.body.subarray(0, stored.body.length - 8))],
      ['a stream length past the gauge', joinKept(stored.header, withStreamLength(stored.body, stored.body.length))],
    ];
    fs.writeFileSync(factsFile, damaged(stored, () => undefined));
    assert.ok(await readKeptGauge(history, current, key, NOW), 'written again unchanged (after every damage was made): answers');
    for (const [what, bytes] of damages) {
      fs.writeFileSync(factsFile, bytes);
      assert.strictEqual(await readKeptGauge(history, current, key, NOW), undefined, what);
    }
    fs.rmSync(factsFile);
    fs.mkdirSync(factsFile);
    assert.strictEqual(await readKeptGauge(history, current, key, NOW), undefined, 'a folder in its place');
    fs.rmdirSync(factsFile);
    await keepGauge(history, fingerprint, key, NOW, { ...kept, facts: gaugeRunFacts(runsOf(5, 200, true), SIMPLE, { latest: NOW + FUTURE_SKEW_MS }) });
    assert.strictEqual(fs.existsSync(factsFile), false, 'a run in the future: a later clock would count it');
  });
});

interface Texts { text: string; ends: Uint32Array }
type StoredColumns = GaugeRunFacts & {
  deploys: { sha: Texts; runId: Texts; source: Uint8Array };
  timeline: { kind: Uint8Array; failedBy: Uint8Array; reworkBy: Uint8Array; words: string[]; runId: Texts; sha: Texts };
};

/** gauge-facts.v8's parts: a 4-byte header length, the header, the gauge (gaugeFactsCache.ts). */
function splitKept(file: Buffer): { header: { body: number } & Record<string, unknown>; body: Buffer } {
  const length = file.readUInt32LE(0);
  return { header: v8.deserialize(file.subarray(4, 4 + length)), body: file.subarray(4 + length) };
}

function withStreamLength(body: Buffer, length: number): Buffer {
  const copy = Buffer.from(body);
  copy.writeUInt32LE(length, 0);
  return copy;
}

function joinKept(header: object, body: Buffer): Buffer {
  const bytes = v8.serialize(header);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  return Buffer.concat([length, bytes, body]);
}

/** The stored file with one part of its gauge changed: still valid v8, the shape a reader must not trust. */
function damaged(stored: ReturnType<typeof splitKept>, change: (facts: StoredColumns) => void): Buffer {
  // A copy: v8.deserialize gives typed arrays that are views of the bytes it was given, so a change
  // made in place would stay in `stored` and every later case would also carry it.
  const gauge = readAligned(v8, Buffer.from(stored.body)) as { facts: StoredColumns };
  change(gauge.facts);
  const body = writeAligned(v8, gauge);
  return joinKept({ ...stored.header, body: body.length }, body);
}
