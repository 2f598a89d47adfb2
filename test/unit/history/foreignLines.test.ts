/**
 * faults41 L3: a line of another format version (`v` not 1), or a run line whose run has no stages
 * list or a state this version does not know, is passed over as a line of an unknown kind is: it
 * used to be read as the newest run and become the verdict (`status`: "interrupted deadbeef").
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore } from '../../../src/core/history';
import { parseLine } from '../../../src/core/history/entry';
import { tempDir } from '../../support/git';
import { makeRun, rawLine } from './historyFixture';

const FOREIGN: Array<[string, string]> = [
  ['a future version\'s start line', '{"v":9,"kind":"start","at":"2026-12-07T19:00:00.000Z","run":{"id":"zz","sha":"deadbeef","state":"weird","stages":"nope"}}'],
  ['a future version\'s end line of a known shape', JSON.stringify({ v: 2, kind: 'end', at: '2026-12-07T19:00:00.000Z', run: { id: 'v2', sha: 'deadbeef', state: 'red', stages: [] } })],
  ['a start line whose stages are no list', JSON.stringify({ v: 1, kind: 'start', at: '2026-12-07T19:00:00.000Z', run: { id: 'ns', sha: 'deadbeef', state: 'running', stages: 'nope' } })],
  ['an end line with an unknown state', JSON.stringify({ v: 1, kind: 'end', at: '2026-12-07T19:00:00.000Z', run: { id: 'us', sha: 'deadbeef', state: 'weird', stages: [] } })],
];

describe('history: lines this version cannot read as runs', () => {
  for (const [what, text] of FOREIGN) {
    it(`${what} is passed over: the run before it stays the newest, with no problem reported`, async () => {
      assert.deepStrictEqual(parseLine(text), { kind: 'ignored' });
      const file = path.join(tempDir(), 'history.jsonl');
      fs.writeFileSync(file, rawLine('start', makeRun('good', { state: 'running' })) + rawLine('end', makeRun('good', { state: 'green' })) + `${text}\n`);
      for (const limit of [undefined, 1]) {
        const { runs, problems } = await new HistoryStore(file).read({ limit });
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(runs.map((r) => [r.id, r.state]), [['good', 'green']], `limit ${limit}`);
      }
    });
  }

  it('a line without `v`, or without `stages`, still reads (hand-written lines): as version 1, with no stages', () => {
    const parsed = parseLine(JSON.stringify({ kind: 'end', at: '2026-12-07T19:00:00.000Z', run: { id: 'nov', sha: 'abc', state: 'green' } }));
    assert.equal(parsed.kind, 'entry');
  });
});
