import * as assert from 'node:assert/strict';
import { distinctFolderName } from '../../../src/core/format';

/** Two workspace folders both named `app` read alike in every place the editor names a folder: told apart as VS Code tells tabs apart. */
describe('workspace folder names told apart', () => {
  const f = (name: string, fsPath: string) => ({ name, fsPath });
  const client = f('app', '/work/client/app');
  const server = f('app', '/work/server/app');
  const docs = f('docs', '/work/docs');

  it('a name no other folder has stays as it is', () => {
    assert.equal(distinctFolderName(docs, [client, server, docs]), 'docs');
    assert.equal(distinctFolderName(client, [client]), 'app', 'one folder');
  });

  it('two folders named alike are named by their parent folder and name', () => {
    assert.equal(distinctFolderName(client, [client, server, docs]), 'client/app');
    assert.equal(distinctFolderName(server, [client, server, docs]), 'server/app');
  });

  it('parents named alike too: as much of the path as tells them apart', () => {
    const a = f('app', '/home/ann/src/app');
    const b = f('app', '/home/bob/src/app');
    assert.equal(distinctFolderName(a, [a, b]), 'ann/src/app');
    assert.equal(distinctFolderName(b, [a, b]), 'bob/src/app');
  });

  it('a folder renamed in the workspace file is matched by the name shown, and a Windows path splits too', () => {
    const renamed = f('api', '/work/server/app');
    assert.equal(distinctFolderName(renamed, [client, renamed]), 'api');
    const w1 = f('app', 'C:\\src\\one\\app');
    const w2 = f('app', 'C:\\src\\two\\app');
    assert.equal(distinctFolderName(w1, [w1, w2]), 'one/app');
  });

  it('the same folder twice (nothing tells them apart) is named by its whole path rather than looping', () => {
    const again = f('app', '/work/client/app');
    assert.equal(distinctFolderName(client, [client, again]), '/work/client/app');
  });
});
