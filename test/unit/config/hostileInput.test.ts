import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPipeline, parsePipelineText } from '../../../src/core/config/index';
import type { LoadResult } from '../../../src/core/config/index';

/**
 * Issue 13, defect 12: configs that could never run are refused at validate time, each with one
 * precise, short `line:col` error; input is never silently altered and never quoted unbounded.
 */
const FILE = '/repo/.gearshift.yml';
const stage = (lines: string[]): string => ['version: 1', 'stages:', '  - name: A', ...lines.map((l) => `    ${l}`), ''].join('\n');
function errors(r: LoadResult): string[] {
  assert.equal(r.ok, false, 'must be refused');
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

describe('config: hostile input', () => {
  it('a NUL character in `run` or an env value is refused where it is', () => {
    const [run] = errors(parsePipelineText(stage(['run: "echo a\\0b"']), FILE));
    assert.match(run, /^4:10: stage "A": `run` contains a NUL character/);
    const [env] = errors(parsePipelineText(stage(['run: echo', 'env:', '  X: "a\\0"']), FILE));
    assert.match(env, /^6:10: stage "A": `env` X contains a NUL character/);
  });

  it('a `run` or env entry over 128 KiB, or a stage over 1 MiB in total, is refused: it could never start', () => {
    const big = 'x'.repeat(130 * 1024);
    const [run] = errors(parsePipelineText(stage([`run: echo ${big}`]), FILE));
    assert.match(run, /^4:10: stage "A": `run` is 130 KiB; a command may be at most 128 KiB/);
    assert.ok(run.length < 300);
    const [env] = errors(parsePipelineText(stage(['run: echo', 'env:', `  X: ${big}`]), FILE));
    assert.match(env, /^6:10: stage "A": `env` X is 130 KiB; one environment entry may be at most 128 KiB/);
    const v = 'y'.repeat(100 * 1024);
    const aliased = ['version: 1', 'stages:', '  - name: A', '    run: echo', '    env:', `      A: &v ${v}`, ...'BCDEFGHIJKL'.split('').map((k) => `      ${k}: *v`), ''].join('\n');
    const [total] = errors(parsePipelineText(aliased, FILE));
    assert.match(total, /^3:5: stage "A": `run` and `env` together are 1200 KiB; a stage may pass at most 1024 KiB/);
  });

  it('quotes of the input are cut to 80 characters, whatever its size', () => {
    const [e] = errors(parsePipelineText(`version: ${'v'.repeat(900_000)}\nstages: []\n`, FILE));
    assert.match(e, /^1:10: `version` must be the number 1, not the text "v{79}…"/);
    assert.ok(e.length < 200, `${e.length} characters`);
    const named = errors(parsePipelineText(stage([`timeout: ${'9'.repeat(5000)}x`, 'run: echo']).replace('name: A', `name: ${'N'.repeat(5000)}`), FILE));
    assert.ok(named.every((m) => m.length < 400), named.join('\n'));
  });

  it('deep nesting is "nesting too deep" at its line:col, not a stack overflow', () => {
    const flow = errors(parsePipelineText(`version: 1\nstages: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, FILE));
    assert.deepEqual(flow, ['2:72: nesting too deep: lists and mappings may be nested at most 64 levels; flatten the structure']);
    let block = 'version: 1\nstages:\n';
    for (let i = 0; i < 2000; i++) { block += `${' '.repeat(i + 1)}- \n`; }
    const [b] = errors(parsePipelineText(block, FILE));
    assert.match(b, /^66:\d+: nesting too deep/);
  });

  it('bytes that are not UTF-8 are refused at their line:col instead of becoming U+FFFD', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-utf8-')));
    try {
      const file = path.join(dir, '.gearshift.yml');
      fs.writeFileSync(file, Buffer.concat([Buffer.from(stage(['run: echo caf'])), Buffer.from([0xe9]), Buffer.from('\n')]));
      const text = fs.readFileSync(file);
      fs.writeFileSync(file, Buffer.concat([text.subarray(0, text.length - 3), Buffer.from([0xe9]), Buffer.from('\n')]));
      const [e] = errors(await loadPipeline(file));
      assert.match(e, /^4:18: byte 0xe9 at byte \d+ is not valid UTF-8; save the file as UTF-8$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
