import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import type { RunRequest } from '../../src/core/engine';
import { WorkspacePipelines } from '../../src/vscode/pipeline/workspacePipelines';
import { ConfigFileWatcher } from '../../src/vscode/config/configFileWatcher';
import { StagesTreeProvider } from '../../src/vscode/views/stagesTree';
import { api, patchWindow, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

/** A shell line that touches `dir/touched`, then waits (bounded) for `dir/go`: the test stops the run while it waits. */
function waitsForGo(dir: string, touched: string): string {
  return `touch "${dir}/${touched}"; i=0; while [ ! -e "${dir}/go" ]; do i=$((i+1)); [ $i -gt 1500 ] && exit 9; sleep 0.02; done`;
}

/** Three stages; the middle one waits. */
function waiting(dir: string): string {
  return ['version: 1', 'stages:', '  - name: Unit Tests', '    run: echo tests', '  - name: Long Stage', `    run: ${waitsForGo(dir, 'long')}`,
    '  - name: After', '    run: echo after', ''].join('\n');
}

/** A production stage that passes, then a blue/green switch that waits: the run is stopped after its stages passed. */
function slowSwitch(dir: string): string {
  return ['version: 1', 'stages:', '  - name: Unit Tests', '    run: echo tests', '  - name: Deploy Prod', '    run: echo deployed', '    environment: production',
    'deploy:', '  strategy: blue-green', '  slots: [blue, green]', `  switch: ${waitsForGo(dir, 'switching')}`, ''].join('\n');
}

/** The Pipeline view's rows as "Name description" (what a developer reads), from the provider the view uses. */
async function rows(provider: StagesTreeProvider): Promise<string[]> {
  const nodes = await provider.getChildren();
  return nodes.map((n) => { const item = provider.getTreeItem(n); return `${String(item.label)} ${String(item.description)}`; });
}

/**
 * reopen33 and walkedit33 L11: the Pipeline view shows only stages that ran as passed, failed or
 * cancelled. A cancelled run's stage that was running reads cancelled and one it never reached
 * "not run"; Run Single Stage's other stages read "not in this run", not "skipped"; a run stopped
 * after its stages passed says so beside the title. A second WorkspacePipelines, as stoppedDeploy's.
 */
describe('Pipeline view rows in the real extension host', () => {
  let pipelines: WorkspacePipelines | undefined;
  let configFiles: ConfigFileWatcher | undefined;
  let provider: StagesTreeProvider | undefined;
  let dir = '';
  let restore: (() => void) | undefined;

  beforeEach(async () => {
    await api();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-rows-'));
    pipelines = new WorkspacePipelines();
    configFiles = new ConfigFileWatcher();
    provider = new StagesTreeProvider(pipelines, configFiles);
  });

  afterEach(async () => {
    fs.writeFileSync(path.join(dir, 'go'), '');
    provider?.dispose();
    configFiles?.dispose();
    await pipelines?.shutdown();
    pipelines?.dispose();
    restore?.();
    restore = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runToEnd(request: RunRequest, stopWhen?: string): Promise<RunRecord> {
    const fp = pipelines!.get(workspaceFolder());
    const started = await fp.engine.start(request);
    assert.strictEqual(started.kind, 'started', JSON.stringify(started));
    if (stopWhen !== undefined) {
      await waitFor(`${stopWhen} to appear`, () => fs.existsSync(path.join(dir, stopWhen)), 30_000);
      fp.engine.cancel('stopped by the user');
    }
    return started.kind === 'started' ? started.done : Promise.reject(new Error('not started'));
  }

  it('a run stopped in a stage: the stages before it passed, it cancelled, the one after "not run"', async () => {
    restore = usePipeline(waiting(dir));
    const run = await runToEnd({ trigger: 'manual' }, 'long');
    assert.strictEqual(run.state, 'cancelled', JSON.stringify(run.stages));
    const shown = await rows(provider!);
    assert.strictEqual(shown.length, 3, JSON.stringify(shown));
    assert.match(shown[0], /^Unit Tests passed · /);
    assert.match(shown[1], /^Long Stage cancelled · /);
    assert.strictEqual(shown[2], 'After not run');
    assert.strictEqual(provider!.header, undefined, 'the cancelled row tells it: nothing beside the title');
  });

  it('states read as words: "timed out", and a gate left unanswered "waiting for approval", whose click asks it again (review37a F18, F1)', async () => {
    restore = usePipeline(['version: 1', 'stages:', '  - name: Slow Tests', '    run: sleep 30', '    timeout: 1s', ''].join('\n'));
    const red = await runToEnd({ trigger: 'manual' });
    assert.strictEqual(red.stages[0].state, 'timedOut');
    assert.match((await rows(provider!))[0], /^Slow Tests timed out · /);
    restore();
    restore = usePipeline(['version: 1', 'stages:', '  - name: Release', '    run: echo released', '    approval: manual', ''].join('\n'));
    const asked: string[] = [];
    const told: string[] = [];
    let answer: (d: string | undefined) => void = () => undefined;
    const unpatch = patchWindow({
      // The notification stays up (held); the question reopened is cancelled (Escape).
      showWarningMessage: (m: string) => { asked.push(m); return asked.length === 1 ? new Promise((r) => { answer = r; }) : Promise.resolve(undefined); },
      showInformationMessage: (m: string) => { told.push(m); return Promise.resolve(undefined); },
    });
    try {
      const fp = pipelines!.get(workspaceFolder());
      const started = await fp.engine.start({ trigger: 'manual' });
      assert.strictEqual(started.kind, 'started');
      await waitFor('the gate to be asked', () => pipelines!.gates.all().length === 1);
      assert.strictEqual((await rows(provider!))[0], 'Release waiting for approval');
      const node = (await provider!.getChildren())[0];
      assert.strictEqual(provider!.getTreeItem(node).command?.command, 'gearshift.answerApproval');
      assert.match(asked.join('\n'), /"Release" in .* needs manual approval/);
      assert.strictEqual(await pipelines!.gates.reopen(pipelines!.gates.all()[0]), undefined);
      assert.strictEqual(pipelines!.gates.all().length, 1, 'a cancelled question answered the gate');
      // Cancelled with the notification still up (rereview37 F9): the gate is let go, and a late Approve there says it ran nothing.
      fp.engine.cancel('stopped by the user');
      if (started.kind === 'started') { await started.done; }
      assert.strictEqual(pipelines!.gates.all().length, 0, 'the cancelled run\'s gate still waits');
      answer('Approve and Run');
      await waitFor('the late approval to be told', () => told.length > 0);
      assert.match(told.join('\n'), /"Release" did not run: the approval came after the run stopped needing it/);
    } finally {
      unpatch();
    }
  });

  it('an invalid .gearshift.yml: a first row says so, with its problem count and first problem, and opens Problems; the last run\'s rows stay below (invalid34)', async () => {
    restore = usePipeline(waiting(dir));
    await runToEnd({ trigger: 'rerun', only: 'Unit Tests' });
    fs.writeFileSync(path.join(workspaceFolder().uri.fsPath, '.gearshift.yml'), waiting(dir).replace('run: echo tests', 'command: echo tests'));
    const nodes = await provider!.getChildren();
    const first = provider!.getTreeItem(nodes[0]);
    assert.match(`${String(first.label)} ${String(first.description)}`, /^\.gearshift\.yml invalid 2 problems · nothing runs until it is fixed$/, JSON.stringify(await rows(provider!)));
    assert.strictEqual(first.command?.command, 'workbench.actions.view.problems');
    assert.match(readableTooltip((first.tooltip as vscode.MarkdownString).value), /^line \d+: .+\n\nThe stages below are the last run's\. Click to open Problems\.$/s);
    assert.deepStrictEqual((await rows(provider!)).slice(1).map((r) => r.replace(/ · .*/, '')), ['Unit Tests passed', 'Long Stage not in this run', 'After not in this run']);
  });

  it('Run Single Stage: the stage run reads its result, the others "not in this run"', async () => {
    restore = usePipeline(waiting(dir));
    const run = await runToEnd({ trigger: 'rerun', only: 'After' });
    assert.strictEqual(run.state, 'green', JSON.stringify(run.stages));
    const shown = await rows(provider!);
    assert.deepStrictEqual(shown.map((r) => r.replace(/ · .*/, '')), ['Unit Tests not in this run', 'Long Stage not in this run', 'After passed']);
    const fp = pipelines!.get(workspaceFolder());
    const tooltip = provider!.getTreeItem((await provider!.getChildren())[0]).tooltip as vscode.MarkdownString;
    assert.strictEqual(readableTooltip(tooltip.value), 'Unit Tests: not part of the last run (not selected: ran After only)');
    assert.strictEqual(fp.engine.lastRun?.id, run.id);
  });

  it('a release stopped after its stages passed (in its switch): the stages passed, and beside the title "last run cancelled after its stages passed"', async () => {
    // The cancelled switch leaves "which slot is live is unknown" in deploy.json: put it back, or every later deploy is refused.
    const deployFile = path.join(workspaceFolder().uri.fsPath, '.git', 'gearshift', 'deploy.json');
    const original = fs.existsSync(deployFile) ? fs.readFileSync(deployFile, 'utf8') : undefined;
    const restorePipeline = usePipeline(slowSwitch(dir));
    restore = () => {
      restorePipeline();
      if (original === undefined) { fs.rmSync(deployFile, { force: true }); } else { fs.writeFileSync(deployFile, original); }
    };
    const run = await runToEnd({ trigger: 'manual' }, 'switching');
    assert.strictEqual(run.state, 'cancelled', JSON.stringify({ stages: run.stages, deploy: run.deploy }));
    const shown = await rows(provider!);
    assert.deepStrictEqual(shown.map((r) => r.replace(/ · .*/, '')), ['Unit Tests passed', 'Deploy Prod passed']);
    await waitFor('the header', () => provider!.header === 'last run cancelled after its stages passed');
    restore?.();
    restore = undefined;
    await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'); // green again for the suites after
  });
});
