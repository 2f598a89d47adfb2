/**
 * Is a folder in a work tree, is it a shallow clone, and what is HEAD: from files when the
 * layout is a plain one (gitFiles.ts), else from git as before. Each git process costs a few
 * milliseconds of start-up and `status --json` asks this on every call.
 */
import { fileIo } from '../fileio';
import * as path from 'path';
import { END_OF_OPTIONS, findGitLayout, readHeadFacts, runGit } from '../git';

export interface WorkTreeState {
  inside: boolean;
  shallow: boolean;
  /** HEAD's commit; undefined before the first commit (or outside a work tree). */
  head: string | undefined;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Throws what git throws, except "not a git repository" (then `inside` is false). */
export async function readWorkTreeState(folder: string): Promise<WorkTreeState> {
  return (await fromFiles(folder)) ?? fromGit(folder);
}

async function fromFiles(folder: string): Promise<WorkTreeState | undefined> {
  const layout = await findGitLayout(folder).catch(() => undefined);
  const facts = layout ? await readHeadFacts(layout).catch(() => undefined) : undefined;
  if (!layout || !facts) { return undefined; }
  // git marks a shallow repository with a `shallow` file in the common dir (git rev-parse --is-shallow-repository).
  const shallow = await fileIo.stat(path.join(layout.commonDir, 'shallow')).then((s) => s.isFile(), () => false);
  return { inside: true, shallow, head: facts.sha === 'none' ? undefined : facts.sha };
}

async function fromGit(folder: string): Promise<WorkTreeState> {
  const [state, head] = await Promise.all([
    runGit(folder, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']).then((s) => s.split('\n'), (e: Error) => e),
    runGit(folder, ['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, 'HEAD^{commit}']).then((s) => s.trim(), () => ''),
  ]);
  if (state instanceof Error && !/not a git repository/i.test(state.message)) { throw state; }
  if (state instanceof Error || state[0] !== 'true') { return { inside: false, shallow: false, head: undefined }; }
  return { inside: true, shallow: state[1] === 'true', head: SHA.test(head) ? head : undefined };
}
