/**
 * Folding appended runs into kept facts (gaugeFactsFold.ts, keptGaugeFold.ts) against making the
 * facts of the whole: random histories cut at random run boundaries into a prefix and several
 * appended parts, folded one after the other, must give the facts, the resume state, the red
 * fold and the gauge at several clocks that the whole gives; and every appended part the fold
 * refuses must be one it has to refuse (a run that does not sort after the kept ones, no time,
 * in the future).
 */
import * as assert from 'node:assert';
import {
  compactRuns, computeGauge, foldKeptGauge, FUTURE_SKEW_MS, keptResume, productionDeploys, resumableRunFacts, revertsKey,
  type GaugeRunFacts, type KeptGauge,
} from '../../../src/core/gears';
import { startTime } from '../../../src/core/gears/compact';
import type { RevertFact } from '../../../src/core/gears/deployOutcomes';
import type { FactsResume } from '../../../src/core/gears/gaugeFacts';
import { foldRunFacts } from '../../../src/core/gears/gaugeFactsFold';
import { idHash } from '../../../src/core/gears/keptGaugeFold';
import { foldHistory } from '../../../src/core/redgreen';
import type { Pipeline } from '../../../src/core/config/types';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { DAY, HOUR, MINUTE, NOW, SIMPLE, pipeline, stage } from './helpers';
import { inFileOrder, random, runsOf } from './randomRuns';

const LATEST = NOW + FUTURE_SKEW_MS;
const PIPELINES: [string, Pipeline][] = [
  ['SIMPLE', SIMPLE],
  ['a 3-day window, a repeated stage name', { ...pipeline([stage('Lint'), stage('Deploy to Production', { environment: 'production' }), stage('Lint')]), gears: { ...SIMPLE.gears, windowMs: 3 * DAY } }],
  ['no stages', pipeline([])],
];

/** Newest first, as a reader gives them (the CLI compacts the runs in this order). */
const newestFirst = (runs: readonly unknown[]): unknown[] => [...runs].reverse();
const isRecord = (r: unknown): r is RunRecord => typeof r === 'object' && r !== null && Array.isArray((r as RunRecord).stages) && typeof (r as RunRecord).id === 'string';

/** Random cut points, first to last, strictly inside (0, n]. */
function cuts(next: () => number, n: number): number[] {
  const out = new Set<number>([n]);
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) { out.add(1 + Math.floor(next() * (n - 1))); }
  if (next() < 0.3) { out.add(n - 1); } // one run appended
  return [...out].sort((a, b) => a - b);
}

/** Why folding `part` after `before` has to be refused, or undefined when it must fold. */
function mustRefuse(before: readonly unknown[], part: readonly unknown[], latest: number): string | undefined {
  const kept = compactRuns(before);
  const added = compactRuns(part);
  if (added.length !== part.length) { return 'a record without a time'; }
  const lastStart = kept.length ? startTime(kept[kept.length - 1]) : -Infinity;
  if (added.length && !(startTime(added[0]) > lastStart)) { return 'not after the kept runs'; }
  if (added.some((r) => !((Number.isFinite(r.endMs) ? r.endMs : r.startMs) <= latest))) { return 'in the future'; }
  return undefined;
}

function gaugesAgree(name: string, p: Pipeline, folded: GaugeRunFacts, whole: GaugeRunFacts, reverts: RevertFact[]): void {
  for (const now of [NOW, NOW + HOUR, NOW + 2 * DAY, NOW + 40 * DAY, NOW + 400 * DAY]) {
    const spans = [{ since: NOW - 20 * DAY, until: NOW - 19 * DAY }];
    const a = computeGauge({ now, pipeline: p, runs: [], facts: folded, reverts, redPeriods: spans });
    const b = computeGauge({ now, pipeline: p, runs: [], facts: whole, reverts, redPeriods: spans });
    assert.deepStrictEqual(a, b, `${name}: the gauge at ${now - NOW} ms`);
  }
}

