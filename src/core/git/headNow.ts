/**
 * HEAD's commit as it is now, for a check on a run's path (a production gate): from the files
 * when the layout is a plain one (gitFiles.ts), else one `git rev-parse`.
 */
import { findGitLayout, readHeadFacts } from './gitFiles';
import { runGit } from './gitProcess';
import { END_OF_OPTIONS } from './sha';

/** The full sha, 'none' before the first commit; rejects with git's message when git cannot answer. */
export async function headNow(folder: string): Promise<string> {
  const layout = await findGitLayout(folder).catch(() => undefined);
  const facts = layout ? await readHeadFacts(layout).catch(() => undefined) : undefined;
  if (facts) { return facts.sha; }
  const out = await runGit(folder, ['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, 'HEAD^{commit}']).catch((e: Error) => {
    // --verify --quiet exits 1 with no output on an unborn branch; any other failure is git's to tell.
    if ((e as { exitCode?: number | null }).exitCode === 1) { return ''; }
    throw e;
  });
  return out.trim() || 'none';
}
