import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configuredFlagsPath, findFlagsFiles, flagsFilesAmong } from '../../../src/core/walkthrough';

describe('walkthrough: finding a flags file at the default paths', () => {
  let tmp: string;
  const folder = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-walkthrough-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('recognises flags.json, flags.<env>.json and flagd.json at the root, nothing else', () => {
    assert.deepStrictEqual(flagsFilesAmong(['flags.json', 'flags.staging.json', 'flagd.json', '.flagd.json', 'flags.json.bak', 'myflags.json', 'flags.a.b.json', 'package.json']),
      ['flags.json', 'flags.staging.json', 'flagd.json', '.flagd.json']);
  });

  it('finds the root files and .gearshift/flags.json on disk; not deeper, not a folder named like one', async () => {
    assert.deepStrictEqual((await findFlagsFiles(folder({ 'flags.prod.json': '{}', '.gearshift/flags.json': '{}', 'src/flags.json': '{}' }))).sort(),
      ['.gearshift/flags.json', 'flags.prod.json']);
    assert.deepStrictEqual(await findFlagsFiles(folder({ 'README.md': '' })), []);
    assert.deepStrictEqual(await findFlagsFiles(folder({ '.gearshift/flags.json/x': '' })), []);
    assert.deepStrictEqual(await findFlagsFiles(path.join(tmp, 'no-such-folder')), []);
  });

  it('checks the path a flags: section names, but never one outside the folder', async () => {
    const dir = folder({ 'config/toggles.json': '{}' });
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
