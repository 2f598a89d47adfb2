/** Saved output shown again is cleaned: no escape sequence reaches a document, only SGR colours a colour terminal. */
import * as assert from 'node:assert/strict';
import { BoundedLog, logForDocument, logForTerminal } from '../../../src/core/runlog';
import { omittedLine } from '../../../src/core/runlog/boundedLog';

const HOSTILE = 'ok \x1b[31mred\x1b[0m \x1b]0;owned title\x07 \x1b]52;c;Y2xpcA==\x1b\\ \x1b[2J\x1b[H \x9b1A \x1bPdcs\x1b\\ bell\x07 over\rwritten\r\n';

describe('runlog: log text for a document and for a terminal', () => {
  it('a document gets no escape sequence and no control but tab and newline; a lone CR becomes a newline', () => {
    assert.equal(logForDocument(HOSTILE), 'ok red    1A  bell over\nwritten\n');
  });

  it('a colour terminal keeps SGR colours only', () => {
    assert.equal(logForTerminal(HOSTILE, true), 'ok \x1b[31mred\x1b[0m    1A  bell over\nwritten\n');
    assert.equal(logForTerminal(HOSTILE, false), logForDocument(HOSTILE));
  });
});

// security41 F2: the live output drops U+009B alone (it was rewritten as ESC [); a log shown again does the same.
describe('runlog: U+009B in a saved log (security41 F2)', () => {
  it('is removed alone and its parameters show as text, as in the live output: no ESC [ in either view', () => {
    const text = 'deploying fix-\x9b3J\x9b2J\n';
    assert.equal(logForDocument(text), 'deploying fix-3J2J\n');
    assert.equal(logForTerminal(text, true), 'deploying fix-3J2J\n');
  });
});

describe('runlog: a saved log with an OSC or DCS that never ends (review31 M2)', () => {
  it('shows every line after the stray introducer: a line feed ends the dropped string', () => {
    for (const text of ['start\x1b]line 1\nline 2\ndone\n', 'start\x1bPline 1\nline 2\ndone\n']) {
      assert.equal(logForDocument(text), 'start\nline 2\ndone\n', JSON.stringify(text));
      assert.equal(logForTerminal(text, true), 'start\nline 2\ndone\n', JSON.stringify(text));
    }
  });
});

describe('runlog: BoundedLog', () => {
  it('splits the chunk that crosses the head; counts bytes, not characters', () => {
    const log = new BoundedLog(4, 6);
    log.append('ab');
    log.append('cdéfghij'); // é is two bytes
    log.append('klmn');
    assert.equal(log.total, 15);
    assert.equal(log.omitted, 5);
    assert.match(log.text(), /^abcd\n\[… gearshift: 5 bytes of output left out here.*\]\nijklmn$/);
  });

  it('a flood of one-byte chunks keeps its memory bounded (the tail is joined now and then)', () => {
    const log = new BoundedLog(10, 100);
    for (let i = 0; i < 100_000; i += 1) { log.append(String(i % 10)); }
    assert.equal(log.omitted, 100_000 - 110);
    assert.ok(log.text().startsWith('0123456789\n[… gearshift: 99890 bytes'));
    assert.ok(log.text().endsWith(']\n' + '0123456789'.repeat(10)));
  });

  it('random chunks (ASCII and multi-byte) against the bytes they make: head, count and tail exact', () => {
    let seed = 7;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let trial = 0; trial < 50; trial += 1) {
      const headLimit = 1 + random(40);
      const tailLimit = 1 + random(80);
      const log = new BoundedLog(headLimit, tailLimit);
      const parts: string[] = [];
      for (let i = random(30); i > 0; i -= 1) {
        const chunk = Array.from({ length: random(50) }, () => ['a', 'b', '\n', 'é', '€'][random(5)]).join('');
        parts.push(chunk);
        log.append(chunk);
      }
      const all = Buffer.from(parts.join(''), 'utf8');
      // Cuts fall on character boundaries: the head ends before, the tail starts after, a character a byte cut would split.
      const boundary = (i: number): boolean => i >= all.length || (all[i] & 0xc0) !== 0x80;
      let headEnd = Math.min(headLimit, all.length);
      while (!boundary(headEnd)) { headEnd -= 1; }
      let tailStart = Math.max(headEnd, all.length - tailLimit);
      while (!boundary(tailStart)) { tailStart += 1; }
      const head = all.subarray(0, headEnd);
      const tail = all.subarray(tailStart);
      const omitted = all.length - head.length - tail.length;
      assert.equal(log.total, all.length);
      assert.equal(log.omitted, omitted);
      const gap = omitted > 0 && head.length > 0 && head[head.length - 1] !== 10 ? '\n' : '';
      const expected = omitted > 0 ? `${head.toString()}${gap}${log.text().slice(head.toString().length + gap.length).split('\n')[0]}\n${tail.toString()}` : head.toString() + tail.toString();
      assert.equal(log.text(), expected, `trial ${trial}`);
      assert.equal(log.text().includes('\uFFFD'), false, `trial ${trial}: no replacement character`);
    }
  });

  it('a character straddling the head cut or the tail cut is left out whole, and counted as left out (review19b 6)', () => {
    const log = new BoundedLog(5, 7);
    log.append('é'.repeat(10)); // 20 bytes: a byte cut splits the third é at 5 and the seventh at 13
    assert.equal(log.text(), `éé\n${omittedLine(20 - 4 - 6)}ééé`);
    assert.equal(log.omitted, 10);
    const wide = new BoundedLog(4, 4);
    wide.append('ab€'); // € (3 bytes) from byte 2: the head's 4 bytes would end inside it
    wide.append('xyz😀q'); // 😀 (4 bytes) from byte 8: the last 4 bytes start one byte into it
    assert.equal(wide.text(), `ab\n${omittedLine(3 + 3 + 4)}q`);
    assert.equal(wide.omitted, 10);
  });
});
