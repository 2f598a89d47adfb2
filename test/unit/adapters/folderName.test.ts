import * as assert from 'node:assert/strict';

/** Node's Module (CommonJS), whose resolver the stub hooks. */
const Module = module.constructor as unknown as { _resolveFilename: (...a: unknown[]) => string };

/**
 * The editor's one way to name a workspace folder (status item, tooltip, gauge, trees, pickers,
 * notifications): with just enough of `vscode` for it, a window with two folders named `app`.
 */
describe('the editor names a workspace folder that shares its name by the end of its path', () => {
  const resolve = Module._resolveFilename;
  const folder = (name: string, fsPath: string) => ({ name, uri: { fsPath } });
  const workspace: { workspaceFolders: ReturnType<typeof folder>[] | undefined } = { workspaceFolders: undefined };
  before(() => {
    Module._resolveFilename = function (request: unknown, ...rest: unknown[]) {
      return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
    };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: { workspace } } as unknown as NodeJS.Module;
  });
  after(() => {
    Module._resolveFilename = resolve;
    delete require.cache.vscode;
  });

  it('client/app and server/app; a lone folder, and one not (yet) in the window, keep their names', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { folderName } = require('../../../src/vscode/pipeline/folderName') as typeof import('../../../src/vscode/pipeline/folderName');
    const client = folder('app', '/work/client/app');
    const server = folder('app', '/work/server/app');
    workspace.workspaceFolders = [client, server, folder('docs', '/work/docs')];
    assert.deepEqual(workspace.workspaceFolders.map((f) => folderName(f as never)), ['client/app', 'server/app', 'docs']);
    assert.equal(folderName(folder('app', '/elsewhere/new/app') as never), 'new/app', 'a folder being added is told apart too');
    workspace.workspaceFolders = [client];
    assert.equal(folderName(client as never), 'app');
    workspace.workspaceFolders = undefined;
    assert.equal(folderName(client as never), 'app');
  });
});
