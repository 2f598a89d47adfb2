/**
 * review37c F9: Gearshift is not on npm, so a registry spec for `gearshift` in package.json installs
 * whatever a stranger publishes under that name, and a --via-cli job runs it with deploy secrets.
 */
import * as assert from 'node:assert';
import { fromRegistry, registryGearshiftWarning } from '../../../src/core/export/gearshiftSpec';

describe('export --via-cli: where package.json\'s gearshift comes from', () => {
  it('a version, range, tag or unscoped npm: alias comes from the registry', () => {
    for (const spec of ['^1.0.0', '1.2.3', '~0.1', '>=0.1.0 <1', '1.0.0 - 2.0.0', '*', '', 'latest', 'next', 'x', 'npm:gearshift@^1', 'npm:gearshift-cli@1']) {
      assert.strictEqual(fromRegistry(spec), true, spec);
    }
  });

  it('a file, folder, tarball, git or GitHub spec, or a scoped npm: alias, is the team\'s own copy', () => {
    for (const spec of ['file:tools/gearshift-0.1.0.tgz', 'file:../gearshift', './tools/gearshift-0.1.0.tgz', '../gearshift', '/opt/gearshift', '~/gearshift',
      'gearshift-0.1.0.tgz', 'tools/gearshift.tar.gz', 'https://example.com/gearshift-0.1.0.tgz', 'git+https://git.example.com/team/gearshift.git#v0.1.0',
      'git+ssh://git@example.com/team/gearshift.git', 'git://example.com/gearshift.git', 'github:team/gearshift#v0.1.0', 'gitlab:team/gearshift', 'team/gearshift',
      'team/gearshift#main', 'npm:@team/gearshift@^0.1.0', 'link:../gearshift']) {
      assert.strictEqual(fromRegistry(spec), false, spec);
    }
  });

  it('the warning names the spec, why it is dangerous and how to depend on your own copy; none for a file spec', () => {
    const warning = registryGearshiftWarning({ devDependencies: { gearshift: '^1.0.0' } }) ?? '';
    assert.match(warning, /^package\.json lists gearshift "\^1\.0\.0", a version from the registry: .*a stranger's package.*stage's secrets/);
    assert.match(warning, /`npm pack` in your built Gearshift clone, commit the \.tgz, `npm install -D \.\/gearshift-<version>\.tgz` \(not `npm install -D gearshift`/);
    assert.strictEqual(registryGearshiftWarning({ devDependencies: { gearshift: 'file:tools/gearshift-0.1.0.tgz' } }), undefined);
    assert.strictEqual(registryGearshiftWarning({ dependencies: { other: '^1.0.0' } }), undefined, 'no gearshift: another warning\'s business');
    assert.strictEqual(registryGearshiftWarning({ devDependencies: { gearshift: 7 } }), undefined, 'not a spec: npm says so itself');
    assert.match(registryGearshiftWarning({ dependencies: { gearshift: 'file:../g' }, devDependencies: { gearshift: 'latest' } }) ?? '', /"latest"/, 'either list counts');
  });
});
