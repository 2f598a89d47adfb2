import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

interface Manifest { name?: string; version?: string; scripts?: Record<string, string>; allowScripts?: Record<string, boolean> }

/** Every package.json under node_modules (scoped and nested), read once. */
function installedManifests(dir: string): Manifest[] {
  const found: Manifest[] = [];
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return found; }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) { continue; }
    const pkgDir = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) { found.push(...installedManifests(pkgDir)); continue; }
    try { found.push(JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as Manifest); } catch { /* not a package */ }
    found.push(...installedManifests(path.join(pkgDir, 'node_modules')));
  }
  return found;
}

/**
 * npm 12 skips a dependency's install scripts unless package.json's allowScripts approves them
 * (npm 11.16+ warns on every install). A new dependency with an install script must be reviewed
 * and approved, or a fresh machine's install silently differs from ours.
 */
describe('install scripts', () => {
  it('approves every installed dependency that has an install script, and nothing else', () => {
    const own = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
    const approved = new Set(Object.keys(own.allowScripts ?? {}).map((k) => k.replace(/(.)@[^@]*$/, '$1')));
    const withScripts = installedManifests(path.join(root, 'node_modules'))
      .filter((m) => INSTALL_SCRIPTS.some((s) => m.scripts?.[s]))
      .map((m) => m.name ?? '?');
    const names = [...new Set(withScripts)].sort();
    assert.ok(names.length > 0, 'no dependency with an install script found: is node_modules installed?');
    assert.deepStrictEqual(names.filter((n) => !approved.has(n)), [], 'install scripts not approved in package.json allowScripts');
    assert.deepStrictEqual([...approved].filter((n) => !names.includes(n)), [], 'allowScripts names a package that has no install script');
  });
});
