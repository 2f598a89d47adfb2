/** The `# Warning:` lines both engines' headers carry, and the ones said on stderr beside the file. */
import type { Pipeline } from '../config';
import { oneLine } from './common';
import { runnerVariableWarnings } from './runnerVariables';
import { secretNameWarnings } from './secretNames';
import { timeoutWarnings } from './timeoutWarnings';
import type { ExportOptions } from './types';

/** `exported`: the part written (exportedPart). Names the engine reads otherwise than Gearshift does: on stderr and in the header. */
export function nameWarnings(exported: Pipeline, options: ExportOptions): string[] {
  return [...secretNameWarnings(exported, options), ...runnerVariableWarnings(exported, options)];
}

/** The header's warning lines; `pipeline`: the part written, with fail-fast needs (its timeouts are the jobs'). */
export function headerWarnings(pipeline: Pipeline, exported: Pipeline, options: ExportOptions): string[] {
  return [...timeoutWarnings(pipeline, options), ...nameWarnings(exported, options)].map((w) => `# Warning: ${oneLine(w)}`);
}
