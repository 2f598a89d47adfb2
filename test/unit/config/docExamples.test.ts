import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatConfigError, parsePipelineText } from '../../../src/core/config';

/** The repository root, from out/test/unit/config. */
const ROOT = path.resolve(__dirname, '../../../..');
const FILE = '/repo/.gearshift.yml';

/** Every fenced yaml block of README.md and docs/*.md that holds a `stages:` key: a `.gearshift.yml` example. */
function pipelineExamples(): Array<{ where: string; text: string }> {
  const files = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.flatMap((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    return [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)]
      .filter((m) => /^stages:/m.test(m[1]))
      .map((m) => ({ where: `${file}:${text.slice(0, m.index).split('\n').length}`, text: /^version:/m.test(m[1]) ? m[1] : `version: 1\n${m[1]}` }));
  });
}

describe('docs: every .gearshift.yml example validates', () => {
  const examples = pipelineExamples();
  it('finds the examples (configuration.md\'s "every key" among them)', () => {
    assert.ok(examples.some((e) => e.where.startsWith('docs/configuration.md:')), examples.map((e) => e.where).join(', '));
  });
  for (const { where, text } of examples) {
    it(`${where} validates`, () => {
      const r = parsePipelineText(text, FILE);
      assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
    });
  }
});
