import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FileTrees } from '../../support/fileTree';
import { findFlagsFiles } from '../../../src/core/walkthrough';

const DAY = 24 * 3600 * 1000;

describe('walkthrough: finding the flags files `gearshift flags` reads', () => {
  const trees = new FileTrees('gearshift-walkthrough-');
  const folder = (files: Record<string, string>): string => trees.make(files);
  after(() => trees.cleanup());

  it('the flags module\'s defaults: flags.json (else .gearshift/flags.json) and the per-environment files; not flagd.json, not deeper (walk29 M4)', async () => {
    assert.deepStrictEqual(await findFlagsFiles(folder({ 'flags.json': '{}', '.gearshift/flags.json': '{}', 'flags.non-prod.json': '{}', 'flagd.json': '{}', 'src/flags.json': '{}' })),
      ['flags.json', 'flags.non-prod.json']);
    assert.deepStrictEqual(await findFlagsFiles(folder({ '.gearshift/flags.json': '{}', 'flags.staging.json': '{}' })), ['.gearshift/flags.json']);
    assert.deepStrictEqual(await findFlagsFiles(folder({ 'flagd.json': '{}', '.flagd.json': '{}' })), []);
    assert.deepStrictEqual(await findFlagsFiles(folder({ 'README.md': '' })), []);
    assert.deepStrictEqual(await findFlagsFiles(folder({ '.gearshift/flags.json/x': '' })), []);
    assert.deepStrictEqual(await findFlagsFiles(path.join(folder({}), 'no-such-folder')), []);
  });

  it('the files a flags: section names, when present, but never one outside the folder', async () => {
    const dir = folder({ 'config/toggles.json': '{}', 'flags.json': '{}' });
    const tmp = path.dirname(dir);
    fs.writeFileSync(path.join(tmp, 'outside.json'), '{}');
    const named = (...files: string[]) => ({ flags: { files: files.map((f) => ({ environment: 'default', path: path.resolve(dir, f) })), staleAfterMs: 30 * DAY } });
    assert.deepStrictEqual(await findFlagsFiles(dir, named('config/toggles.json')), ['config/toggles.json']);
    assert.deepStrictEqual(await findFlagsFiles(dir, named('config/missing.json')), []);
    assert.deepStrictEqual(await findFlagsFiles(dir, named('../outside.json')), []);
  });
});
