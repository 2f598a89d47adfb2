import * as assert from 'node:assert';
import { LiveOutput, LiveStreams, MAX_CSI, MAX_STRING } from '../../../src/core/render/liveOutput';
import { RunRenderer } from '../../../src/core/render/runRenderer';
import type { EngineEvent } from '../../../src/core/engine/events';
import type { RunRecord } from '../../../src/core/pipeline/types';

/** A stage's output with every kind of sequence: what a terminal must not get, and what a progress bar needs. */
const SAMPLE = 'x \x1b]52;c;SGVsbG8=\x07 clip \x1b]52;c;V29ybGQ=\x1b\\ st \x1b]0;TITLE\x07 \x1bP1$qm\x1b\\dcs ' +
  '\x1b[31mred\x1b[0m \x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\ 10%\r\x1b[2K20%\r\n\ttab \x1b7\x1b[1Asaved\x1b8 \x1b(0\x1bc\x1b#8end\n';
const CLEAN = 'x  clip  st  dcs \x1b[31mred\x1b[0m  10%\r\x1b[2K20%\r\n\ttab \x1b7\x1b[1Asaved\x1b8 end\n';

function cleanAll(chunks: string[]): string {
  const f = new LiveOutput();
  return chunks.map((c) => f.clean(c)).join('');
}

