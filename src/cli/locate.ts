/**
 * Which pipeline a command is about. --config wins; else the nearest `.gearshift.yml` from the
 * current folder up to the top of the git work tree, so `gearshift run` works from a
 * subfolder the way `git` does, but never picks up a file from outside the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfigFile, CONFIG_FILE_NAME } from '../core/config';
import { findGitLayout, getRepoInfo } from '../core/git';
import { CliError, EXIT } from './command';
import { realpath } from './paths';
import { argText } from './argText';

export interface Located {
  /** The folder holding the config: the engine's folder, where stages run. */
  folder: string;
  configFile: string;
  /** False when nothing was found: `configFile` is then where it would be (cwd). */
  found: boolean;
}

export async function locateConfig(cwd: string, explicit?: string): Promise<Located> {
  if (explicit !== undefined) {
    const configFile = path.resolve(cwd, explicit);
    return { folder: path.dirname(configFile), configFile, found: fs.existsSync(configFile) };
  }
  const start = realpath(cwd);
  const top = await gitTop(start);
  for (let dir = start; top !== undefined && isInside(dir, top); dir = path.dirname(dir)) {
    const file = findConfigFile(dir);
    if (file) { return { folder: dir, configFile: file, found: true }; }
    if (dir === top) { break; }
  }
  const file = findConfigFile(start);
  return { folder: start, configFile: file ?? path.join(start, CONFIG_FILE_NAME), found: file !== undefined };
}

/**
 * For the commands that answer without a pipeline file (status, history, gear, flags, export's
 * lookup): a `--config` that names no file is a typo, and answering about its parent folder
 * instead ("no pipeline runs yet" for /nonexistent) would be a wrong answer, not a usage error.
 */
export async function locateExistingConfig(cwd: string, explicit?: string): Promise<Located> {
  const located = await locateConfig(cwd, explicit);
  if (explicit !== undefined && !located.found) { throw new CliError(`--config ${argText(explicit)}: no such file`, EXIT.usage); }
  if (explicit !== undefined && fs.statSync(located.configFile, { throwIfNoEntry: false })?.isDirectory() === true) {
    throw new CliError(`--config ${argText(explicit)}: a folder, not a pipeline file`, EXIT.usage);
  }
  return located;
}

/** Top of the work tree; undefined outside git. */
async function gitTop(dir: string): Promise<string | undefined> {
  const layout = await findGitLayout(dir); // files answer the plain layouts without a git process
  if (layout) { return layout.root; }
  try {
    const info = await getRepoInfo(dir);
    return info.isRepo ? info.root : undefined;
  } catch (e) {
    // e.g. git's "dubious ownership": the user has to act, so say what git said.
    throw new CliError(`git: ${(e as Error).message.trim()}`, EXIT.usage);
  }
}

function isInside(dir: string, top: string): boolean {
  const rel = path.relative(top, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** With no runs yet, the step that works here: `run` fails without a pipeline file. */
export function firstStep(configFound: boolean): string {
  return configFound ? 'start one with `gearshift run`' : 'there is no .gearshift.yml here: `gearshift init` writes one, then `gearshift run`';
}

/**
 * A command that needs a pipeline file, with none: said as `status` says it, with no `file:1:1:`
 * position in a file that does not exist and no editor command (walk29 L7, walkcli32 M4); a
 * `--config` naming no file is a typo, said as locateExistingConfig says it. A dangling link or a
 * `.yaml` spelling is left to the loader, which explains those.
 */
export function requirePipelineFile(located: Located, explicit?: string): void {
  if (!noPipelineFile(located)) { return; }
  if (explicit !== undefined) { throw new CliError(`--config ${argText(explicit)}: no such file`, EXIT.usage); }
  throw new CliError(`there is no ${CONFIG_FILE_NAME} here: \`gearshift init\` writes one`, EXIT.usage);
}

/**
 * Nothing at all where the pipeline file would be: no file, no link, no `.yaml` spelling of it.
 * A path lstat cannot even look at (too long, a file as a folder) is left to the loader, which says why.
 */
export function noPipelineFile(located: Located): boolean {
  if (located.found) { return false; }
  try {
    if (fs.lstatSync(located.configFile, { throwIfNoEntry: false }) !== undefined) { return false; }
  } catch {
    return false;
  }
  return !fs.existsSync(located.configFile.replace(/\.yml$/, '.yaml'));
}

/** locateConfig, then requirePipelineFile: for the commands that cannot answer without a pipeline file. */
export async function locatePipelineFile(cwd: string, explicit?: string): Promise<Located> {
  const located = await locateConfig(cwd, explicit);
  requirePipelineFile(located, explicit);
  return located;
}
