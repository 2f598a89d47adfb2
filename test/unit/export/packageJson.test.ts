import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dependencyNames, readPackage } from '../../../src/core/export/packageJson';

/** The one package.json reader of the export: --via-cli's setup and the plain export's dependency note. */
describe('export: package.json reader', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-pkg-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (text: string): void => fs.writeFileSync(path.join(dir, 'package.json'), text);

  it('reads an object; a missing file, bad JSON or a non-object is none', async () => {
    assert.strictEqual(await readPackage(dir), undefined);
    write('{ not json');
    assert.strictEqual(await readPackage(dir), undefined);
    write('"a string"');
    assert.strictEqual(await readPackage(dir), undefined);
    write('{"engines":{"node":">=20"},"devDependencies":{"gearshift":"1"}}');
    assert.deepStrictEqual(await readPackage(dir), { engines: { node: '>=20' }, devDependencies: { gearshift: '1' } });
  });

  it('dependency names come from dependencies then devDependencies; a list that is not an object lists none', () => {
    assert.deepStrictEqual(dependencyNames({ dependencies: { a: '1', b: '2' }, devDependencies: { gearshift: '1' } }), ['a', 'b', 'gearshift']);
    assert.deepStrictEqual(dependencyNames({ dependencies: 'gearshift', devDependencies: null }), []);
    assert.deepStrictEqual(dependencyNames({}), []);
  });
});
