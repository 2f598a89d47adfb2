/**
 * A failed switch's message keeps only the script's last lines. Before, nothing said the start
 * was cut (a 20 MB output read as if its last 15 lines were all of it); now a mark says how many
 * bytes were left out, as stage logs do, with and without secrets to mask.
 */
import * as assert from 'node:assert/strict';
import { SwitchOutput } from '../../../src/core/deploy/switchSecrets';
import { ResolvedSecrets } from '../../../src/core/secrets';

describe('deploy: the switch output tail marks what it left out', () => {
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1} é`);
  const text = `switching to green\n${lines.join('\n')}\n`;

  function feed(out: SwitchOutput): void {
    for (let i = 0; i < text.length; i += 7) { out.write(i % 2 === 0 ? 'stdout' : 'stderr', text.slice(i, i + 7)); }
    out.end();
  }

  it('says how many bytes came before the last lines, exactly', () => {
    const out = new SwitchOutput(undefined);
    feed(out);
    const kept = lines.slice(-15).join('\n');
    const leftOut = Buffer.byteLength(text) - Buffer.byteLength(`${kept}\n`);
    assert.equal(out.tail('unused'), `[… gearshift: ${leftOut} bytes of the switch's output left out here …]\n${kept}`);
  });

  it('masked, the same mark; short output has none', () => {
    const masked = new SwitchOutput(new ResolvedSecrets(new Map([['T', 'line 3 é']])));
    feed(masked);
    assert.match(masked.tail(''), /^\[… gearshift: \d+ bytes of the switch's output left out here …\]\nline 26 é/);
    const short = new SwitchOutput(undefined);
    short.write('stdout', 'made green live\nswitch failed\n');
    assert.equal(short.tail('unused'), 'made green live\nswitch failed');
  });
});
