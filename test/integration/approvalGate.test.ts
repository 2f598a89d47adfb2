import * as assert from 'assert';
import { WorkspacePipelines } from '../../src/vscode/pipeline/workspacePipelines';
import { api, patchWindow, usePipeline, waitFor, workspaceFolder } from './helpers';

/** One question the window was asked: its text, buttons, whether modal and its detail; `answer` gives the click. */
interface Asked { message: string; items: string[]; modal: boolean; detail?: string; answer: (d: string | undefined) => void }

/** vscode.window's warnings held until the test answers them; information messages recorded. */
function holdQuestions(): { asked: Asked[]; told: string[]; unpatch: () => void } {
  const asked: Asked[] = [];
  const told: string[] = [];
  const unpatch = patchWindow({
    showWarningMessage: (message: string, ...rest: unknown[]) => new Promise((answer) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? rest.shift() as { modal?: boolean; detail?: string } : {};
      asked.push({ message, items: rest as string[], modal: options.modal === true, detail: options.detail, answer });
    }),
    showInformationMessage: (m: string) => { told.push(m); return Promise.resolve(undefined); },
  });
  return { asked, told, unpatch };
}

/**
 * rereview37 F10, F3: a gate whose command takes several lines is not approved from the notification,
 * which shows one line: it offers Review… (the dialog with the whole command) and Decline. A
 * notification still up after its gate was answered elsewhere says so when clicked.
 */
describe('Manual gates asked in the real extension host', () => {
  let pipelines: WorkspacePipelines | undefined;
  let restore: (() => void) | undefined;

  beforeEach(async () => { await api(); pipelines = new WorkspacePipelines(); });

  afterEach(async () => {
    await pipelines?.shutdown();
    pipelines?.dispose();
    restore?.();
    restore = undefined;
  });

  it('a multi-line command: Review… shows it whole before Approve; a stale notification says the gate was already answered', async () => {
    restore = usePipeline(['version: 1', 'stages:', '  - name: Deploy', '    run: |', '      set -eu', '      echo deployed', '    approval: manual',
      '  - name: Tag', '    run: echo tagged', '    approval: manual', ''].join('\n'));
    const { asked, told, unpatch } = holdQuestions();
    try {
      const started = await pipelines!.get(workspaceFolder()).engine.start({ trigger: 'manual' });
      assert.strictEqual(started.kind, 'started');
      await waitFor('the first gate to be asked', () => asked.length === 1);
      assert.deepStrictEqual(asked[0].items, ['Review…', 'Decline']);
      assert.match(asked[0].message, /"Deploy" in .* needs manual approval\. It will run a 2-line command: Review… shows it\.$/);
      asked[0].answer('Review…');
      await waitFor('the dialog with the whole command', () => asked.length === 2);
      assert.strictEqual(asked[1].modal, true);
      assert.match(asked[1].detail ?? '', /set -eu\necho deployed/);
      assert.deepStrictEqual(asked[1].items, ['Approve and Run', 'Decline']);
      asked[1].answer('Approve and Run');
      // The second gate, one line: approved from the notification as before, but answered from the dialog first.
      await waitFor('the second gate to be asked', () => asked.length === 3);
      assert.deepStrictEqual(asked[2].items, ['Approve and Run', 'Decline']);
      assert.match(asked[2].message, /It will run: echo tagged$/);
      const reopened = pipelines!.gates.reopen(pipelines!.gates.all()[0], 'the Pipeline view');
      await waitFor('the dialog', () => asked.length === 4);
      asked[3].answer('Approve and Run');
      await reopened;
      const run = started.kind === 'started' ? await started.done : undefined;
      assert.deepStrictEqual(run?.stages.map((s) => s.state), ['passed', 'passed']);
      asked[2].answer('Decline');
      await waitFor('the stale click to be told', () => told.length > 0);
      assert.match(told[0], /"Tag" in .* was already answered: approved from the Pipeline view\./);
    } finally {
      unpatch();
    }
  });

  it('a one-line command too long for a notification (cut at 1,000 characters) is behind Review… too (rereview37b F2)', async () => {
    const long = `echo ${'x'.repeat(600)} && echo the-end`;
    restore = usePipeline(['version: 1', 'stages:', '  - name: Deploy', `    run: "${long}"`, '    approval: manual', ''].join('\n'));
    const { asked, unpatch } = holdQuestions();
    try {
      const started = await pipelines!.get(workspaceFolder()).engine.start({ trigger: 'manual' });
      assert.strictEqual(started.kind, 'started');
      await waitFor('the gate to be asked', () => asked.length === 1);
      assert.deepStrictEqual(asked[0].items, ['Review…', 'Decline']);
      assert.match(asked[0].message, /It will run a \d+-character command: Review… shows it\.$/);
      asked[0].answer('Decline');
      const run = started.kind === 'started' ? await started.done : undefined;
      assert.deepStrictEqual(run?.stages.map((s) => s.state), ['cancelled']);
    } finally {
      unpatch();
    }
  });
});
