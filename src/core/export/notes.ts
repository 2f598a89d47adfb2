/** What the CLI and the editor say beside a written export: what it leaves out, what the engine will not honour. */
import type { Pipeline } from '../config';
import { blueGreenLeftOut, exportedPart } from './blueGreen';
import { leftOutNames } from './common';
import { timeoutWarnings } from './timeoutWarnings';
import type { ExportOptions } from './types';

export function exportNotes(pipeline: Pipeline, options: ExportOptions): string[] {
  const notes: string[] = [];
  const leftOut = blueGreenLeftOut(pipeline);
  if (leftOut.size > 0) {
    notes.push(`left out ${leftOutNames(leftOut)}: ${leftOut.size === 1 ? 'the production stage' : 'the production stages'} of the blue/green deploy and what needs them; deploy with \`gearshift deploy production\``);
  }
  // Only the stages written: a left-out stage's timeout is no engine's concern.
  notes.push(...timeoutWarnings(exportedPart(pipeline), options));
  return notes;
}
