/**
 * The commit graph and commit owners as columns (what the gauge's git memo keeps, 14o) against
 * the object form they replace: deliveries() over the parsed log, on generated histories.
 */
import * as assert from 'assert';
import { CommitGraph, MISSING } from '../../../src/core/git/metrics/commitGraph';
import { deliveries, type DeployRecord } from '../../../src/core/git/metrics/deliveries';
import { decodeGraph, encodeGraph } from '../../../src/core/git/metrics/graphColumns';
import { commitOwners, decodeOwners, deployOrder, encodeOwners } from '../../../src/core/git/metrics/owners';

/** A small deterministic generator (tests must not differ run to run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A log of `n` commits (newest first, as git prints it): merges, clock skew, roots and parents outside the log. */
function generatedLog(n: number, rnd: () => number): string {
  const sha = (i: number): string => i.toString(16).padStart(40, '0');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const parents = i === 0 || rnd() < 0.03 ? [] : [i - 1 - Math.floor(rnd() * Math.min(i, 3))];
    if (i > 4 && rnd() < 0.15) { parents.push(Math.floor(rnd() * i)); } // a merge
    if (rnd() < 0.02) { parents.push(n + i); } // beyond the bounded log
    const time = 1_700_000_000 + i * 600 + Math.floor((rnd() - 0.7) * 5000); // skewed clocks, equal seconds
    lines.push(`${sha(i)}\t${time}\t${parents.map(sha).join(' ')}`);
  }
  return `${lines.reverse().join('\n')}\n`;
}

function parsed(log: string): CommitGraph {
  const g = new CommitGraph();
  g.push(log);
  g.resolve();
  return g;
}

/** Deploys of commits in the log (and of unknown ones), times that go back, ties, a bad time, a redeploy after a rollback. */
function generatedDeploys(graph: CommitGraph, count: number, rnd: () => number): DeployRecord[] {
  const out: DeployRecord[] = [];
  for (let k = 0; k < count; k++) {
    const sha = rnd() < 0.1 ? 'f'.repeat(40) : graph.shas[Math.floor(rnd() * graph.size)];
    const at = rnd() < 0.03 ? 'not a date' : rnd() < 0.1 ? 1_700_000_000_000 + 600_000 * Math.floor(rnd() * 4) : 1_700_000_000_000 + Math.floor(rnd() * graph.size) * 600_000;
    out.push({ sha, at: typeof at === 'number' && rnd() < 0.3 ? new Date(at).toISOString() : at });
  }
  return out;
}

/** The owner of every commit as deliveries() says: the deploy's place among those the graph holds. */
function ownersByDeliveries(graph: CommitGraph, deploys: readonly DeployRecord[]): number[] {
  const owner = new Array<number>(graph.size).fill(MISSING);
  let k = 0;
  for (const d of deliveries(graph, deploys)) {
    if (!d.known) { continue; }
    for (const c of d.commits) { owner[c] = k; }
    k++;
  }
  return owner;
}

