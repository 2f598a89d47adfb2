import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { WorkspacePipelines } from '../../src/vscode/pipeline/workspacePipelines';
import { noticeStoppedDeploys } from '../../src/vscode/deploy/stoppedDeployNotice';
import { api, usePipeline, waitFor, workspaceFolder } from './helpers';

/** A production stage that waits (bounded) for a file: the deploy is in flight until the test lets it go. */
function slowProduction(dir: string): string {
  return `version: 1
stages:
  - name: Deploy Prod
    run: i=0; while [ ! -e "${dir}/go" ]; do i=$((i+1)); [ $i -gt 1500 ] && exit 9; sleep 0.02; done
    environment: production
deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: printf '%s' "$GEARSHIFT_SLOT" > "${dir}/live"
`;
}

/** workspaceState as a Map. */
function memory(): vscode.Memento {
  const m = new Map<string, unknown>();
  return { keys: () => [...m.keys()], get: <T>(k: string, d?: T) => (m.has(k) ? m.get(k) : d) as T, update: (k: string, v: unknown) => { m.set(k, v); return Promise.resolve(); } };
}

/**
 * edjourney 18: a window reload during a production deploy cancelled it silently. The harness
 * cannot reload code-server's window, so this does what a reload does to the extension: the
 * parts' shutdown (deactivate's `pipelines.shutdown()`) while the production stage runs, then a
 * new WorkspacePipelines reads the history as the next activation does, and the notice is told once.
 */
describe('a production deploy stopped by the window\'s shutdown in the real extension host', () => {
  it('is told once at the next activation, naming the commit and the slot still live', async () => {
    await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-stopped-'));
    const restore = usePipeline(slowProduction(dir));
    const before = new WorkspacePipelines();
    let after: WorkspacePipelines | undefined;
    try {
      const fp = before.get(workspaceFolder());
      const started = await fp.engine.start({ trigger: 'manual' });
      assert.strictEqual(started.kind, 'started', JSON.stringify(started));
      await waitFor('the production stage to run', () => fp.engine.current?.record.stages[0]?.state === 'running');
      await before.shutdown(); // what deactivate awaits when the window reloads
      const record: RunRecord | undefined = started.kind === 'started' ? await started.done : undefined;
      assert.strictEqual(record?.state, 'cancelled');

      after = new WorkspacePipelines(); // the next activation
      const shown: string[] = [];
      const show = (text: string): Thenable<string | undefined> => { shown.push(text); return Promise.resolve(undefined); };
      const remembered = memory();
      await noticeStoppedDeploys(remembered, after, show);
      assert.strictEqual(shown.length, 1, JSON.stringify(shown));
      assert.match(shown[0], new RegExp(`^Gearshift: The production deploy of ${record.sha.slice(0, 8)} was stopped by the window reload \\(or close\\); `
        + '((blue|green) is still live|nothing was switched to (blue|green), and no slot is recorded as live)\\.$'));
      await noticeStoppedDeploys(remembered, after, show);
      assert.strictEqual(shown.length, 1, 'told once per run');
    } finally {
      before.dispose();
      after?.dispose();
      restore();
      fs.rmSync(dir, { recursive: true, force: true });
      await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'); // green again for the suites after
    }
  });
});
