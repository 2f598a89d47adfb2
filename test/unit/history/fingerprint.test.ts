import * as assert from 'node:assert';
import type { Stats } from 'node:fs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changeTime } from '../../../src/core/history/fingerprint';
import { historyFingerprint, sameFingerprint } from '../../../src/core/history';
import { tempDir } from '../../support/git';

describe('history fingerprint: which bytes an answer was made from', () => {
  it('an edit in place that keeps the size and the last 4 KiB is other bytes; a read is not', async () => {
    const file = path.join(tempDir(), 'history.jsonl');
    fs.writeFileSync(file, `${'{"v":1}\n'.repeat(2048)}`); // 16 KiB
    const first = (await historyFingerprint(file))!;
    fs.readFileSync(file);
    assert.ok(sameFingerprint(first, (await historyFingerprint(file))!), 'unchanged');
    const fd = fs.openSync(file, 'r+');
    try { fs.writeSync(fd, '{"v":2}', 0); } finally { fs.closeSync(fd); }
    const edited = (await historyFingerprint(file))!;
    assert.strictEqual(edited.size, first.size);
    assert.deepStrictEqual(edited.tail, first.tail);
    assert.ok(!sameFingerprint(first, edited), 'edited in place');
  });

  it('a whole-second ctime (ext3, HFS+, FAT) is an identity only once a write in that second is past', () => {
    const at = (ctimeMs: number): Stats => ({ ctimeMs } as Stats);
    const second = Date.parse('2026-12-01T12:00:00Z');
    assert.strictEqual(changeTime(at(second), second + 999), undefined, 'a write later in that second shares it');
    assert.strictEqual(changeTime(at(second), second + 2500), undefined, 'FAT counts in 2 s');
    assert.strictEqual(changeTime(at(second), second + 3000), second);
    assert.strictEqual(changeTime(at(second), second - 5000), undefined, 'a clock behind the file\'s');
    assert.strictEqual(changeTime(at(second + 0.123456), second), second + 0.123456, 'a finer one at once');
  });
});
