import * as assert from 'node:assert';
import { mock } from 'node:test';
import { FLUSH_AFTER_MS, LONG_HOLD_MS, MASK, MaskRules, StreamMasker, maskForms, maskText } from '../../../src/core/secrets';

const SECRET = 'tok-3f9a!Z/+ q"x';

/** Writes `chunks` through one masker and resolves with everything it emitted once it ended. */
function through(values: string[], chunks: string[]): string {
  let out = '';
  const masker = new StreamMasker(new MaskRules(values), (t) => { out += t; });
  for (const c of chunks) { masker.write(c); }
  masker.end();
  return out;
}

const bytewise = (text: string): string[] => [...text];
/** Back-to-back secrets written in separate chunks come out as one mask each: count them as one. */
const joined = (text: string): string => text.replace(/(\*\*\*)+/g, MASK);
/** Deterministic pseudo-random splits (a fixed LCG), so a failure reproduces. */
function randomSplits(text: string, seed: number): string[] {
  const parts: string[] = [];
  let x = seed;
  for (let i = 0; i < text.length;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (x % 7);
    parts.push(text.slice(i, i + n));
    i += n;
  }
  return parts;
}

describe('secrets: masking', () => {
  it('masks the value whole, in one chunk, byte by byte and in random splits', () => {
    const text = `start ${SECRET} middle ${SECRET}${SECRET} end\n`;
    const expected = `start ${MASK} middle ${MASK} end\n`;
    assert.strictEqual(through([SECRET], [text]), expected);
    assert.strictEqual(joined(through([SECRET], bytewise(text))), expected);
    for (let seed = 1; seed < 50; seed++) { assert.strictEqual(joined(through([SECRET], randomSplits(text, seed))), expected, `seed ${seed}`); }
  });

  it('holds back only text that could still begin a secret; everything else goes out at once', () => {
    const emitted: string[] = [];
    const masker = new StreamMasker(new MaskRules([SECRET]), (t) => emitted.push(t));
    masker.write('plain text, nothing held\n');
    assert.deepStrictEqual(emitted, ['plain text, nothing held\n']);
    masker.write('then tok-3f');
    assert.deepStrictEqual(emitted.slice(1), ['then '], 'the start of the secret is held');
    masker.write('9a!Z/+ q"x and on');
    assert.deepStrictEqual(emitted.slice(2), [`${MASK} and on`]);
    masker.end();
  });

  it('lets held text go by itself within the flush delay (no write, no end needed)', async () => {
    const emitted: string[] = [];
    const masker = new StreamMasker(new MaskRules([SECRET]), (t) => emitted.push(t));
    masker.write('prompt> tok');
    assert.deepStrictEqual(emitted, ['prompt> ']);
    await new Promise<void>((resolve, reject) => {
      const bound = setTimeout(() => reject(new Error(`held text not flushed within ${FLUSH_AFTER_MS * 20} ms`)), FLUSH_AFTER_MS * 20);
      const poll = setInterval(() => { if (emitted.length === 2) { clearInterval(poll); clearTimeout(bound); resolve(); } }, 5);
    });
    assert.deepStrictEqual(emitted, ['prompt> ', 'tok']);
    masker.end();
  });

  it('a long start of a secret (≥ 6 bytes) is held across a slow pause, so a split with 300 ms between its halves is masked; it still goes out by itself', async () => {
    const emitted: string[] = [];
    const masker = new StreamMasker(new MaskRules([SECRET]), (t) => emitted.push(t), FLUSH_AFTER_MS, 1500);
    masker.write('token: tok-3f9');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepStrictEqual(emitted, ['token: '], 'the long start is still held after 6× the short delay');
    masker.write('a!Z/+ q"x\n');
    assert.strictEqual(emitted.join(''), `token: ${MASK}\n`);
    // Output that only looks like the start of a secret is not lost: it goes out after the long hold.
    masker.write('tok-3f9 was all');
    masker.write(' and then tok-3f');
    const started = Date.now();
    while (!emitted.join('').endsWith('then tok-3f')) {
      assert.ok(Date.now() - started < 10_000, `held text never went out: ${JSON.stringify(emitted)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.strictEqual(emitted.join(''), `token: ${MASK}\ntok-3f9 was all and then tok-3f`);
    masker.end();
  });

  it('on a clock the test moves (review32 L13): a long start is held LONG_HOLD_MS to the millisecond, across a pause just short of it', () => {
    // Node's mock timers drive setTimeout and Date.now: the masker's own timers, with no scheduling edge.
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
    try {
      const emitted: string[] = [];
      const masker = new StreamMasker(new MaskRules([SECRET]), (t) => emitted.push(t));
      masker.write('token: tok-3f9');
      mock.timers.tick(LONG_HOLD_MS - 1);
      assert.deepStrictEqual(emitted, ['token: '], 'the long start went out before LONG_HOLD_MS');
      masker.write('a!Z/+ q"x\n');
      assert.strictEqual(emitted.join(''), `token: ${MASK}\n`);
      masker.write('then tok-3f9');
      mock.timers.tick(LONG_HOLD_MS - 1);
      assert.strictEqual(emitted.join(''), `token: ${MASK}\nthen `, 'held up to the last millisecond');
      mock.timers.tick(1);
      assert.strictEqual(emitted.join(''), `token: ${MASK}\nthen tok-3f9`, 'and out by itself at LONG_HOLD_MS');
      masker.write('x tok');
      mock.timers.tick(FLUSH_AFTER_MS);
      assert.ok(emitted.join('').endsWith('x tok'), 'a short start goes out after FLUSH_AFTER_MS');
      masker.end();
    } finally {
      mock.timers.reset();
    }
  });

  it('a flush timer left from an earlier hold does not let a younger hold go early', async () => {
    const emitted: string[] = [];
    const masker = new StreamMasker(new MaskRules([SECRET]), (t) => emitted.push(t), 300);
    const timerOf = (): unknown => (masker as unknown as { timer: unknown }).timer;
    masker.write('a tok');
    masker.write('en\n'); // nothing held now; the timer stays armed
    const stale = timerOf();
    await new Promise((resolve) => setTimeout(resolve, 150));
    masker.write('then tok-3f');
    // Wait (bounded) until the old timer has fired and re-armed for the younger hold.
    for (let waited = 0; timerOf() === stale; waited += 10) {
      assert.ok(waited < 3000, 'the old timer never fired');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(!emitted.join('').includes('tok-3f'), `the young hold went out early: ${JSON.stringify(emitted)}`);
    masker.write('9a!Z/+ q"x end');
    masker.end();
    assert.strictEqual(emitted.join(''), `a token\nthen ${MASK} end`);
  });

  it('masks each line of a multi-line secret and the whole of it, however it is split', () => {
    const key = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\r\n  AQEFAASCBKcwggSjAgEAAoIB\n-----END KEY-----\n';
    const printed = `key:\n${key.replace(/\r\n/g, '\n')}indented:\n    MIIEvQIBADANBgkqhkiG9w0B\n    AQEFAASCBKcwggSjAgEAAoIB\n`;
    for (const chunks of [[printed], bytewise(printed), randomSplits(printed, 7)]) {
      const out = through([key], chunks);
      assert.ok(!out.includes('MIIEvQIBADANBgkqhkiG9w0B') && !out.includes('AQEFAASCBKcwggSjAgEAAoIB'), out);
      assert.ok(!out.includes('BEGIN KEY') && !out.includes('END KEY'), out);
      assert.match(out, /^key:\n/);
    }
  });

  it('masks the value trimmed of surrounding whitespace (a padded secret printed bare)', () => {
    assert.strictEqual(through(['  padded-secret\n\t'], ['value=padded-secret;']), `value=${MASK};`);
  });

  it('masks base64 at every alignment inside a longer base64 text, and base64url', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      const b64 = Buffer.from(`${prefix}${SECRET}tail`).toString('base64');
      const out = through([SECRET], randomSplits(`Authorization: Basic ${b64}\n`, prefix.length + 3));
      assert.ok(out.includes(MASK), `offset ${prefix.length}: ${out}`);
      assert.ok(!decodes(out).includes(SECRET.slice(1, -1)), `offset ${prefix.length}: ${out} still decodes to the secret`);
    }
    const url = Buffer.from(`x${SECRET}`).toString('base64url');
    assert.ok(through([SECRET], [url]).includes(MASK));
    assert.notStrictEqual(url, Buffer.from(`x${SECRET}`).toString('base64'), 'the secret has characters where base64url differs');
  });

  it('masks URL-encoded (both space forms) and JSON-escaped forms', () => {
    const text = `GET /?t=${encodeURIComponent(SECRET)} form=${encodeURIComponent(SECRET).replace(/%20/g, '+')} body=${JSON.stringify({ t: SECRET })}\n`;
    assert.strictEqual(through([SECRET], bytewise(text)), `GET /?t=${MASK} form=${MASK} body={"t":"${MASK}"}\n`);
  });

  it('masks ten secrets at once, overlapping ones as one mask, and leaves innocent text alone', () => {
    const secrets = Array.from({ length: 10 }, (_, i) => `secret-${i}-${'k'.repeat(i)}-value`);
    const innocent = 'secret-0 is not a secret; neither is value or secret-9-kkk\n';
    const text = secrets.map((s) => `${s}\n`).join('') + innocent + 'secret-1-k-valuesecret-2-kk-value\n';
    const out = joined(through(secrets, randomSplits(text, 3)));
    assert.strictEqual(out, `${`${MASK}\n`.repeat(10)}${innocent}${MASK}\n`);
  });

  it('masks non-ASCII secrets in every form', () => {
    const s = 'pässwörd-😀-ключ';
    const text = `${s} ${encodeURIComponent(s)} ${Buffer.from(s).toString('base64')} ${JSON.stringify(s)}`;
    const out = through([s], bytewise(text));
    assert.ok(!out.includes('pässwörd') && !out.includes('ключ'), out);
  });

  it('builds forms only of 4 characters or more and none for an empty set', () => {
    assert.ok(maskForms(['abcd']).every((f) => f.length >= 4));
    assert.ok(new MaskRules([]).empty);
    assert.strictEqual(maskText('nothing to hide', new MaskRules([])), 'nothing to hide');
  });

  it('flushing after end leaves no timer behind and emits nothing more', () => {
    let out = '';
    const masker = new StreamMasker(new MaskRules([SECRET]), (t) => { out += t; });
    masker.write('abc tok-3f');
    masker.end();
    masker.flush();
    assert.strictEqual(out, 'abc tok-3f');
  });
});

/** Every base64 run in `text`, decoded at every alignment, joined: what a reader could recover. */
function decodes(text: string): string {
  return (text.match(/[A-Za-z0-9+/]{4,}/g) ?? []).flatMap((run) => [0, 1, 2, 3].map((k) => Buffer.from(run.slice(k), 'base64').toString('latin1'))).join('\n');
}
