/**
 * Run ids and lock tokens without node:crypto (src/core/ids): the same v4 format as
 * crypto.randomUUID, from the kernel's random device, and still random where that device
 * cannot be used (missing, or a plain file planted in its place).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomSource, randomUuid } from '../../../src/core/ids';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids/randomUuid: v4 UUIDs from the kernel, without loading node:crypto', () => {
  const original = randomSource.path;
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-ids-')); });
  afterEach(() => { randomSource.path = original; fs.rmSync(dir, { recursive: true, force: true }); });

  it('gives crypto.randomUUID\'s format, and 20,000 of them are all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = randomUuid();
      assert.match(id, V4);
      seen.add(id);
    }
    assert.equal(seen.size, 20_000);
  });

  it('uses every bit it should: each random hex digit position takes many values', () => {
    const ids = Array.from({ length: 2000 }, randomUuid);
    for (let pos = 0; pos < 36; pos++) {
      if ([8, 13, 14, 18, 23].includes(pos)) { continue; } // dashes, the version digit
      const values = new Set(ids.map((id) => id[pos]));
      assert.ok(values.size >= (pos === 19 ? 4 : 14), `position ${pos} took only ${[...values].join('')}`);
    }
  });

  it('loads no node:crypto when the kernel device is there (a fresh process)', function () {
    if (!fs.existsSync('/dev/urandom')) { this.skip(); }
    const script = `const { randomUuid } = require(${JSON.stringify(require.resolve('../../../src/core/ids'))});
      const id = randomUuid();
      process.stdout.write(JSON.stringify({ id, crypto: process.moduleLoadList.some((m) => /^NativeModule (internal\\/)?crypto/.test(m)) }));`;
    const file = path.join(dir, 'probe.js'); // a file, not -e: \`node -e\` itself loads crypto
    fs.writeFileSync(file, script);
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS; // a CA bundle to load brings crypto in at start-up
    delete env.NODE_OPTIONS;
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { id: string; crypto: boolean };
    assert.match(out.id, V4);
    assert.equal(out.crypto, false);
  });

  it('falls back to crypto when the device is missing, or is a plain file someone put there', () => {
    const planted = path.join(dir, 'urandom');
    fs.writeFileSync(planted, Buffer.alloc(64)); // all zero: an id from it would be 00000000-0000-4000-8000-…
    for (const source of [path.join(dir, 'missing'), planted]) {
      randomSource.path = source;
      const ids = new Set(Array.from({ length: 100 }, randomUuid));
      assert.equal(ids.size, 100, source);
      for (const id of ids) { assert.match(id, V4); assert.notEqual(id, '00000000-0000-4000-8000-000000000000'); }
    }
  });
});