describe('gears: runs appended to a history folded into kept facts give the facts of the whole', function () {
  this.timeout(120_000);

  for (const [name, p] of PIPELINES) {
    it(`facts, resume and gauge equal the whole's at every cut, or the fold refuses what it must: ${name}`, () => {
      let folds = 0, refusals = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const next = random(seed * 31);
        const all = runsOf(seed, 60 + Math.floor(next() * 500), seed % 5 === 0);
        const raw = seed % 4 === 0 ? all : all.filter((r) => isRecord(r) && r.id !== 'no-time'); // a quarter with garbage and records without a time
        const runs = seed % 3 === 0 ? raw : inFileOrder(raw, 40); // a third with runs out of order
        const deployed = productionDeploys(compactRuns(runs), p);
        const reverts: RevertFact[] = deployed.slice(-30, -25).map((d) => ({ sha: `r${d.sha}`, revertedSha: d.sha, deploySha: d.sha, revertedDeployed: true }));
        const make = (upTo: number) => resumableRunFacts(newestFirst(runs.slice(0, upTo)), p, { latest: LATEST, reverts });
        const [first, ...rest] = cuts(next, runs.length);
        let kept: { facts: GaugeRunFacts; resume: FactsResume } = make(first);
        let at = first;
        for (const cut of rest) {
          const part = runs.slice(at, cut);
          const folded = kept.facts.future === 0 ? foldRunFacts(kept.facts, kept.resume, newestFirst(part), p, LATEST) : undefined;
          const whole = make(cut);
          const why = kept.facts.future !== 0 ? 'the kept facts count a future run' : mustRefuse(runs.slice(0, at), part, LATEST);
          if (why === undefined) {
            assert.ok(folded, `${name}, seed ${seed}: runs ${at}…${cut} fold`);
            assert.deepStrictEqual(folded.facts, whole.facts, `${name}, seed ${seed}: facts after folding runs ${at}…${cut}`);
            assert.deepStrictEqual(folded.resume, whole.resume, `${name}, seed ${seed}: resume after folding runs ${at}…${cut}`);
            if (folds++ % 4 === 0) { gaugesAgree(`${name}, seed ${seed}, cut ${cut}`, p, folded.facts, whole.facts, reverts); }
            kept = folded;
          } else {
            assert.strictEqual(folded, undefined, `${name}, seed ${seed}: runs ${at}…${cut} must not fold (${why})`);
            refusals++;
            kept = whole; // the caller's full read
          }
          at = cut;
        }
      }
      assert.ok(folds > 60 && refusals > 5, `both paths taken: ${folds} folds, ${refusals} refusals`);
    });
  }

  it('the kept gauge: the red fold, the newest run and the ids go on as a read of the whole gives them; a repeated id is refused', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const next = random(seed * 77);
      const runs = inFileOrder(runsOf(seed, 300, false)).filter(isRecord).filter((r) => r.id !== 'no-time');
      const cut = 50 + Math.floor(next() * 240);
      const keptOf = (upTo: number): KeptGauge => {
        const records = [...runs.slice(0, upTo)].reverse();
        const { facts, resume } = resumableRunFacts(records, SIMPLE, { latest: LATEST });
        return { facts, newest: records[0] ?? null, fold: foldHistory(records, '', NOW), reverts: revertsKey([]), resume: keptResume(records, resume) };
      };
      const before = keptOf(cut);
      const appended = [...runs.slice(cut)].reverse();
      const folded = foldKeptGauge(before, appended, SIMPLE, LATEST, NOW);
      const whole = keptOf(runs.length);
      if (mustRefuse(runs.slice(0, cut), appended, LATEST) !== undefined) { assert.strictEqual(folded, undefined); continue; }
      assert.ok(folded, `seed ${seed}: folds`);
      assert.deepStrictEqual(folded.facts, whole.facts);
      assert.deepStrictEqual(folded.fold, whole.fold, `seed ${seed}: the red fold`);
      assert.deepStrictEqual(folded.newest, whole.newest);
      assert.deepStrictEqual(folded.resume.facts, whole.resume.facts);
      assert.deepStrictEqual(folded.resume.ids, whole.resume.ids, 'every id read');
      assert.deepStrictEqual([folded.resume.baseRead, folded.resume.folds], [cut, 1], 'the read it was first made from, one fold since');
      const again = { ...appended[0], id: runs[Math.floor(next() * cut)].id, startedAt: new Date(NOW - MINUTE).toISOString() };
      assert.strictEqual(foldKeptGauge(before, [again], SIMPLE, LATEST, NOW), undefined, `seed ${seed}: an id a kept run has`);
    }
    assert.notStrictEqual(idHash('run-1'), idHash('run-2'));
  });

  it('facts that count a run in the future, or carry red spans of their own, take no fold', () => {
    const runs = inFileOrder(runsOf(8, 200, false), Infinity).filter(isRecord).filter((r) => r.id !== 'no-time');
    // Started among the kept runs, ended in the future (a skewed clock): left out now, counted by a later clock.
    const between = (Date.parse(runs[149].startedAt) + Date.parse(runs[150].startedAt)) / 2;
    const ahead = { ...runs[199], id: 'ahead', startedAt: new Date(between).toISOString(), endedAt: new Date(NOW + DAY).toISOString() };
    const withFuture = resumableRunFacts(newestFirst([...runs.slice(0, 150), ahead]), SIMPLE, { latest: LATEST });
    assert.strictEqual(withFuture.facts.future, 1);
    assert.strictEqual(foldRunFacts(withFuture.facts, withFuture.resume, newestFirst(runs.slice(150)), SIMPLE, LATEST + 2 * DAY), undefined, 'a future run counted later would move');
    const spans = resumableRunFacts(newestFirst(runs.slice(0, 150)), SIMPLE, { latest: LATEST, redSpans: true });
    assert.strictEqual(foldRunFacts(spans.facts, spans.resume, newestFirst(runs.slice(150)), SIMPLE, LATEST), undefined, 'red spans are not folded');
    const plain = resumableRunFacts(newestFirst(runs.slice(0, 150)), SIMPLE, { latest: LATEST });
    assert.ok(foldRunFacts(plain.facts, plain.resume, newestFirst(runs.slice(150)), SIMPLE, LATEST), 'the control folds');
  });

  it('a fold of many small parts stops once the kept runs reach twice the read they were made from', () => {
    const runs = inFileOrder(runsOf(3, 1200, false), Infinity).filter(isRecord).filter((r) => r.id !== 'no-time');
    const records = (from: number, to: number): RunRecord[] => [...runs.slice(from, to)].reverse();
    const { facts, resume } = resumableRunFacts(records(0, 300), SIMPLE, { latest: LATEST });
    let kept: KeptGauge | undefined = { facts, newest: null, fold: foldHistory(records(0, 300), '', NOW), reverts: '', resume: keptResume(records(0, 300), resume) };
    let at = 300;
    while (kept && at < runs.length) {
      const next: KeptGauge | undefined = foldKeptGauge(kept, records(at, at + 10), SIMPLE, LATEST, NOW);
      if (!next) { break; }
      kept = next;
      at += 10;
    }
    assert.strictEqual(at, 600, 'folded up to 2 × 300 runs, then refused: the caller reads the file again');
  });
});
