import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { CreatedFolders } from '../../../src/vscode/monorepo/createdFolders';

/** What the file watcher hands over: only the fields CreatedFolders reads. */
const uriOf = (fsPath: string): vscode.Uri => ({ scheme: 'file', fsPath }) as vscode.Uri;

/** Resolves with how many times `found` was called once a batch has been looked at (a bounded wait on the call, or on its absence). */
function watch(): { created: CreatedFolders; calls: () => number; next: (ms: number) => Promise<boolean> } {
  let calls = 0;
  let wake: () => void = () => undefined;
  const created = new CreatedFolders(() => { calls++; wake(); });
  const next = (ms: number): Promise<boolean> => new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    wake = () => { clearTimeout(timer); resolve(true); };
  });
  return { created, calls: () => calls, next };
}

describe('CreatedFolders (a folder the watcher reports without the .gearshift.yml in it)', () => {
  let root = '';
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-created-')); });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a created folder among created files makes one look, however many were created', async () => {
    const w = watch();
    fs.mkdirSync(path.join(root, 'apps', 'api'), { recursive: true });
    fs.writeFileSync(path.join(root, 'apps', 'api', '.gearshift.yml'), 'version: 1\n');
    for (const p of ['apps', 'apps/api', 'apps/api/.gearshift.yml']) { w.created.add(uriOf(path.join(root, p))); }
    assert.equal(await w.next(5_000), true, 'no look after a folder was created');
    assert.equal(await w.next(800), false, 'looked twice for one batch');
    assert.equal(w.calls(), 1);
    w.created.dispose();
  });

  it('created files only, a folder inside .git or node_modules, a path gone, or a non-file URI: no look', async () => {
    const w = watch();
    fs.mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
    fs.mkdirSync(path.join(root, '.git', 'gearshift'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a.txt'), '');
    for (const p of ['a.txt', 'node_modules/x', '.git/gearshift', 'gone']) { w.created.add(uriOf(path.join(root, p))); }
    w.created.add({ scheme: 'untitled', fsPath: root } as vscode.Uri);
    assert.equal(await w.next(800), false);
    w.created.dispose();
  });

  it('a created dist/ or coverage/ with no pipeline in it: no look (review35 F5)', async () => {
    const w = watch();
    fs.mkdirSync(path.join(root, 'dist', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist', 'assets', 'main.js'), '');
    fs.mkdirSync(path.join(root, 'coverage'));
    for (const p of ['dist', 'dist/assets', 'dist/assets/main.js', 'coverage']) { w.created.add(uriOf(path.join(root, p))); }
    assert.equal(await w.next(1_500), false, 'a full rediscovery for a build output');
    w.created.dispose();
  });

  it('a folder created after 60 files in the same batch still makes a look (review35 F5)', async () => {
    const w = watch();
    for (let i = 0; i < 60; i++) { fs.writeFileSync(path.join(root, `f${i}.txt`), ''); }
    fs.mkdirSync(path.join(root, 'services', 'jobs'), { recursive: true });
    fs.writeFileSync(path.join(root, 'services', 'jobs', '.gearshift.yml'), 'version: 1\n');
    for (let i = 0; i < 60; i++) { w.created.add(uriOf(path.join(root, `f${i}.txt`))); }
    w.created.add(uriOf(path.join(root, 'services')));
    assert.equal(await w.next(5_000), true, 'the folder moved in after the files was dropped');
    w.created.dispose();
  });

  it('a pipeline deep in a small created folder is found: the search is bounded by what it lists, not by depth (mend36)', async () => {
    const w = watch();
    const deep = path.join(root, 'services', 'team', 'backend', 'jobs', 'api');
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, '.gearshift.yml'), 'version: 1\n');
    w.created.add(uriOf(path.join(root, 'services')));
    assert.equal(await w.next(5_000), true, 'git ls-files would find it: the look for it was never made');
    w.created.dispose();
  });

  it('disposed before its batch is looked at: no look', async () => {
    const w = watch();
    fs.mkdirSync(path.join(root, 'api'));
    fs.writeFileSync(path.join(root, 'api', '.gearshift.yml'), 'version: 1\n');
    w.created.add(uriOf(path.join(root, 'api')));
    w.created.dispose();
    assert.equal(await w.next(800), false);
  });
});
