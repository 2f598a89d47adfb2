/**
 * The Feature Toggles feature, loaded as its own chunk after activation (index.ts) so starting
 * the extension does not pay for flagd-core: the model, the view, hovers, Problems and the
 * commands.
 */
import * as vscode from 'vscode';
import { FlagsModel } from './flagsModel';
import { FlagsTreeProvider } from './flagsTree';
import { FlagsHoverProvider } from './flagsHover';
import { FlagsDiagnostics } from './flagsDiagnostics';
import { FlagsContextKeys } from './flagsContextKeys';
import { registerToggleFeature } from './toggleFeature';
import { registerSetDefaultVariant } from './setDefaultVariant';
import { registerAddFeatureToggle } from './addFeatureToggle';
import { registerRemoveFeatureToggle } from './removeFeatureToggle';
import { registerKillSwitch } from './killSwitch';
import { registerUndoToggle } from './undoToggle';
import { registerShowFlagReferences } from './showReferences';
import { registerFlagsSnapshot } from './flagsSnapshot';
import type { FlagsStagePort } from './stagePort';

export function startFlags(log: (message: string) => void, stages: FlagsStagePort): vscode.Disposable[] {
  const model = new FlagsModel(log);
  const tree = new FlagsTreeProvider(model);
  const view = vscode.window.createTreeView(FlagsTreeProvider.viewId, { treeDataProvider: tree, showCollapseAll: true });
  const keys = new FlagsContextKeys(model);
  const disposables: vscode.Disposable[] = [
    model, tree, new FlagsDiagnostics(model), keys, view,
    // A view shown reads the files again: a change no watcher reported (a link's target, a watcher
    // that failed or dropped an event) shows when the user looks, not only at the next event.
    view.onDidChangeVisibility((e) => { if (e.visible) { model.schedule(); } }),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, new FlagsHoverProvider(model)),
    registerToggleFeature(model), registerSetDefaultVariant(model), registerAddFeatureToggle(model), registerRemoveFeatureToggle(model),
    registerKillSwitch(model, stages), registerUndoToggle(model), registerShowFlagReferences(model), registerFlagsSnapshot(model, tree, keys),
  ];
  void model.refresh();
  return disposables;
}
