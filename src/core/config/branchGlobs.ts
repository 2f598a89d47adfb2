/**
 * `branches:` globs have one meaning wherever they run: locally (src/core/git/tracker/glob.ts)
 * and in the exported GitHub and GitLab filters. GitHub's filter syntax gives `[…]`, `?` and a
 * leading `!` other meanings (a class, "the previous character, optional", "not"), so a glob
 * using them would trigger on other branches there than here: refused, said where and why.
 * (`+` and `]` stay literal; the GitHub export escapes them.)
 */
import type { Problems } from './problems';
import type { Located } from './reader';

export function checkBranchGlobs(branches: readonly Located[], problems: Problems): void {
  for (const glob of branches) {
    const why = ambiguity(glob.value);
    if (why !== undefined) { problems.at(glob.node, `\`branches\`: ${JSON.stringify(glob.value)}: ${why}`); }
  }
}

function ambiguity(glob: string): string | undefined {
  if (glob.startsWith('!')) {
    return 'a leading `!` does not exclude branches here (it does in GitHub\'s filters); list the branches to run on';
  }
  if (glob.includes('[')) {
    return '`[…]` is not glob syntax here (a class in GitHub\'s filters), and git branch names cannot hold `[`; use `*`';
  }
  if (glob.includes('?')) {
    return '`?` would mean "one character" here but "the previous character, optional" in GitHub\'s filters; use `*`';
  }
  return undefined;
}
