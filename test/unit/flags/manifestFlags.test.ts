/** The manifest's flags contributions (review37a F2, F3, F6): package.json alone. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };

describe('manifest: flags contributions', () => {
  // review37a F2: `flags.json` is a common name; a schema attached to it reached every repository's
  // file of that name (and, offline, a "could not load schema" warning in Problems).
  it('attaches no schema to every flags.json: a file gets flagd\'s by declaring "$schema" itself', () => {
    const matches = ((manifest.contributes.jsonValidation ?? []) as { fileMatch: string | string[] }[]).flatMap((v) => [v.fileMatch].flat());
    const claimsCommonName = matches.filter((m) => /(^|\/)flags(\.\*)?\.json$|^flags\*/.test(m) && !m.startsWith('.gearshift/'));
    assert.deepStrictEqual(claimsCommonName, []);
  });
});