describe('LiveOutput: the escape filter on live output', () => {
  it('drops OSC (BEL or ST), DCS, APC, PM, SOS and two-character escapes; keeps CSI, \\r, \\n, \\t and ESC 7/8', () => {
    assert.strictEqual(cleanAll([SAMPLE]), CLEAN);
  });

  it('gives the same text with the sample split into two chunks at every offset', () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      assert.strictEqual(cleanAll([SAMPLE.slice(0, i), SAMPLE.slice(i)]), CLEAN, `split at ${i}`);
    }
  });

  it('gives the same text fed one character at a time', () => {
    assert.strictEqual(cleanAll([...SAMPLE]), CLEAN);
  });

  it('returns a chunk without ESC or C1 control as the same string', () => {
    const f = new LiveOutput();
    const chunk = 'plain progress 10%\r20%\n\ttabbed ü €\n';
    assert.strictEqual(f.clean(chunk), chunk);
    assert.ok(f.idle);
  });

  it('reads 8-bit C1 controls: OSC and DCS dropped as their ESC forms, the 8-bit CSI dropped alone (security41 F2), NEL passed', () => {
    const sample = 'a\x9d52;c;SGVsbG8=\x07b\x90q\x9cc\x9b31md\x85e\x9fapc\x9c\x98sos\x9c\x9epm\x9c.';
    assert.strictEqual(cleanAll([sample]), 'abc31md\x85e.');
    for (let i = 0; i <= sample.length; i++) {
      assert.strictEqual(cleanAll([sample.slice(0, i), sample.slice(i)]), 'abc31md\x85e.', `split at ${i}`);
    }
  });

  it('ends an OSC at an ESC that is not ST, and reads that ESC as the start of a sequence', () => {
    assert.strictEqual(cleanAll(['a\x1b]0;title\x1b[32mgreen']), 'a\x1b[32mgreen');
  });

  it('drops a lone ESC before text or a control, and keeps what follows', () => {
    assert.strictEqual(cleanAll(['a\x1b\nb\x1b\x1b[1mc']), 'a\nb\x1b[1mc');
  });

  it('holds an unfinished sequence at a bounded size: a CSI over MAX_CSI and an OSC that never ends', () => {
    const f = new LiveOutput();
    assert.strictEqual(f.clean(`a\x1b[${'1;'.repeat(MAX_CSI)}mb`), 'ab');
    const open = new LiveOutput();
    assert.strictEqual(open.clean('c\x1b]'), 'c');
    const body = 'y'.repeat(MAX_STRING);
    for (let i = 0; i < 4; i++) { assert.strictEqual(open.clean(body.slice(0, MAX_STRING / 4)), ''); }
    assert.strictEqual(open.clean('zz\n'), 'zz\n', 'past MAX_STRING the rest shows again, as text');
    assert.ok(open.idle);
  });

  it('ends a dropped OSC or DCS at a line feed: a stray ESC ] hides nothing after it (review31 M2)', () => {
    const repro = 'start\x1b]line 1\nline 2\nline 3\ndone\n';
    // The rest of the introducer's own line is its would-be payload, dropped; every later line shows.
    const shown = 'start\nline 2\nline 3\ndone\n';
    for (const text of [repro, 'start\x1bPline 1\nline 2\nline 3\ndone\n', 'start\x9dline 1\nline 2\nline 3\ndone\n']) {
      assert.strictEqual(cleanAll([text]), shown, JSON.stringify(text));
      for (let i = 0; i <= text.length; i++) {
        assert.strictEqual(cleanAll([text.slice(0, i), text.slice(i)]), shown, `${JSON.stringify(text)} split at ${i}`);
      }
    }
    assert.strictEqual(cleanAll(['a\x1b]0;title\x1b\nb']), 'a\nb', 'an ESC then a line feed: the line feed shows');
  });

  it('passes a C0 control inside a CSI and keeps the CSI, as a terminal does (review31 L4)', () => {
    const text = 'a\x1b[3\n1mred\x1b[0m';
    const shown = 'a\n\x1b[31mred\x1b[0m';
    for (let i = 0; i <= text.length; i++) {
      assert.strictEqual(cleanAll([text.slice(0, i), text.slice(i)]), shown, `split at ${i}`);
    }
  });

  it('keeps a CSI of MAX_CSI characters and drops a longer one, whole or split', () => {
    const longest = `\x1b[${'1'.repeat(MAX_CSI - 3)}m`;
    const over = `\x1b[${'1'.repeat(MAX_CSI - 2)}m`;
    assert.strictEqual(longest.length, MAX_CSI);
    for (const at of [0, 1, 2, 100, MAX_CSI - 1]) {
      assert.strictEqual(cleanAll([`a${longest}`.slice(0, at + 1), `a${longest}b`.slice(at + 1)]), `a${longest}b`, `split at ${at}`);
      assert.strictEqual(cleanAll([`a${over}`.slice(0, at + 1), `a${over}b`.slice(at + 1)]), 'ab', `split at ${at}`);
    }
  });

  // security41 F2: U+009B was rewritten as ESC [, which every terminal obeys; most UTF-8 terminals ignore U+009B itself.
  it('never turns U+009B into ESC [: a branch name holding it shows its parameters as text, whole, split or one character at a time', () => {
    const branch = 'deploying fix-\x9b3J\x9b2J\x9b?1049h\x9b6n\n';
    const shown = 'deploying fix-3J2J?1049h6n\n';
    assert.strictEqual(cleanAll([branch]), shown);
    assert.strictEqual(cleanAll([...branch]), shown);
    for (let i = 0; i <= branch.length; i++) { assert.strictEqual(cleanAll([branch.slice(0, i), branch.slice(i)]), shown, `split at ${i}`); }
    const long = `a\x9b${'1'.repeat(MAX_CSI)}m\x1b[32mb`;
    assert.strictEqual(cleanAll([long]), `a${'1'.repeat(MAX_CSI)}m\x1b[32mb`);
  });

  it('gives the same text for long runs of 8-bit sequences, whole, split at every offset and one character at a time (review31 L8)', () => {
    // Each piece as printed and as shown; a run of them is what binary or hostile output looks like.
    const pieces: [string, string][] = [
      ['\x9b1mx', '1mx'], ['\x9b38;5;1m', '38;5;1m'], ['\x9d0;t\x07', ''], ['\x90q\x9c', ''], ['\x9fapc\x9c', ''],
      ['\x98s\x9c\x9ep\x9c', ''], ['\x1b[0m', '\x1b[0m'], ['y', 'y'], ['\x9b2\n;1m', '2\n;1m'], ['\x1b]0;t\x9c\n', '\n'], ['\x85', '\x85'],
    ];
    let text = '';
    let shown = '';
    for (let k = 0; text.length < 2000; k = (k * 7 + 3) % pieces.length) { text += pieces[k][0]; shown += pieces[k][1]; }
    assert.strictEqual(cleanAll([text]), shown);
    assert.strictEqual(cleanAll([...text]), shown);
    for (let i = 0; i <= text.length; i++) {
      assert.strictEqual(cleanAll([text.slice(0, i), text.slice(i)]), shown, `split at ${i}`);
    }
    const flood = '\x9b1mx'.repeat(16 * 1024); // 64 KiB, the chunk the review timed
    assert.strictEqual(cleanAll([flood]), '1mx'.repeat(16 * 1024));
  });

  it('gives the same text whole, split anywhere and one character at a time, for any mix of introducers, terminators and text', () => {
    const alphabet = ['\x1b', '[', ']', '\\', 'P', '_', '\x07', '\n', '\x18', '\x9c', '\x90', '\x98', '\x9b', '\x9d', '\x9e', '\x9f', '1', ';', 'm', 'x', '(', '7', '€'];
    let seed = 1;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + random(80) }, () => alphabet[random(alphabet.length)]).join('');
      const whole = cleanAll([text]);
      assert.strictEqual(cleanAll([...text]), whole, JSON.stringify(text));
      for (let i = 0; i <= text.length; i++) {
        assert.strictEqual(cleanAll([text.slice(0, i), text.slice(i)]), whole, `${JSON.stringify(text)} split at ${i}`);
      }
    }
  });

  it('keeps a filter per stream only while a sequence is open', () => {
    const streams = new LiveStreams();
    assert.strictEqual(streams.clean('out', 'a\x1b]0;ti'), 'a');
    assert.strictEqual(streams.clean('err', 'tle\x07b'), 'tle\x07b', 'another stream is not inside the OSC');
    assert.strictEqual(streams.clean('out', 'tle\x07c'), 'c');
    assert.strictEqual(streams.clean('out', 'd\x1b]0;x'), 'd');
    streams.end('out');
    assert.strictEqual(streams.clean('out', 'e\x07f'), 'e\x07f', 'an ended stream starts afresh');
  });
});

