import * as assert from 'node:assert';
import { jobIds, slugify } from '../../../src/core/export';

describe('export: job ids from stage names', () => {
  it('slugs spaces, &, accents and punctuation into GitHub-valid ids', () => {
    assert.strictEqual(slugify('Build & Test'), 'build-and-test');
    assert.strictEqual(slugify('  Déployer en Prod!  '), 'deployer-en-prod');
    assert.strictEqual(slugify('Unit_Tests (fast)'), 'unit_tests-fast');
    assert.strictEqual(slugify('1st check'), 'stage-1st-check', 'an id must not start with a digit');
    assert.strictEqual(slugify('variables'), 'stage-variables', 'a GitLab keyword is not a job');
    assert.strictEqual(slugify('部署'), 'stage');
    assert.strictEqual(slugify('x'.repeat(200)).length, 60);
    for (const name of ['Build & Test', '部署', '-', '.hidden', '$(rm -rf /)']) {
      assert.match(slugify(name), /^[a-z_][a-z0-9_-]*$/, name);
    }
  });

  it('resolves collisions in file order with the first free suffix, unicode included', () => {
    const ids = jobIds(['Build & Test', 'build and test', 'Build-and-Test', 'build-and-test-2', '部署', 'テスト', 'Stage']);
    assert.deepStrictEqual([...ids.values()], ['build-and-test', 'build-and-test-2', 'build-and-test-3', 'build-and-test-2-2', 'stage', 'stage-2', 'stage-3']);
    assert.strictEqual(new Set(ids.values()).size, ids.size);
  });

  it('never hands out a reserved id and gives the same ids every time', () => {
    const names = ['Deploy', 'deploy!', 'Déploy'];
    assert.deepStrictEqual([...jobIds(names, ['deploy']).values()], ['deploy-2', 'deploy-3', 'deploy-4']);
    assert.deepStrictEqual([...jobIds(names).values()], [...jobIds(names).values()]);
  });
});
