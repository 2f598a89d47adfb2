/**
 * A plain export runs each stage's command on a fresh checkout: a Node project's jobs then find
 * no node_modules ("jest: not found") unless a stage installs them. Said beside the file, not in
 * it, so an export that was right stays without drift (firsthour34 F16).
 */
import type { Pipeline } from '../config';
import { dependencyNames, readPackage } from './packageJson';
import { foldersUp } from './viaCliDetect';

/** An install command at the start of, or inside, a stage's command. */
const INSTALLS = /\b(?:npm (?:ci|install|i)|yarn(?: install)?|pnpm (?:install|i)|bun install)\b/;

/** The note, or undefined when there is no package.json with dependencies or some stage installs them. */
export async function dependencyNote(pipeline: Pipeline, repoRoot: string): Promise<string | undefined> {
  if (pipeline.stages.some((s) => INSTALLS.test(s.run))) { return undefined; }
  for (const folder of foldersUp(pipeline.root, repoRoot)) {
    const pkg = await readPackage(folder);
    if (pkg === undefined) { continue; }
    const count = dependencyNames(pkg).length;
    if (count === 0) { return undefined; }
    return `no job installs dependencies (package.json lists ${count}), and each job starts from a fresh checkout: put the install (e.g. npm ci) in the stages' commands, or export with --via-cli, whose jobs install them`;
  }
  return undefined;
}
