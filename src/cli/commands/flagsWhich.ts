/**
 * Which pipeline and which flags file a `gearshift flags` command acts on, said when it may not
 * be what the user thinks: the lookup went up from the current folder to find the pipeline file
 * (a subfolder without one of its own acts on the pipeline above), or another pipeline of the
 * repository reads the same file (a toggle from either changes it for both).
 */
import * as path from 'node:path';
import { pipelinesSharing } from '../../core/flags';
import { printable } from '../../core/format';
import { realpath } from '../paths';
import type { FlagsCli } from './flagsLoad';

/** One line (`Pipeline …, flags file …`), or '' when the command acts where it runs and on files no other pipeline reads. */
export async function whichNote(cli: FlagsCli, files: readonly string[], cwd: string): Promise<string> {
  if (!cli.pipeline || files.length === 0) { return ''; }
  const here = realpath(cwd);
  const shared = await Promise.all(files.map(async (file) => ({ file, by: await pipelinesSharing(cli.pipeline?.folder ?? here, file) })));
  if (realpath(cli.pipeline.folder) === here && shared.every((s) => s.by.length === 0)) { return ''; }
  const shown = (p: string): string => printable(path.relative(here, p) || '.');
  const named = shared.map((s) => `${shown(s.file)}${s.by.length > 0 ? ` (also read by ${s.by.map(shown).join(', ')})` : ''}`);
  return `Pipeline ${shown(cli.pipeline.configFile)}, flags file${files.length === 1 ? '' : 's'} ${named.join(', ')}\n`;
}

/** For `validate`: each flags file of the pipeline in `folder` that another pipeline reads too. */
export async function sharedFlagsNotes(folder: string, files: readonly string[], cwd: string): Promise<string[]> {
  const here = realpath(cwd);
  const shown = (p: string): string => printable(path.relative(here, p) || '.');
  const notes: string[] = [];
  for (const file of files) {
    const by = await pipelinesSharing(folder, file);
    if (by.length > 0) { notes.push(`flags file ${shown(file)} is also read by ${by.map(shown).join(', ')}: a toggle from either pipeline changes it for both`); }
  }
  return notes;
}
