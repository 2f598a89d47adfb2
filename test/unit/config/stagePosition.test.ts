import * as assert from 'node:assert/strict';
import { stageRunSpan } from '../../../src/core/config';

describe('config: where a stage\'s run: command is in the file', () => {
  const text = [
    '# comments first, as in the starter',
    'version: 1',
    'stages:',
    '  - name: Unit Tests',
    '    run: npm test',
    '  - name: "Provision Non-Prod"',
    '    environment: non-prod',
    '    run: \'echo "TODO: provision" && exit 1\'',
    '  - name: Gate',
    '    approval: manual',
    '',
  ].join('\n');
  const at = (name: string): string | undefined => { const s = stageRunSpan(text, name); return s && text.slice(s.start, s.end); };

  it('is the run: value of the named stage, quotes and all, past stages with other names', () => {
    assert.equal(at('Provision Non-Prod'), '\'echo "TODO: provision" && exit 1\'');
    assert.equal(at('Unit Tests'), 'npm test');
  });

  it('is the name for a stage with no run:, and nothing for a stage not in the file or a file that is no pipeline', () => {
    assert.equal(at('Gate'), 'Gate');
    assert.equal(at('Deploy'), undefined);
    assert.equal(stageRunSpan('just: [a', 'Unit Tests'), undefined);
    assert.equal(stageRunSpan('- a\n- b\n', 'a'), undefined);
  });
});
