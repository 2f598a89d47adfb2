import * as vscode from 'vscode';
import { type GearshiftSettings, readSettings } from './settingsModel';

export type { GearshiftSettings, WhenRunning } from './settingsModel';

/** The settings that apply to `folder` (workspace-folder settings override the workspace's). */
export function settingsFor(folder?: vscode.WorkspaceFolder): GearshiftSettings {
  const config = vscode.workspace.getConfiguration('gearshift', folder);
  return readSettings((key) => config.get(key));
}
