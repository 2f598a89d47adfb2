/**
 * HEAD's commit as it is now, for a check on a run's path (a production gate): from the files
 * when the layout is a plain one (gitFiles.ts), else one `git rev-parse`.
 */
import { findGitLayout, type GitLayout, readHeadFacts } from './gitFiles';
import { runGit } from './gitProcess';
import { END_OF_OPTIONS } from './sha';

/** The full sha, 'none' before the first commit; rejects with git's message when git cannot answer. */
export async function headNow(folder: string): Promise<string> {
  return headFrom(folder, await findGitLayout(folder).catch(() => undefined));
}

/**
 * For a run that reads HEAD at every stage: the layout looked up once (now, before the run
 * starts, when `gearshift run` has it remembered), then each read is of HEAD's files only.
 */
export function headReader(folder: string): () => Promise<string> {
  const layout = findGitLayout(folder).catch(() => undefined);
  return async () => headFrom(folder, await layout);
}

/** As headNow, with the layout the caller looked up (undefined: git is asked). */
export async function headFrom(folder: string, layout: GitLayout | undefined): Promise<string> {
  const facts = layout ? await readHeadFacts(layout).catch(() => undefined) : undefined;
  if (facts) { return facts.sha; }
  const out = await runGit(folder, ['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, 'HEAD^{commit}']).catch((e: Error) => {
    // --verify --quiet exits 1 with no output on an unborn branch; any other failure is git's to tell.
    if ((e as { exitCode?: number | null }).exitCode === 1) { return ''; }
    throw e;
  });
  return out.trim() || 'none';
}