describe('commit metrics: graph and owner columns', () => {
  it('columns round-trip through the memo\'s encoding and walk as the parsed log does', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const g = parsed(generatedLog(400, rnd));
      const back = CommitGraph.fromColumns(decodeGraph(JSON.parse(JSON.stringify(encodeGraph(g.columns())))) ?? assert.fail('not decoded'));
      assert.deepStrictEqual(back.shas, g.shas);
      assert.deepStrictEqual(back.times, g.times);
      for (let i = 0; i < g.size; i++) {
        assert.deepStrictEqual(back.parentsOf(i), g.parentsOf(i));
        assert.strictEqual(back.indexOf(g.shas[i]), i);
        assert.strictEqual(back.hasMissingParent(i), g.parentsOf(i).includes(MISSING));
      }
      assert.deepStrictEqual(back.reachable([g.size - 1]), g.reachable([g.size - 1]));
      // A log pushed on top of columns resolves its parents against them.
      back.push(`${'e'.repeat(40)}\t1\t${g.shas[5]}\n`);
      back.resolve();
      assert.deepStrictEqual(back.parentsOf(g.size), [5]);
    }
    assert.strictEqual(decodeGraph(encodeGraph(new CommitGraph().columns()))?.shas.length, 0);
  });

  it('owners as columns equal deliveries(), whole or extended from kept owners, whatever the deploys', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const g = parsed(generatedLog(150 + Math.floor(rnd() * 150), rnd));
      const deploys = generatedDeploys(g, Math.floor(rnd() * 60), rnd);
      const whole = commitOwners(g, deployOrder(g, deploys));
      assert.deepStrictEqual([...whole.owner], ownersByDeliveries(g, deploys), `seed ${seed}`);
      assert.strictEqual(whole.reused, 0);
      // Kept owners of the first deploys (by time), then more: only the new ones are claimed.
      const sorted = deploys.map((d, i) => ({ d, i, at: typeof d.at === 'number' ? d.at : Date.parse(String(d.at)) }))
        .filter((x) => Number.isFinite(x.at)).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.d);
      const cut = Math.floor(rnd() * (sorted.length + 1));
      const kept = commitOwners(g, deployOrder(g, sorted.slice(0, cut)));
      const extended = commitOwners(g, deployOrder(g, sorted), decodeOwners(JSON.parse(JSON.stringify(encodeOwners(kept))), g.size));
      assert.deepStrictEqual([...extended.owner], [...whole.owner], `seed ${seed}, ${cut} kept`);
      assert.strictEqual(extended.reused, deployOrder(g, sorted.slice(0, cut)).tips.length);
      assert.deepStrictEqual([...kept.owner], ownersByDeliveries(g, sorted.slice(0, cut)), 'kept owners untouched by the extension');
    }
  });

  it('kept owners that are not a prefix of the deploys (one inserted earlier, one moved) are not used', () => {
    const rnd = random(7);
    const g = parsed(generatedLog(200, rnd));
    const deploys: DeployRecord[] = [10, 60, 120, 199].map((i, k) => ({ sha: g.shas[i], at: 1_700_000_000_000 + k * 1000 }));
    const kept = commitOwners(g, deployOrder(g, deploys));
    const variants: DeployRecord[][] = [
      [{ sha: g.shas[150], at: 1_699_000_000_000 }, ...deploys], // a late end line: an older deploy arrives
      deploys.map((d, k) => (k === 1 ? { ...d, at: Number(d.at) + 1 } : d)), // the same commits, one time differs
      deploys.slice(1),
    ];
    for (const v of variants) {
      const got = commitOwners(g, deployOrder(g, v), kept);
      assert.strictEqual(got.reused, 0);
      assert.deepStrictEqual([...got.owner], ownersByDeliveries(g, v));
    }
  });

  it('a graph of more commits than one call takes arguments round-trips (fromColumns copies in slices)', function () {
    this.timeout(90_000); // 300,000 commits: ≈ 4 s alone, over 20 s with the whole tier on a loaded 2-core machine
    const g = parsed(generatedLog(300_000, random(7)));
    const back = CommitGraph.fromColumns(decodeGraph(JSON.parse(JSON.stringify(encodeGraph(g.columns())))) ?? assert.fail('not decoded'));
    assert.deepStrictEqual(back.shas, g.shas);
    assert.deepStrictEqual(back.times, g.times);
    for (const i of [0, 8191, 8192, 8193, 150_000, g.size - 1]) {
      assert.deepStrictEqual(back.parentsOf(i), g.parentsOf(i), `commit ${i}`);
      assert.strictEqual(back.indexOf(g.shas[i]), i);
    }
    assert.deepStrictEqual(back.columns(), g.columns());
  });

  it('damaged columns do not decode', () => {
    const g = parsed(generatedLog(50, random(3)));
    const good = encodeGraph(g.columns());
    const parents = new Int32Array(Buffer.from(good.parents, 'base64').buffer.slice(0));
    const withParent = (value: number): string => { const p = parents.slice(); p[0] = value; return Buffer.from(p.buffer).toString('base64'); };
    const damaged: [string, unknown][] = [
      ['not an object', 'x'], ['null', null], ['a sha cut short', { ...good, shas: good.shas.slice(0, -1) }],
      ['an upper-case sha', { ...good, shas: good.shas.toUpperCase() }], ['times cut', { ...good, times: good.times.slice(0, 8) }],
      ['base64 with a stray character', { ...good, times: `${good.times.slice(0, -4)}!!!!` }],
      ['a parent past the end', { ...good, parents: withParent(50) }], ['a parent below MISSING', { ...good, parents: withParent(-2) }],
      ['parentStart out of order', { ...good, parentStart: Buffer.from(Int32Array.from([0, ...Array<number>(50).fill(5)]).buffer).toString('base64') }],
      ['a field missing', { shas: good.shas, times: good.times, parents: good.parents }],
    ];
    for (const [what, e] of damaged) { assert.strictEqual(decodeGraph(e), undefined, what); }
    const owners = encodeOwners(commitOwners(g, deployOrder(g, [{ sha: g.shas[40], at: 1 }])));
    assert.ok(decodeOwners(owners, g.size));
    assert.strictEqual(decodeOwners(owners, g.size + 1), undefined, 'owners of another graph');
    assert.strictEqual(decodeOwners({ ...owners, tips: Buffer.from(Int32Array.from([50]).buffer).toString('base64') }, g.size), undefined, 'a tip past the end');
    assert.strictEqual(decodeOwners({ ...owners, owner: Buffer.from(new Int32Array(50).fill(1).buffer).toString('base64') }, g.size), undefined, 'an owner past the deploys');
    assert.strictEqual(decodeOwners({ ...owners, at: '' }, g.size), undefined, 'times missing');
    assert.strictEqual(decodeOwners({ ...owners, tips: Buffer.from(Int32Array.from([-1]).buffer).toString('base64') }, g.size), undefined, 'a tip below 0');
    assert.strictEqual(decodeOwners({ ...owners, owner: Buffer.from(new Int32Array(50).fill(MISSING - 1).buffer).toString('base64') }, g.size), undefined, 'an owner below MISSING');
    assert.ok(decodeOwners({ ...owners, owner: Buffer.from(new Int32Array(50).fill(MISSING).buffer).toString('base64') }, g.size), 'no owner at all (every commit MISSING) decodes');
  });
});
