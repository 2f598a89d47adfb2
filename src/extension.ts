// The bundle's first line stamps __gearshiftLoadStart (webpack banner); unbundled, this module's load is the start.
const moduleLoadedAt = (globalThis as { __gearshiftLoadStart?: number }).__gearshiftLoadStart ?? performance.now();

import * as vscode from 'vscode';
import type { PipelineStatus } from './core/engine';
import type { RunRecord } from './core/pipeline';
import type { ToWebview } from './vscode/gauge/protocol';
import type { Automation } from './vscode/automation/automation';
import type { Workbench } from './vscode/workbench';
import { lazyCommands } from './vscode/lazyCommands';
import { createStatusItem } from './vscode/status/statusItem';

/** What tests and the bench can read from `extension.exports`. */
export interface GearshiftApi {
  readonly activationMs: number;
  /** Of activationMs, the part before VS Code called `activate` (it loads the module and the extension's context, storage and secrets, in parallel). */
  readonly activateCalledMs: number;
  /** Of activateCalledMs, evaluating this bundle; the rest is VS Code loading the context. */
  readonly moduleEvaluatedMs: number;
  /** Resolves once everything behind activation (views, providers, real commands) is wired; the other calls need it. */
  ready(): Promise<void>;
  /** The status bar's current state and rendering (tests assert on these); `shown`: whether the item is in the status bar. */
  status(): { status: PipelineStatus; shown: boolean; text: string; background: string | undefined; tooltip: string; command: { id: string; args: unknown[] } | undefined };
  /** Text written to a folder's pipeline terminal so far. */
  terminalText(folder: vscode.WorkspaceFolder): string;
  lastRun(folder: vscode.WorkspaceFolder): RunRecord | undefined;
  /** Recomputes the gauge and returns the state message the webview gets. */
  gaugeState(): Promise<ToWebview>;
  /** The red timer the gauge page was last told to show ("red for 7m"), if any. */
  gaugeRedTimer(): string | undefined;
  /** The "… ago" texts the gauge page was last told on the ages' tick (review39 L5), if any since its last state. */
  gaugeAges(): { lastRun: string | null; oldestAge: string | null; commitAges: readonly string[] } | undefined;
  /** Fires when something the gauge shows changed (it redraws then). */
  onDidChangeGauge(listener: () => void): vscode.Disposable;
  /** Commit tracking and escalation (trusted workspaces only). */
  automation(): Promise<Automation>;
  /** The Pipeline view: its rows as "Name description", as VS Code reads them, and the event that makes VS Code read them again. */
  pipelineView(): { rows(): Promise<string[]>; onDidChange: vscode.Event<unknown> };
  /** The `.gearshift.yml` watcher's events dropped until disposed, as under load (config/configFileWatcher.ts). */
  loseConfigFileEvents(): vscode.Disposable;
}

let workbench: Workbench | undefined;

/**
 * Activation makes the status bar item (shown once a pipeline is known) and registers a stand-in for every contributed command
 * and the task provider; the rest (src/vscode/workbench.ts and the automation chunk) loads
 * right after `activate` returns. A command run before that waits for it (lazyCommands).
 */
export function activate(context: vscode.ExtensionContext): GearshiftApi {
  const activateCalledMs = performance.now() - moduleLoadedAt;
  const statusItem = createStatusItem();
  let active = true;
  const load = new Promise<void>((resolve) => setImmediate(resolve)).then(() => Promise.all([
    import(/* webpackChunkName: "workbench" */ './vscode/workbench'),
    import(/* webpackChunkName: "automation" */ './vscode/automation/automation'),
  ]));
  const { ready, stubs } = lazyCommands(vscode.commands, contributedCommands(context), load, ([{ startWorkbench }, { Automation: A }]) => {
    if (active) { workbench = startWorkbench(context, statusItem, A); }
  });
  const loaded = ready.then(() => workbench ?? Promise.reject(new Error('Gearshift was deactivated while loading')));
  ready.catch((e: Error) => void vscode.window.showErrorMessage(`Gearshift could not load: ${e.message}`));
  context.subscriptions.push(statusItem, stubs, { dispose: () => { active = false; } }, vscode.tasks.registerTaskProvider('gearshift', {
    provideTasks: () => loaded.then((w) => w.tasks.provideTasks()),
    resolveTask: (task) => loaded.then((w) => w.tasks.resolveTask(task)),
  }));
  return {
    activationMs: performance.now() - moduleLoadedAt,
    activateCalledMs,
    moduleEvaluatedMs,
    ready: () => loaded.then(() => undefined),
    status: () => ({ status: wired().parts.state.status(), ...wired().parts.statusBar.snapshot() }),
    terminalText: (folder) => wired().parts.terminals.text(folder),
    lastRun: (folder) => wired().parts.pipelines.get(folder).engine.lastRun,
    gaugeState: () => loaded.then((w) => w.parts.gauge.refresh()),
    gaugeRedTimer: () => wired().parts.gauge.redTimer,
    gaugeAges: () => wired().parts.gauge.agesTold,
    onDidChangeGauge: (listener) => wired().parts.gaugeSource.onDidChange(listener),
    automation: () => loaded.then(async ({ automation }) => { await automation.ready(); return automation; }),
    pipelineView: () => ({ rows: () => wired().parts.stagesTree.rowTexts(), onDidChange: wired().parts.stagesTree.onDidChangeTreeData }),
    // Only in an extension test host: any other extension can call this API (rereview38 F4).
    loseConfigFileEvents: () => {
      if (context.extensionMode !== vscode.ExtensionMode.Test) { throw new Error('loseConfigFileEvents is for extension tests only'); }
      return wired().parts.configFiles.loseEvents();
    },
  };
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const json = context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (json.contributes?.commands ?? []).map((c) => c.command);
}

function wired(): Workbench {
  if (!workbench) { throw new Error('Gearshift is still loading: await api.ready() first'); }
  return workbench;
}

/** Stamped last when the bundle evaluates (the entry module's body runs after everything it imports). */
const moduleEvaluatedMs = performance.now() - moduleLoadedAt;

/** VS Code waits for this promise: running stages are cancelled and their processes reaped. */
export async function deactivate(): Promise<void> {
  await workbench?.parts.pipelines.shutdown();
  workbench = undefined;
}
