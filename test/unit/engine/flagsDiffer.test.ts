import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { presentFlagsFiles, type Pipeline } from '../../../src/core/config';
import { flagsFilesDiffering } from '../../../src/core/engine/flagsDiffer';
import { tempDir } from '../../support/git';

const FLAGS = (variant: string): string => `{ "flags": { "f": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "${variant}" } } }\n`;

/**
 * The clean run's "flags files differ" banner asks config's one flags-file lookup (what `gearshift
 * flags`, the checklist and the walkthrough read), not a list of its own: the two cannot drift.
 */
describe('flagsFilesDiffering uses the flags lookup of gearshift flags', () => {
  let work = '';
  let commit = '';
  beforeEach(() => { work = tempDir('flags-work-'); commit = tempDir('flags-commit-'); });

  function write(root: string, rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  const pipelineAt = (root: string, flags?: Pipeline['flags']): Pipeline => ({ root, ...(flags ? { flags } : {}) }) as unknown as Pipeline;

  it('beside flags.json, a changed .gearshift/flags.json is not a flags file (gearshift flags reads flags.json), so nothing differs', async () => {
    for (const root of [work, commit]) { write(root, 'flags.json', FLAGS('on')); write(root, '.gearshift/flags.json', FLAGS('on')); }
    write(work, '.gearshift/flags.json', FLAGS('off'));
    assert.deepStrictEqual(presentFlagsFiles(work), ['flags.json']);
    assert.deepStrictEqual(await flagsFilesDiffering(pipelineAt(work), undefined, commit), []);
  });

  it('the second default name alone is read by both: its change is named', async () => {
    write(commit, '.gearshift/flags.json', FLAGS('on'));
    write(work, '.gearshift/flags.json', FLAGS('off'));
    assert.deepStrictEqual(presentFlagsFiles(work), ['.gearshift/flags.json']);
    assert.deepStrictEqual(await flagsFilesDiffering(pipelineAt(work), undefined, commit), ['.gearshift/flags.json']);
  });

  it('a default file added in the working copy or gone from it differs too (missing on one side)', async () => {
    write(work, 'flags.production.json', FLAGS('off'));
    write(commit, 'flags.json', FLAGS('on'));
    assert.deepStrictEqual((await flagsFilesDiffering(pipelineAt(work), undefined, commit)).sort(), ['flags.json', 'flags.production.json']);
  });

  it('a flags: section\'s file is the one compared, not the defaults', async () => {
    for (const root of [work, commit]) { write(root, 'flags.json', FLAGS('on')); write(root, 'cfg/live.json', FLAGS('on')); }
    write(work, 'flags.json', FLAGS('off'));
    write(work, 'cfg/live.json', FLAGS('off'));
    const flags = { files: [{ environment: 'default', path: path.join(work, 'cfg/live.json') }], staleAfterMs: 1 };
    assert.deepStrictEqual(presentFlagsFiles(work, flags), ['cfg/live.json']);
    assert.deepStrictEqual(await flagsFilesDiffering(pipelineAt(work, flags), undefined, commit), ['cfg/live.json']);
  });
});
