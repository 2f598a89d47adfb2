import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { statusTooltipParts, TOOLTIP_COMMANDS, type StatusModel, type TooltipPart } from '../../../src/core/render';
import { waitingGate } from '../../../src/cli/commands/deployGateWait';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const markdown = (parts: TooltipPart[]): string => parts.filter((p) => 'markdown' in p).map((p) => (p as { markdown: string }).markdown).join('');
const running = (gate: RunRecord['stages'][number]['state']): RunRecord => ({
  id: 'run-1', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'commit', state: 'running', startedAt: '2026-12-07T11:59:00Z',
  stages: [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 5 }, { name: 'Deploy Prod', state: gate, exitCode: null, durationMs: 0 }],
} as RunRecord);

describe('a gate waiting for a person (review39 L9, L7)', () => {
  const model = (gate: RunRecord['stages'][number]['state']): StatusModel => {
    const status = { kind: 'running' as const, run: running(gate), stage: 'Deploy Prod', index: 2, total: 2 };
    return { status, folders: [{ name: 'app', status, notes: [] }] };
  };

  it('the status tooltip offers "Answer approval…" (the command the item\'s click runs) beside Open log, only while a gate waits', () => {
    const md = markdown(statusTooltipParts(model('waiting-approval'), NOW));
    assert.match(md, /\[\$\(question\) Answer approval…\]\(command:gearshift\.answerApproval\) · \[\$\(output\) Open log\]/);
    assert.ok(TOOLTIP_COMMANDS.includes('gearshift.answerApproval'), 'the link may run: it is on the allow-list');
    assert.doesNotMatch(markdown(statusTooltipParts(model('running'), NOW)), /answerApproval/);
  });

  it('the CLI reads a waiting gate off history: the next open stage is a manual gate and no stage process started', () => {
    const gates = new Set(['Deploy Prod']);
    assert.equal(waitingGate(running('pending'), gates), 'Deploy Prod');
    assert.equal(waitingGate({ ...running('pending'), processes: [{ stage: 'Deploy Prod', pgid: 42 }] } as RunRecord, gates), undefined, 'its process started: it runs');
    assert.equal(waitingGate(running('pending'), new Set()), undefined, 'not a manual gate');
    const earlier = running('pending');
    earlier.stages[0] = { name: 'Unit Tests', state: 'pending', exitCode: null, durationMs: 0 };
    assert.equal(waitingGate(earlier, gates), undefined, 'a stage before it has not ended');
  });
});
