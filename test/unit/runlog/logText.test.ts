/** Saved output shown again is cleaned: no escape sequence reaches a document, only SGR colours a colour terminal. */
import * as assert from 'node:assert/strict';
import { BoundedLog, logForDocument, logForTerminal } from '../../../src/core/runlog';

const HOSTILE = 'ok \x1b[31mred\x1b[0m \x1b]0;owned title\x07 \x1b]52;c;Y2xpcA==\x1b\\ \x1b[2J\x1b[H \x9b1A \x1bPdcs\x1b\\ bell\x07 over\rwritten\r\n';

describe('runlog: log text for a document and for a terminal', () => {
  it('a document gets no escape sequence and no control but tab and newline; a lone CR becomes a newline', () => {
    assert.equal(logForDocument(HOSTILE), 'ok red      bell over\nwritten\n');
  });

  it('a colour terminal keeps SGR colours only', () => {
    assert.equal(logForTerminal(HOSTILE, true), 'ok \x1b[31mred\x1b[0m      bell over\nwritten\n');
    assert.equal(logForTerminal(HOSTILE, false), logForDocument(HOSTILE));
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
});
