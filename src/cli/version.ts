/**
 * The version from package.json, found at run time by walking up from this file: dist/cli.js
 * and out/src/cli/version.js both sit below it. (Importing the JSON would make tsc copy
 * package.json into out/, where tests that look for the repo root would find it instead.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function readVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'gearshift' && typeof pkg.version === 'string') { return pkg.version; }
    } catch {
      // no (readable) package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) { return 'unknown'; }
  }
}
