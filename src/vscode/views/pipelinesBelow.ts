import * as vscode from 'vscode';
import type { SubfolderPipelines } from '../status/subfolderPipelines';
import type { WorkspaceGaugeSource } from '../gauge/gaugeSource';

/**
 * The pipelines below the open folders (a monorepo's apps/api, apps/web) in the empty states: the
 * gauge names them, and `gearshift.hasPipelinesBelow` switches the Pipeline view's welcome to one
 * that offers Show Subfolder Pipeline… rather than claiming the workspace has none (walk30 M5).
 */
export function showPipelinesBelow(subfolders: SubfolderPipelines, gauge: WorkspaceGaugeSource): vscode.Disposable {
  let shown: boolean | undefined;
  const update = (): void => {
    const { others, more } = subfolders.below();
    const any = others.length + more > 0;
    if (any !== shown) { shown = any; void vscode.commands.executeCommand('setContext', 'gearshift.hasPipelinesBelow', any); }
  };
  gauge.setBelow(() => subfolders.below());
  update();
  return subfolders.onDidChange(() => { update(); gauge.belowChanged(); });
}
