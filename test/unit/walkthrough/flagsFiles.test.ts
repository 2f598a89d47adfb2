import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FileTrees } from '../../support/fileTree';
import { configuredFlagsPath, findFlagsFiles, flagsFilesAmong } from '../../../src/core/walkthrough';

describe('walkthrough: finding a flags file at the default paths', () => {
  const trees = new FileTrees('gearshift-walkthrough-');
  const folder = (files: Record<string, string>): string => trees.make(files);
  after(() => trees.cleanup());

  it('recognises flags.json, flags.<env>.json and flagd.json at the root, nothing else', () => {
    assert.deepStrictEqual(flagsFilesAmong(['flags.json', 'flags.staging.json', 'flagd.json', '.flagd.json', 'flags.json.bak', 'myflags.json', 'flags.a.b.json', 'package.json']),
      ['flags.json', 'flags.staging.json', 'flagd.json', '.flagd.json']);
  });

  it('finds the root files and .gearshift/flags.json on disk; not deeper, not a folder named like one', async () => {
    assert.deepStrictEqual((await findFlagsFiles(folder({ 'flags.prod.json': '{}', '.gearshift/flags.json': '{}', 'src/flags.json': '{}' }))).sort(),
      ['.gearshift/flags.json', 'flags.prod.json']);
    assert.deepStrictEqual(await findFlagsFiles(folder({ 'README.md': '' })), []);
    assert.deepStrictEqual(await findFlagsFiles(folder({ '.gearshift/flags.json/x': '' })), []);
    assert.deepStrictEqual(await findFlagsFiles(path.join(folder({}), 'no-such-folder')), []);
  });

  it('checks the path a flags: section names, but never one outside the folder', async () => {
    const dir = folder({ 'config/toggles.json': '{}' });
    const tmp = path.dirname(dir);
    fs.writeFileSync(path.join(tmp, 'outside.json'), '{}');
    assert.deepStrictEqual(await findFlagsFiles(dir, { flags: { file: 'config/toggles.json' } }), ['config/toggles.json']);
    assert.deepStrictEqual(await findFlagsFiles(dir, { flags: { file: '../outside.json' } }), []);
    assert.deepStrictEqual(await findFlagsFiles(dir, { flags: { file: path.join(tmp, 'outside.json') } }), []);
  });

  it('reads a flags: section only when it has the expected shape', () => {
    assert.strictEqual(configuredFlagsPath({ flags: { file: 'f.json' } }), 'f.json');
    for (const p of [undefined, null, {}, { flags: 'f.json' }, { flags: { file: 3 } }, { flags: { file: '' } }, { flags: null }]) {
      assert.strictEqual(configuredFlagsPath(p), undefined, JSON.stringify(p));
    }
  });
});
