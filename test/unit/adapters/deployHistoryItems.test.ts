import * as assert from 'node:assert/strict';
import type { DeployRecord } from '../../../src/core/deploy';
import { withoutIcons } from '../../../src/core/format';
import { deployHistoryItem } from '../../../src/vscode/deploy/deployHistoryItems';

const RECORD: DeployRecord = {
  id: 'd1', environment: 'production', sha: 'abcdef0123456789abcdef0123456789abcdef01', slot: 'blue',
  at: '2026-12-06T12:00:00Z', runId: 'run-1', kind: 'deploy', result: 'ok',
};

/**
 * Show Deploy History (a11y32 #10): a deploy's result was only its icon, which VS Code reads out
 * by the icon's name ("pass", "error"). The record's own word is in the label, for every result.
 */
describe('adapters: Show Deploy History\'s items say each result in the record\'s word', () => {
  it('ok, alert, inconclusive and failed are words in the label, next to their icons', () => {
    const labels = (['ok', 'alert', 'inconclusive', 'failed'] as const).map((result) => deployHistoryItem({ ...RECORD, result }).label);
    assert.deepEqual(labels, [
      '$(pass) ok: production deploy → blue',
      '$(warning) alert: production deploy → blue',
      '$(question) inconclusive: production deploy → blue',
      '$(error) failed: production deploy → blue',
    ]);
    assert.equal(withoutIcons(labels[3]), 'failed: production deploy → blue', 'what is left without the icon still says it');
  });

  it('data stays data: a slot or approver that looks like an icon is shown as written', () => {
    const item = deployHistoryItem({ ...RECORD, slot: '$(pass)', approvedBy: '$(x)', message: 'fine' });
    assert.equal(item.label, '$(pass) ok: production deploy → \\$(pass)');
    assert.ok(item.description.startsWith('abcdef01 · ') && item.description.endsWith(' · by \\$(x)'), item.description);
    assert.equal(item.detail, 'fine');
  });
});
