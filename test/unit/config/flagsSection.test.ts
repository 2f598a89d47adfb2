import * as assert from 'node:assert';
import { formatConfigError, parsePipelineText } from '../../../src/core/config';

const FILE = '/repo/.gearshift.yml';
const BASE = 'version: 1\nstages:\n  - name: Build\n    run: make\n';

describe('config: the flags: section', () => {
  it('defaults: no section → no flags config; an empty section → 30 days, default files', () => {
    const none = parsePipelineText(BASE, FILE);
    assert.ok(none.ok);
    assert.strictEqual(none.pipeline.flags, undefined);
    const empty = parsePipelineText(`${BASE}flags:\n`, FILE);
    assert.ok(empty.ok);
    assert.deepStrictEqual(empty.pipeline.flags, { files: [], staleAfterMs: 30 * 86_400_000 });
  });

  it('reads file, per-environment files, staleAfter and deployStage', () => {
    const one = parsePipelineText(`${BASE}  - name: Ship Flags\n    run: ./ship.sh\nflags:\n  file: config/flags.json\n  staleAfter: 45d\n  deployStage: Ship Flags\n`, FILE);
    assert.ok(one.ok, one.ok ? '' : one.errors.map(formatConfigError).join('\n'));
    assert.deepStrictEqual(one.pipeline.flags, { files: [{ environment: 'default', path: '/repo/config/flags.json' }], staleAfterMs: 45 * 86_400_000, deployStage: 'Ship Flags' });
    const envs = parsePipelineText(`${BASE}flags:\n  environments:\n    non-prod: flags.np.json\n    production: flags.prod.json\n`, FILE);
    assert.ok(envs.ok);
    assert.deepStrictEqual(envs.pipeline.flags?.files, [{ environment: 'non-prod', path: '/repo/flags.np.json' }, { environment: 'production', path: '/repo/flags.prod.json' }]);
  });

  const bad: Array<[string, RegExp]> = [
    ['flags:\n  file: ../other/flags.json\n', /^\/repo\/\.gearshift\.yml:6:9: flags: `file` "\.\.\/other\/flags\.json" leads outside the pipeline file's folder/],
    ['flags:\n  file: /etc/flags.json\n', /flags: `file` must be a file relative to the pipeline file's folder, not the absolute path/],
    ['flags:\n  staleAfter: 30\n', /flags: `staleAfter` must be a number of days such as `30d`/],
    ['flags:\n  staleAfter: 0d\n', /flags: `staleAfter` must be from 1d to 3650d, not 0d/],
    ['flags:\n  file: a.json\n  environments:\n    production: b.json\n', /write either `file` .* or `environments`/],
    ['flags:\n  environments:\n    staging: b.json\n', /unknown key `staging`/],
    ['flags:\n  files: a.json\n', /flags: unknown key `files`; did you mean `file`/],
    ['flags:\n  deployStage: Buld\n', /^\/repo\/\.gearshift\.yml:6:16: flags: `deployStage` is "Buld", but no stage has that name \(the stages: "Build"\); did you mean "Build"\?$/],
    ['flags:\n  deployStage: Ship Flags\n', /^\/repo\/\.gearshift\.yml:6:16: flags: `deployStage` is "Ship Flags", but no stage has that name \(the stages: "Build"\)$/],
  ];
  for (const [section, expected] of bad) {
    it(`refuses ${JSON.stringify(section.split('\n')[1])}`, () => {
      const r = parsePipelineText(`${BASE}${section}`, FILE);
      assert.strictEqual(r.ok, false);
      assert.match(r.ok ? '' : r.errors.map(formatConfigError).join('\n'), expected);
    });
  }
});
