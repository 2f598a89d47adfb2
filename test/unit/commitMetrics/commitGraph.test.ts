import * as assert from 'assert';
import { CommitGraph, MISSING } from '../../../src/core/git/metrics/commitGraph';

const sha = (ch: string): string => ch.repeat(40);

describe('commit metrics: CommitGraph', () => {
  it('parses lines cut at any chunk boundary, parents listed before or after their children', () => {
    const log = [
      `${sha('c')}\t300\t${sha('a')} ${sha('b')}`, // a merge
      `${sha('a')}\t100\t`, // a root commit (trailing tab, no parents)
      `${sha('b')}\t200\t${sha('a')}`,
      `${sha('d')}\t400\t${sha('e')}`, // e: beyond a shallow boundary
    ].join('\n') + '\n';
    for (let cut = 1; cut < log.length; cut += 7) {
      const g = new CommitGraph();
      g.push(log.slice(0, cut));
      g.push(log.slice(cut));
      g.resolve();
      assert.strictEqual(g.size, 4);
      const at = (ch: string): number => g.indexOf(sha(ch)) ?? -99;
      assert.deepStrictEqual(g.parentsOf(at('c')), [at('a'), at('b')]);
      assert.deepStrictEqual(g.parentsOf(at('a')), []);
      assert.deepStrictEqual(g.parentsOf(at('d')), [MISSING]);
      assert.deepStrictEqual(g.times, [300, 100, 200, 400]);
      assert.deepStrictEqual([...g.reachable([at('b')])], [0, 1, 1, 0]);
    }
  });

  it('a last line without newline counts; an already indexed commit is not added twice', () => {
    const g = new CommitGraph();
    g.push(`${sha('a')}\t100\t`);
    g.resolve();
    g.push(`${sha('b')}\t200\t${sha('a')}\n${sha('a')}\t100\t\n`);
    g.resolve();
    assert.strictEqual(g.size, 2);
    assert.strictEqual(g.linesRead, 3);
    assert.deepStrictEqual(g.parentsOf(1), [0]);
  });
});
