import * as assert from 'node:assert';
import { MASK, MaskRules, StreamMasker, maskText } from '../../../src/core/secrets';
import { Lcg } from './maskReference';

const SECRET = 'tok_live_abc123XYZ789';
// What a terminal shows of the output: every CSI and other ESC sequence taken out, a CR and U+009B (the live filter drops it) too.
// eslint-disable-next-line no-control-regex
const seen = (text: string): string => text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]?|\r|\x9b/g, '');

/** The masker's output for `text` written in the given pieces (flushed at the end). */
function streamed(rules: MaskRules, pieces: Uint8Array[]): string {
  let out = '';
  const masker = new StreamMasker(rules, (t) => { out += t; });
  for (const p of pieces) { masker.write(p); }
  masker.end();
  return out;
}

/** Each way the text reaches the masker: whole, in two pieces cut at every byte, one byte at a time. */
function everySplit(rules: MaskRules, text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const outs = [maskText(text, rules)];
  for (let cut = 0; cut <= bytes.length; cut++) {
    let out = '';
    const masker = new StreamMasker(rules, (t) => { out += t; });
    masker.write(bytes.subarray(0, cut));
    masker.write(bytes.subarray(cut));
    masker.end();
    outs.push(out);
  }
  let out = '';
  const masker = new StreamMasker(rules, (t) => { out += t; });
  for (const b of bytes) { masker.write(Buffer.from([b])); }
  masker.end();
  return [...outs, out];
}

// security41 F1: the masker matched the raw bytes; a colour sequence or a CR inside a secret hid it from the match.
describe('secrets: a secret with escape sequences or a CR inside it is masked (security41 F1)', () => {
  const rules = new MaskRules([SECRET]);

  it('grep --color highlighting part of it: masked whole, split anywhere, its colour changes kept after the mask', () => {
    const text = 'token=tok_live_\x1b[01;31m\x1b[Kabc\x1b[m\x1b[K123XYZ789\n';
    for (const out of everySplit(rules, text)) {
      assert.ok(!seen(out).includes('abc123'), JSON.stringify(out));
      assert.strictEqual(out, `token=${MASK}\x1b[01;31m\x1b[K\x1b[m\x1b[K\n`);
    }
  });

  it('a highlight that begins inside the secret still ends: its reset is kept', () => {
    const text = '\x1b[01;31m\x1b[Ktok_live\x1b[m\x1b[K_abc123XYZ789 and more\n';
    for (const out of everySplit(rules, text)) { assert.strictEqual(out, `\x1b[01;31m\x1b[K${MASK}\x1b[m\x1b[K and more\n`); }
  });

  it('a CR, U+009B, or a two-character ESC sequence inside it: masked', () => {
    for (const inside of ['\r', '\u009b', '\x1b(B', '\x1b[2K\r', '\u009b\x1b[31m']) {
      const text = `a tok_live_${inside}abc123XYZ789 b\n`;
      for (const out of everySplit(rules, text)) { assert.ok(!seen(out).includes('abc123'), `${JSON.stringify(inside)}: ${JSON.stringify(out)}`); }
    }
  });

  it('coloured output without a secret comes out byte for byte as it went in, however it is split', () => {
    const text = '\x1b[32m✔\x1b[0m passed\r\x1b[2K[####      ] 40%\r\x1b[2K\x1b[1;31mtok_live_\x1b[0m abc \u009b é\n';
    for (const out of everySplit(rules, text)) { assert.strictEqual(out, text); }
  });

  it('colours around a secret stay: only the secret becomes the mask', () => {
    const text = 'deploy \x1b[33mtok_live_abc123XYZ789\x1b[0m done\n';
    for (const out of everySplit(rules, text)) { assert.strictEqual(out, `deploy \x1b[33m${MASK}\x1b[0m done\n`); }
  });

  it('a secret inside a hyperlink\'s URL (OSC 8 payload, kept in the saved log) is masked there too', () => {
    const text = `\x1b]8;;https://example.test/?t=${SECRET}\x1b\\link\x1b]8;;\x1b\\\n`;
    for (const out of everySplit(rules, text)) { assert.ok(!out.includes(SECRET), JSON.stringify(out)); }
  });

  it('a multi-line value printed with CRLF line ends is masked whole', () => {
    const multi = new MaskRules(['line-one-of-key\nline-two-of-key']);
    for (const out of everySplit(multi, 'k: line-one-of-key\r\nline-two-of-key\r\n')) { assert.strictEqual(out, `k: ${MASK}\r\n`); }
  });

  it('randomized: sequences and CRs anywhere inside secrets, any split: what a terminal shows never holds a secret', () => {
    const secrets = ['tok_live_abc123XYZ789', 'p@ss w0rd!', 'ghp_0123456789abcdef'];
    const many = new MaskRules(secrets);
    const inserts = ['\x1b[01;31m', '\x1b[m', '\x1b[K', '\r', '\u009b', '\x1b(B', '\x1b[38;5;208m'];
    const rng = new Lcg(42);
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let k = rng.next(4); k >= 0; k--) {
        const secret = secrets[rng.next(secrets.length)];
        let written = '';
        for (const ch of secret) { written += (rng.next(4) === 0 ? inserts[rng.next(inserts.length)] : '') + ch; }
        text += `${rng.word(['a', 'b', ' ', '\x1b[32m', 'é', '\n'], 0, 6)}${written}`;
      }
      const bytes = Buffer.from(text, 'utf8');
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += pieces[pieces.length - 1].length) { pieces.push(bytes.subarray(at, at + 1 + rng.next(12))); }
      for (const out of [streamed(many, pieces), streamed(many, [bytes]), maskText(text, many)]) {
        for (const s of secrets) { assert.ok(!seen(out).includes(s), JSON.stringify({ text, out })); }
        // What is left of the text is as it was: the output without its masks is the text without the masked secrets.
        assert.ok(seen(out).split(MASK).every((part) => seen(text).includes(part)), JSON.stringify({ text, out }));
      }
    }
  });
});
