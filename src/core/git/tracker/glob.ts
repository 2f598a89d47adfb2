/**
 * Branch globs for `branches:` in .gearshift.yml: `*` and `?` stay within one path segment
 * (`release/*` matches `release/1.2`, not `release/1.2/hotfix`), `**` crosses segments, and
 * `**` followed by `/` also matches no segment at all (`**` + `/main` matches `main`).
 * Everything else is literal, so a branch name's own characters (`.`, `+`, `$`, `(`) never act
 * as regex syntax. A detached HEAD ('') matches no glob, not even `*`.
 */

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`, 'u');
}

export function matchesGlob(branch: string, glob: string): boolean {
  return branch !== '' && globToRegExp(glob).test(branch);
}

/** A matcher for a list of globs; `undefined` (no `branches:` key) matches every commit. */
export function branchFilter(globs: readonly string[] | undefined): (branch: string) => boolean {
  if (globs === undefined) {
    return () => true;
  }
  const res = globs.map(globToRegExp);
  return (branch) => branch !== '' && res.some((re) => re.test(branch));
}
