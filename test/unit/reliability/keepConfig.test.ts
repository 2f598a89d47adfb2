import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parsePipelineText } from '../../../src/core/config';

const FILE = path.join(path.resolve('/repo'), '.gearshift.yml');
const parse = (...lines: string[]): ReturnType<typeof parsePipelineText> => parsePipelineText(`${lines.join('\n')}\n`, FILE);

describe('reliability: `keep:` in .gearshift.yml', () => {
  it('`keep: true` marks a stage whose leftovers are left running', () => {
    const r = parse('version: 1', 'stages:', '  - name: Serve', '    run: ./serve.sh', '    keep: true');
    assert.ok(r.ok);
    assert.equal(r.pipeline.stages[0].keep, true);
  });

  it('`keep: false` or no `keep` is the default (nothing outlives the stage)', () => {
    const r = parse('version: 1', 'stages:', '  - name: A', '    run: a', '    keep: false', '  - name: B', '    run: b');
    assert.ok(r.ok);
    assert.equal(r.pipeline.stages[0].keep, undefined);
    assert.equal(r.pipeline.stages[1].keep, undefined);
  });

  it('a `keep` that is not a boolean is an error with its line', () => {
    const r = parse('version: 1', 'stages:', '  - name: A', '    run: a', '    keep: maybe');
    assert.ok(!r.ok);
    assert.equal(r.errors[0].line, 5);
    assert.match(r.errors[0].message, /keep/);
  });
});