describe('RunRenderer: live output through the filter', () => {
  const run: RunRecord = {
    id: '12345678-aaaa-bbbb-cccc-dddddddddddd', sha: 'abcdef1234567890abcdef1234567890abcdef12', branch: 'main', trigger: 'cli',
    startedAt: '2024-05-01T10:00:00.000Z', state: 'running', stages: [],
  };
  const out = (stage: string, chunk: string, stream: 'stdout' | 'stderr' = 'stdout'): EngineEvent => ({ type: 'stageOutput', run, stage, stream, chunk });
  const started = (stage: string, index: number): EngineEvent => ({ type: 'stageStarted', run, stage, index, total: 2 });

  it('a lone stage: OSC 52 split across chunks is dropped, colours and the progress bar kept', () => {
    const r = new RunRenderer({ color: false });
    const text = [started('A', 1), out('A', 'x \x1b]5'), out('A', '2;c;SGVsbG8=\x07 \x1b[31mred\x1b[0m 1%\r\x1b[2K2%\n')].map((e) => r.render(e)).join('');
    assert.strictEqual(text, '\n▶ [1/2] A\nx  \x1b[31mred\x1b[0m 1%\r\x1b[2K2%\n');
  });

  it('stages in parallel: each stream has its own filter, and the prefix is added after it', () => {
    const r = new RunRenderer({ color: false });
    const text = [started('A', 1), started('B', 2), out('A', 'a\x1b]0;'), out('B', 'b;\x07\n'), out('A', 'T\x07a\n')].map((e) => r.render(e)).join('');
    assert.ok(text.endsWith('[B] b;\x07\n[A] aa\n'), JSON.stringify(text));
  });

  it("a new run starts its stages' filters afresh: an OSC the last run left open (no stageEnded) hides nothing (review31 L5)", () => {
    const r = new RunRenderer({ color: false });
    const next: RunRecord = { ...run, id: '87654321-aaaa-bbbb-cccc-dddddddddddd' };
    [{ type: 'runStarted', run } as EngineEvent, started('A', 1), out('A', 'a\x1b]0;title')].forEach((e) => r.render(e));
    const text = [{ type: 'runStarted', run: next } as EngineEvent, started('A', 1), out('A', 'shown\n')].map((e) => r.render(e)).join('');
    assert.ok(text.endsWith('▶ [1/2] A\nshown\n'), JSON.stringify(text));
  });

  it("a new run leaves the switch script's filter alone: a rollback's output may still be printing", () => {
    const r = new RunRenderer({ color: false });
    const sw = (chunk: string): EngineEvent => ({ type: 'deploy', runId: run.id, event: { type: 'switchOutput', stream: 'stdout', chunk } });
    const text = [sw('rolling back \x1b]52;c;'), { type: 'runStarted', run } as EngineEvent, sw('eA==\x07done\n')].map((e) => r.render(e)).join('');
    assert.ok(text.endsWith('done\n') && !text.includes('eA=='), JSON.stringify(text));
  });

  it("the switch script's output is filtered as a stage's is", () => {
    const r = new RunRenderer({ color: false });
    const sw = (chunk: string): EngineEvent => ({ type: 'deploy', runId: run.id, event: { type: 'switchOutput', stream: 'stdout', chunk } });
    assert.strictEqual([sw('to green \x1b]52;c;'), sw('eA==\x07\x1b[32mok\x1b[0m\n')].map((e) => r.render(e)).join(''), 'to green \x1b[32mok\x1b[0m\n');
  });
});
