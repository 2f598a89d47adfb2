import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { type Line, readLines } from '../../../src/core/history/lineReader';
import { cleanupTempDirs, tempDir } from '../../support/git';

async function collect(content: string | Buffer, max?: number): Promise<Line[]> {
  const file = path.join(tempDir(), 'f.txt');
  fs.writeFileSync(file, content);
  const out: Line[] = [];
  for await (const line of readLines(file, max)) {
    out.push(line);
  }
  return out;
}

describe('history/lineReader', () => {
  after(cleanupTempDirs);

  it('numbers lines and tells whether the last one was terminated', async () => {
    assert.deepStrictEqual((await collect('a\nb\r\nc')).map((l) => [l.number, l.text, l.terminated]),
      [[1, 'a', true], [2, 'b', true], [3, 'c', false]]);
    assert.deepStrictEqual((await collect('a\n\n')).map((l) => [l.number, l.text, l.terminated]), [[1, 'a', true], [2, '', true]]);
    assert.deepStrictEqual(await collect(''), []);
  });

  it('keeps multi-byte characters intact across read chunks', async () => {
    const long = '€'.repeat(100_000); // 300 kB: spans several 64 kB chunks, splitting characters
    const lines = await collect(`${long}\nz\n`);
    assert.strictEqual(lines[0].text, long);
    assert.strictEqual(lines[1].text, 'z');
  });

  it('drops an over-long line without buffering it and carries on', async () => {
    const lines = await collect(`ok\n${'x'.repeat(200_000)}\nafter\n${'y'.repeat(200_000)}`, 1000);
    assert.deepStrictEqual(lines.map((l) => [l.number, l.tooLong, l.text.length, l.terminated]),
      [[1, false, 2, true], [2, true, 0, true], [3, false, 5, true], [4, true, 0, false]]);
  });

  it('rejects with ENOENT for a missing file', async () => {
    const it = readLines(path.join(tempDir(), 'missing'));
    await assert.rejects(it.next(), { code: 'ENOENT' });
  });
});
