import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where a docs page is on this machine, for a message: the CLI runs from dist/ of an npm package
 * or a clone (docs/ beside dist/) or of the installed extension (dist/docs). A bare "docs/x.md"
 * names a folder the user may not know; when neither holds it, the repository's path is named.
 */
export function docsPage(page: string, from: string = __dirname): string {
  for (const file of [path.join(from, '..', 'docs', page), path.join(from, 'docs', page)]) {
    if (fs.existsSync(file)) { return file; }
  }
  return `docs/${page} in Gearshift's repository`;
}
