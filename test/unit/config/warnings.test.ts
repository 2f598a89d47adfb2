import * as assert from 'node:assert/strict';
import { everyBranchWarning, parsePipelineText, queueAllWarning } from '../../../src/core/config';

const file = (head: string): string => `version: 1\n${head}stages:\n  - name: Test\n    run: "true"\n`;

/** A valid file's warnings carry positions as errors do, so the editor shows them on their line (Problems panel). */
describe('config: warnings of a valid file, positioned', () => {
  it('queue: all under checkout: workspace: the warning validate prints, on the queue: line (key to value)', () => {
    const text = file('trigger: commit\nqueue:   all   # each commit\n');
    const result = parsePipelineText(text, '/repo/.gearshift.yml');
    assert.ok(result.ok);
    const [warning, ...more] = result.warnings ?? assert.fail('no warnings');
    assert.deepEqual(more, []);
    assert.equal(warning.message, queueAllWarning({ trigger: 'commit', queue: 'all', checkout: 'workspace' }));
    assert.deepEqual([warning.file, warning.line, warning.col], ['/repo/.gearshift.yml', 3, 1]);
    assert.equal(text.slice(warning.offset, warning.endOffset), 'queue:   all');
  });

  it('none with checkout: clean, queue: latest, or trigger: manual', () => {
    for (const head of ['trigger: commit\nqueue: all\ncheckout: clean\n', 'trigger: commit\nqueue: latest\n', 'queue: all\n']) {
      const result = parsePipelineText(file(head), '/repo/.gearshift.yml');
      assert.ok(result.ok, head);
      assert.equal(result.warnings, undefined, head);
    }
  });

  // review40 M1: documented ("absent = every branch"), so valid; but a feature branch's first commit ships to production.
  describe('trigger: commit with no branches: and a production stage', () => {
    const prod = (head: string): string => `version: 1\n${head}stages:\n  - name: Test\n    run: "true"\n  - name: Deploy\n    run: "true"\n    environment: production\n`;

    it('warns once, on the trigger: line, naming the fix', () => {
      const text = prod('trigger: commit\n');
      const result = parsePipelineText(text, '/repo/.gearshift.yml');
      assert.ok(result.ok);
      const [warning, ...more] = result.warnings ?? assert.fail('no warnings');
      assert.deepEqual(more, []);
      assert.equal(warning.message, everyBranchWarning(result.pipeline));
      assert.match(warning.message, /every branch's commits .* deploy to production; add `branches: \[main\]`/);
      assert.deepEqual([warning.line, warning.col], [2, 1]);
      assert.equal(text.slice(warning.offset, warning.endOffset), 'trigger: commit');
    });

    it('none with branches:, with trigger: manual, or with no production stage', () => {
      const texts = [prod('trigger: commit\nbranches: [main]\n'), prod('trigger: manual\n'), prod(''), file('trigger: commit\n')];
      for (const text of texts) {
        const result = parsePipelineText(text, '/repo/.gearshift.yml');
        assert.ok(result.ok, text);
        assert.equal(result.warnings, undefined, text);
      }
    });
  });
});

