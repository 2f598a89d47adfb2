import * as assert from 'assert';
import * as vscode from 'vscode';
import { ConfigFileWatcher } from '../../src/vscode/config/configFileWatcher';
import type { FolderPipeline } from '../../src/vscode/pipeline/workspacePipelines';
import { WorkspacePipelines } from '../../src/vscode/pipeline/workspacePipelines';
import { PipelineState } from '../../src/vscode/status/pipelineState';
import { PipelineStatusBar } from '../../src/vscode/status/statusBar';
import { workspaceFolder } from './helpers';

/**
 * When the extension is deactivated VS Code disposes `context.subscriptions` front to back
 * (src/vscode/workbench.ts pushes the long-lived parts first, then what registers into them).
 * These suites build the parts again from the same modules, in a real host, and dispose them
 * in that order: nothing may start again behind the disposal.
 */
describe('shutdown in the real extension host', () => {
  it('parts disposed in the order of context.subscriptions hand out no new pipeline engine', async () => {
    const pipelines = new WorkspacePipelines();
    const configFiles = new ConfigFileWatcher();
    const statusBar = new PipelineStatusBar(vscode.window.createStatusBarItem('gearshift.test.shutdown', vscode.StatusBarAlignment.Left, 0));
    const state = new PipelineState(pipelines, statusBar, configFiles);
    const engines: FolderPipeline[] = [];
    const get = pipelines.get.bind(pipelines);
    let disposed = false;
    // Every engine handed out after dispose is one nothing disposes: it reads history, may clean up after dead runs and run git.
    pipelines.get = (folder) => { const fp = get(folder); if (disposed) { engines.push(fp); } return fp; };
    // Registered later than the parts, as the remote status, automation and release decisions do.
    const notes = state.addNotes(() => []);
    const remote = state.setRemoteSource(() => undefined);
    assert.ok(pipelines.all().some((fp) => fp.folder.uri.toString() === workspaceFolder().uri.toString()), 'precondition: the folder has a pipeline');
    try {
      configFiles.dispose();
      pipelines.dispose();
      disposed = true;
      statusBar.dispose();
      state.dispose();
      remote.dispose();
      notes.dispose();
      assert.deepStrictEqual(engines.map((fp) => fp.folder.name), [], 'engines were created after their owner was disposed');
    } finally {
      await Promise.all(engines.map((fp) => fp.engine.dispose()));
    }
  });
});
