/**
 * A clean run ships the flags files of its commit, not the working copy's: a kill switch written
 * to flags.json and not committed is not what the run's "Deploy Flags" stage ships (review22 H3).
 * The run says so on its banner (`flagsDiffer` on its record), as it does when `.gearshift.yml`
 * differs (runSource.ts). The worktree already holds the commit's files: two reads per file, no git.
 */
import * as path from 'path';
import { fileIo } from '../fileio';
import { flagsFilesOf, type Pipeline } from '../config';

/**
 * The flags files, relative to the pipeline's folder, whose working copy differs from the
 * commit's (one missing on either side counts). `committed`: the commit's pipeline, read with the
 * working copy's paths; `workingCopy`: the working copy's, when it parsed (it may name other
 * files); `worktreeRoot`: the pipeline's folder in the run's worktree. Which files are flags
 * files is config's one lookup (flagsFilesOf, what `gearshift flags` reads), asked of both sides.
 */
export async function flagsFilesDiffering(committed: Pipeline, workingCopy: Pipeline | undefined, worktreeRoot: string): Promise<string[]> {
  const root = committed.root;
  const unique = [...new Set([...flagsFilesIn(root, committed, workingCopy), ...flagsFilesIn(worktreeRoot, committed, workingCopy)])];
  const differs = await Promise.all(unique.map((rel) => sameBytes(path.join(root, rel), path.join(worktreeRoot, rel)).then((same) => !same)));
  return unique.filter((_, i) => differs[i]);
}

/**
 * The flags files `gearshift flags` would read in `folder` (the working copy's or the commit's),
 * relative to it: those either pipeline's `flags:` section names, else the default ones. The
 * commit's `flags:` paths were read with the working copy's root, so they are moved to `folder`.
 */
function flagsFilesIn(folder: string, committed: Pipeline, workingCopy: Pipeline | undefined): string[] {
  const named = [committed.flags, workingCopy?.flags].filter((c) => c !== undefined && c.files.length > 0);
  const configs = named.length > 0 ? named : [undefined];
  return configs.flatMap((config) => {
    const moved = config && { ...config, files: config.files.map((f) => ({ ...f, path: path.join(folder, path.relative(committed.root, f.path)) })) };
    return flagsFilesOf(folder, moved).files.map((f) => path.relative(folder, f.path));
  });
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fileIo.stat(a).catch(() => undefined), fileIo.stat(b).catch(() => undefined)]);
  if (!sa || !sb) { return !sa && !sb; }
  if (sa.size !== sb.size) { return false; }
  // Unreadable (a folder, no permission): nothing certain to say, so nothing is said.
  // fileIo, not fs/promises: `gearshift run` loads checkout.ts, and fs/promises costs every run (runStartCost test).
  const [ta, tb] = await Promise.all([fileIo.readFile(a), fileIo.readFile(b)]).catch(() => [undefined, undefined]);
  return ta === undefined || tb === undefined || ta.equals(tb);
}
