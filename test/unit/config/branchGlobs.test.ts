/**
 * A `branches:` glob means the same locally and in the exported filters: what GitHub reads
 * otherwise (`[…]`, `?`, a leading `!`) is refused at its place, `+` and `]` are escaped there.
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { parsePipelineText } from '../../../src/core/config';
import { exportPipeline } from '../../../src/core/export';
import { parseOk } from '../../support/exportFixtures';

const STAGES = 'stages:\n  - name: Test\n    run: "true"\n';

describe('config: branch globs with one meaning here and in GitHub\'s filters', () => {
  it('refuses `[…]`, `?` and a leading `!`, each at its item, with what to write instead', () => {
    const text = `version: 1\ntrigger: commit\nbranches: ["release/[0-9]*", "hotfix+", "!main", "v?"]\n${STAGES}`;
    const result = parsePipelineText(text, '/repo/.gearshift.yml');
    assert.ok(!result.ok);
    const found = result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
    assert.strictEqual(found.length, 3, found.join('\n'));
    assert.match(found[0], /^3:12: `branches`: "release\/\[0-9\]\*": `\[…\]` is not glob syntax here .*use `\*`$/);
    assert.match(found[1], /^3:41: `branches`: "!main": a leading `!` does not exclude branches here/);
    assert.match(found[2], /^3:50: `branches`: "v\?": `\?` would mean "one character" here but "the previous character, optional" in GitHub's filters; use `\*`$/);
  });

  it('the GitHub export escapes `+` and `]`, literal here, so GitHub reads them as the same text', () => {
    const pipeline = parseOk(`version: 1\ntrigger: commit\nbranches: ["hotfix+", "a]b", "release/**"]\n${STAGES}`);
    const doc = parse(exportPipeline(pipeline, { target: 'github' })) as { on: { push: { branches: string[] } } };
    assert.deepStrictEqual(doc.on.push.branches, ['hotfix\\+', 'a\\]b', 'release/**']);
  });
});
