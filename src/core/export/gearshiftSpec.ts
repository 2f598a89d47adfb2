/**
 * Where a repository's `gearshift` dependency comes from. Gearshift is not published on npm, so a
 * version, range or tag (`^1.0.0`, `latest`) names whatever package a stranger publishes there as
 * `gearshift`, and a `--via-cli` job would run it with the stage's secrets (review37c F9). A file,
 * tarball or git spec names the team's own copy.
 */
import { dependencySpecs, type PackageJson } from './packageJson';

/** How to add the team's own copy, for every warning that asks for it. */
export const ADD_OWN_GEARSHIFT = 'add your own copy: `npm pack` in your built Gearshift clone, commit the .tgz, `npm install -D ./gearshift-<version>.tgz` (not `npm install -D gearshift`: a package of that name on npm is not Gearshift)';

/**
 * npm resolves the spec by an unscoped name from a registry: a version, a range, a tag, an `npm:`
 * alias to an unscoped name. An alias to a scoped name (`npm:@team/gearshift@^0.1`) is the team's
 * own published copy.
 */
export function fromRegistry(spec: string): boolean {
  const s = spec.trim();
  if (/^npm:/i.test(s)) { return !/^npm:@[^/\s]+\//i.test(s); }
  // file:, link:, git+ssh:, git:, github:, gitlab:, https: (a tarball), a Windows drive.
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) { return false; }
  // ./x, ../x, /x, ~/x, x.tgz: a path; owner/repo: GitHub. A range or tag holds no `/`.
  return !(/^(?:\.{1,2}|~)?\//.test(s) || s === '.' || s === '..' || /\.(?:tgz|tar\.gz|tar)$/i.test(s) || s.includes('/'));
}

/** The warning for a package.json whose gearshift comes from the registry; undefined when none does. */
export function registryGearshiftWarning(pkg: PackageJson): string | undefined {
  const spec = dependencySpecs(pkg, 'gearshift').find(fromRegistry);
  if (spec === undefined) { return undefined; }
  return `package.json lists gearshift ${JSON.stringify(spec)}, a version from the registry: Gearshift is not published on npm, so npm would install a stranger's package of that name and the job would run it with the stage's secrets; ${ADD_OWN_GEARSHIFT}`;
}
