import type * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { PipelineState } from '../status/pipelineState';
import type { StagesTreeProvider } from '../views/stagesTree';
import { registerRefreshRemoteStatus, registerSetGitLabToken } from './commands';
import { RemoteStatusService } from './remoteService';
import { RemoteTokens } from './tokens';

export interface RemoteParts {
  pipelines: WorkspacePipelines;
  state: PipelineState;
  stagesTree: StagesTreeProvider;
  log: vscode.LogOutputChannel;
}

/** Remote CI status (docs/remote-status.md): the service, its two commands, and its place in the status bar and the tree. */
export function registerRemoteStatus(parts: RemoteParts, context: vscode.ExtensionContext): vscode.Disposable[] {
  const tokens = new RemoteTokens(context.secrets);
  const service = new RemoteStatusService({
    pipelines: parts.pipelines, log: parts.log, tokens,
    changed: () => { parts.state.update(); parts.stagesTree.remoteChanged(); },
  });
  return [
    tokens, service,
    registerSetGitLabToken(tokens), registerRefreshRemoteStatus(service),
    parts.state.setRemoteSource((fp) => service.statusOf(fp)),
    parts.stagesTree.setRemoteSource((fp) => service.statusOf(fp)),
  ];
}
