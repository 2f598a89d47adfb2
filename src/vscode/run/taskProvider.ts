import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { RunRenderer } from '../../core/render';
import { exitCodeFor } from '../../core/engine';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { toTerminal } from '../terminal/pipelineTerminal';
import { missingSecretsMessage } from '../../core/secrets';
import { offerSetSecret } from './startRun';
import { confirmRunStart, confirmedRequest, type StartAnswer } from './runQuestions';
import type { StillRedSource } from '../redgreen/stillRed';

interface GearshiftTaskDefinition extends vscode.TaskDefinition {
  type: 'gearshift';
  stage: string;
  from?: boolean;
}

/**
 * Every stage is also a VS Code task of type `gearshift`, so "Tasks: Run Task", tasks.json and
 * keybindings reach it. The task's terminal gets the run's text and closes with its exit code.
 */
export class GearshiftTaskProvider implements vscode.TaskProvider {
  static readonly type = 'gearshift';

  /** `stillRed`: as the pipeline terminal's, the line under a green verdict that left the pipeline red. */
  constructor(private readonly pipelines: WorkspacePipelines, private readonly stillRed?: StillRedSource) {}

  async provideTasks(): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const fp of this.pipelines.all()) {
      const loaded = await fp.engine.validate();
      if (!loaded.ok) { continue; }
      for (const stage of loaded.pipeline.stages) {
        tasks.push(this.task(fp.folder, { type: 'gearshift', stage: stage.name }));
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as GearshiftTaskDefinition;
    if (typeof def.stage !== 'string' || !task.scope || typeof task.scope === 'number') { return undefined; }
    return this.task(task.scope, def);
  }

  private task(folder: vscode.WorkspaceFolder, def: GearshiftTaskDefinition): vscode.Task {
    const execution = new vscode.CustomExecution(async () => new StageTaskPty(this.pipelines, folder, def, this.stillRed));
    const task = new vscode.Task(def, folder, def.from ? `${def.stage} and after` : def.stage, 'gearshift', execution);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
    return task;
  }
}

/** The task's own terminal: runs the stage through the folder's engine (same history). */
class StageTaskPty implements vscode.Pseudoterminal {
  private readonly _onDidWrite = new vscode.EventEmitter<string>();
  readonly onDidWrite = this._onDidWrite.event;
  private readonly _onDidClose = new vscode.EventEmitter<number>();
  readonly onDidClose = this._onDidClose.event;
  private unsubscribe: (() => void) | undefined;
  /** Our run's id, chosen here: only its events reach this terminal, and only it is cancelled. */
  private readonly runId = randomUUID();
  /** Terminated before our run started: it is cancelled as soon as it does. */
  private closed = false;

  constructor(
    private readonly pipelines: WorkspacePipelines, private readonly folder: vscode.WorkspaceFolder, private readonly def: GearshiftTaskDefinition,
    private readonly stillRed: StillRedSource | undefined,
  ) {}

  open(): void { void this.run(); }

  private async run(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.finish('Gearshift runs nothing in an untrusted workspace. Trust the workspace to run this task.\n', 2);
      return;
    }
    const { engine } = this.pipelines.get(this.folder);
    const renderer = new RunRenderer({ color: true, mask: (text) => engine.secrets.mask(text) });
    // Only this run's events: another run (e.g. from the palette) must not leak into this terminal.
    this.unsubscribe = engine.onEvent((e) => {
      if (e.type === 'lastRunChanged' || ('run' in e && e.run.id !== this.runId)) { return; }
      let text = renderer.render(e);
      const leftRed = e.type === 'runEnded' ? this.stillRed?.(this.folder, e.run) : undefined;
      if (leftRed) { text += renderer.stillRed(leftRed); }
      if (text) { this._onDidWrite.fire(toTerminal(text)); }
    });
    const request = { trigger: 'task', runId: this.runId, ...(this.def.from ? { from: this.def.stage } : { only: this.def.stage }) };
    // A task that reaches production asks as Run Single Stage does; on red the engine refuses it, as below.
    // Busy: the engine refuses it below, so nothing is asked.
    const answer: StartAnswer = engine.busy ? { go: true } : await confirmRunStart(this.pipelines.get(this.folder), request, 'refuse', {});
    if (!answer.go && answer.red === undefined) { this.finish('Gearshift: not confirmed; nothing ran.\n', 2); return; }
    const confirmed = answer.go ? confirmedRequest(request, answer) : true;
    const outcome = await engine.start(confirmed === true ? request : { ...request, ...confirmed }, 'refuse');
    if (outcome.kind === 'started') {
      if (this.closed) { this.cancelOurRun(); }
      const record = await outcome.done;
      this.finish('', exitCodeFor(record.state));
    } else if (outcome.kind === 'invalid') {
      this.finish(renderer.render({ type: 'configInvalid', errors: outcome.result.errors }), 2);
    } else if (outcome.kind === 'refused' && outcome.missingSecrets) {
      // As a run from the palette: how to set it, and the button (a task terminal has none).
      this.finish(`Gearshift: ${missingSecretsMessage(outcome.missingSecrets, 'editor')}.\n`, 2);
      offerSetSecret(this.folder, outcome.missingSecrets);
    } else {
      this.finish(`Gearshift: ${outcome.kind === 'refused' ? outcome.reason : 'queued'}.\n`, 2);
    }
  }

  private finish(text: string, code: number): void {
    if (text) { this._onDidWrite.fire(toTerminal(text)); }
    this.unsubscribe?.();
    this._onDidClose.fire(code);
  }

  handleInput(data: string): void {
    if (data === '\x03') { this.pipelines.get(this.folder).engine.cancel('stopped with Ctrl+C in the task terminal'); }
  }

  /**
   * Tasks: Terminate Task, or the task's terminal closed. The workbench has already ended the
   * task (exit code undefined: it disposed the terminal, so our later onDidClose goes nowhere);
   * what is left to us is the run, which must not go on: it is cancelled, its stages killed.
   */
  close(): void {
    this.closed = true;
    this.cancelOurRun();
  }

  private cancelOurRun(): void {
    const { engine } = this.pipelines.get(this.folder);
    if (engine.current?.record.id === this.runId) { engine.cancel('the task was terminated'); }
  }
}
