import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { loadPipeline, readConfigText, readRepositoryText } from '../../../src/core/config/index';
import { withDeadline } from '../deploy/helpers';
import { FakeIo } from '../cli/fakeIo';
import { initRepo } from '../../support/git';

/** Issue 13, defect 8: only a regular file inside the repository, at most 1 MiB, is read as .gearshift.yml. */
describe('config: what is read as .gearshift.yml', function () {
  this.timeout(20_000);
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-cfgfile-')));
    initRepo(path.join(dir, 'repo'));
    file = path.join(dir, 'repo', '.gearshift.yml');
  });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  const GOOD = 'version: 1\nstages:\n  - name: A\n    run: echo a\n';
  const only = (r: Awaited<ReturnType<typeof loadPipeline>>): string => {
    assert.equal(r.ok, false);
    return r.ok ? '' : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n');
  };

  it('a FIFO is refused at once (no writer needed), by loadPipeline and by `gearshift validate`', async () => {
    execFileSync('mkfifo', [file]);
    assert.match(only(await withDeadline(loadPipeline(file), 3_000, 'loadPipeline hung on a FIFO')), /is a FIFO \(named pipe\), not a regular file/);
    const io = new FakeIo(path.dirname(file), {});
    assert.equal(await withDeadline(main(['validate'], io), 3_000, 'validate hung on a FIFO'), 2);
    assert.match(io.err + io.out, /FIFO/);
  });

  it('a symlink leading outside the repository is refused without echoing the target', async () => {
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'TOKEN=hunter2-secret\n');
    fs.symlinkSync(secret, file);
    const message = only(await loadPipeline(file));
    assert.match(message, /link to a file outside the repository/);
    assert.doesNotMatch(message, /hunter2/);
  });

  it('a symlink to a file inside the repository is read', async () => {
    fs.writeFileSync(path.join(dir, 'repo', 'pipeline.yml'), GOOD);
    fs.symlinkSync('pipeline.yml', file);
    const r = await loadPipeline(file);
    assert.equal(r.ok, true, JSON.stringify(r));
  });

  it('a file over 1 MiB is refused before it is parsed', async () => {
    fs.writeFileSync(file, `${GOOD}# ${'x'.repeat(1024 * 1024)}\n`);
    const message = only(await loadPipeline(file));
    assert.match(message, /^1:1: .* is 1048\d{3} bytes; a pipeline file may be at most 1024 KiB \(1048576 bytes\)$/);
  });
  it('another file read by the same rule names itself in the size refusal (the export\'s CI file)', async () => {
    const ci = path.join(dir, 'repo', 'gearshift.yml');
    fs.writeFileSync(ci, 'x'.repeat(1024 * 1024 + 1));
    const r = await readRepositoryText(ci, 'the CI file');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /is 1048577 bytes; the CI file may be at most 1024 KiB \(1048576 bytes\)$/);
  });
  it('decodes exactly as a strict TextDecoder: the same text, BOM dropped, and every invalid sequence refused', async () => {
    const samples: Array<[string, number[]]> = [
      ['ascii', [...Buffer.from(GOOD)]],
      ['BOM first', [0xef, 0xbb, 0xbf, ...Buffer.from(GOOD)]],
      ['BOM twice', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]],
      ['accents and emoji', [...Buffer.from('# déploiement 🚀 ＡＢ\n')]],
      ['noncharacter U+FFFE (valid)', [0xef, 0xbf, 0xbe]],
      ['overlong slash', [0x61, 0xc0, 0xaf]],
      ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
      ['surrogate D800', [0x61, 0xed, 0xa0, 0x80]],
      ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
      ['truncated at the end', [0x61, 0xe2, 0x82]],
      ['lone continuation', [0x80, 0x61]],
      ['0xff', [0x61, 0x62, 0xff]],
    ];
    for (const [what, bytes] of samples) {
      fs.writeFileSync(file, Buffer.from(bytes));
      const r = await readConfigText(file);
      let expected: string | undefined;
      try { expected = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bytes)); } catch { expected = undefined; }
      if (expected === undefined) {
        assert.equal(r.ok, false, what);
        assert.match(r.ok ? '' : r.message, /is not valid UTF-8/, what);
      } else {
        assert.deepEqual(r, { ok: true, text: expected }, what);
      }
    }
  });
});
