import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import type { RemoteStatus } from '../../../src/core/remote';
import { statusTooltipParts, TOOLTIP_COMMANDS, type StatusModel, type TooltipPart } from '../../../src/core/render';

const run = (): RunRecord => ({ id: 'r1', sha: 'a'.repeat(40), branch: 'main', trigger: 'manual', startedAt: '2026-12-02T10:00:00.000Z', endedAt: '2026-12-02T10:01:00.000Z', state: 'green', stages: [] });
const markdown = (parts: TooltipPart[]): string => parts.map((p) => ('markdown' in p ? p.markdown : '')).join('');
const texts = (parts: TooltipPart[]): string => parts.map((p) => ('text' in p ? p.text : '')).join('');

describe('status tooltip: the remote line', () => {
  it('a red remote run beside a green local one: its name and detail as text, a Refresh link', () => {
    const remote: RemoteStatus = { state: 'failure', provider: 'github', name: '[x](command:evil) CI', detail: 'failure', jobs: [] };
    const model: StatusModel = { status: { kind: 'green', run: run() }, folders: [{ name: 'api', status: { kind: 'green', run: run() }, notes: [], remote }] };
    const parts = statusTooltipParts(model, Date.parse('2026-12-02T11:00:00Z'));
    assert.match(texts(parts), /remote red — \[x\]\(command:evil\) CI · failure/);
    assert.doesNotMatch(markdown(parts), /evil/, 'server text never reaches the Markdown');
    assert.match(markdown(parts), /\(command:gearshift\.refreshRemoteStatus\)/);
    assert.ok(TOOLTIP_COMMANDS.includes('gearshift.refreshRemoteStatus'));
  });

  it('off: the hint, no Refresh link; several folders: the label on each line', () => {
    const off: RemoteStatus = { state: 'off', hint: 'no token: run "Gearshift: Set GitLab Token…"', jobs: [] };
    const one: StatusModel = { status: { kind: 'green', run: run() }, folders: [{ name: 'api', status: { kind: 'green', run: run() }, notes: [], remote: off }] };
    const parts = statusTooltipParts(one, 0);
    assert.match(texts(parts), /remote status off — no token: run "Gearshift: Set GitLab Token…"/);
    assert.doesNotMatch(markdown(parts), /refreshRemoteStatus/);
    const two: StatusModel = { ...one, folders: [...one.folders, { name: 'web', status: { kind: 'green', run: run() }, notes: [] }] };
    assert.match(texts(statusTooltipParts(two, 0)), /api.*green · remote status off/s);
    const notRun: StatusModel = { status: { kind: 'notRun' }, folders: [{ name: 'api', status: { kind: 'notRun' }, notes: [], remote: off }] };
    assert.match(texts(statusTooltipParts(notRun, 0)), /not run in this clone yet.*remote status off/s, 'shown before the first local run too');
  });
});
