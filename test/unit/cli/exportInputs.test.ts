/**
 * `--out` may never name what the export is made from: `--force` is for an old hand-written CI
 * file, not for the pipeline or its flags. And the out path, written into the header's comment,
 * cannot add lines to the file.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TALK_PIPELINE } from '../../support/exportFixtures';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

describe('gearshift export --out: never the export\'s own input', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function repo(): string {
    const dir = ws.repo(TALK_PIPELINE);
    fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
    return dir;
  }

  it('refuses the pipeline file itself, also with --force and from another folder (exit 2, file kept)', async () => {
    const dir = repo();
    const config = path.join(dir, '.gearshift.yml');
    const before = fs.readFileSync(config, 'utf8');
    for (const [cwd, out] of [[dir, '.gearshift.yml'], [path.join(dir, 'app'), '../.gearshift.yml']]) {
      for (const extra of [['--force'], ['--check'], []]) {
        const result = await runMain(['export', 'github', '--out', out, ...extra], { cwd });
        assert.strictEqual(result.code, 2, `${out} ${extra.join(' ')}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, /--out .*\.gearshift\.yml is the pipeline file the export is made from; nothing written/);
        assert.strictEqual(fs.readFileSync(config, 'utf8'), before);
      }
    }
  });

  it('refuses a flags file (exit 2, file kept)', async () => {
    const dir = repo();
    const flags = path.join(dir, 'flags.json');
    const text = '{"flags": {}}\n';
    fs.writeFileSync(flags, text);
    const result = await runMain(['export', 'gitlab', '--out', 'flags.json', '--force'], { cwd: dir });
    assert.strictEqual(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /--out flags\.json is a flags file the export is made from; nothing written/);
    assert.strictEqual(fs.readFileSync(flags, 'utf8'), text);
  });

  it('an out path with a line break is refused: it would add lines to the header comment', async () => {
    const dir = repo();
    const out = 'evil\njobs: {}\n#.yml';
    const result = await runMain(['export', 'github', '--out', out], { cwd: dir });
    assert.strictEqual(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /--out: the path holds a line break or control character/);
    assert.ok(!fs.existsSync(path.join(dir, out)));
  });
});
