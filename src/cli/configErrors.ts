import type { ConfigError } from '../core/config';
import { closest } from '../core/config';
import { type NoStage, noStageHint, noStageWhere } from '../core/engine';
import { CliError, EXIT } from './command';
import type { CliIo } from './io';
import { displayPath } from './paths';

/** One `file:line:col: message` line per error on stderr, the form editors and CI link. */
export function printConfigErrors(errors: readonly ConfigError[], io: CliIo): void {
  for (const e of errors) {
    io.stderr.write(`${displayPath(e.file, io.cwd)}:${e.line}:${e.col}: ${e.message}\n`);
  }
}

/** The usage error for a `--stage`/`--from` that names no stage of the file the run follows (the commit's under `checkout: clean`), naming every stage it has. */
export function noStageError(p: NoStage, io: CliIo): CliError {
  const option = p.option === 'only' ? '--stage' : '--from';
  const guess = p.inWorkingCopy ? undefined : closest(p.name, p.stages); // a stage only the working copy has needs a commit, not another name
  return new CliError(
    `${option}: no stage named "${p.name}" in ${noStageWhere(p, displayPath(p.file, io.cwd))}${noStageHint(p)}${guess ? ` (did you mean "${guess}"?)` : ''}\n` +
    `The stages are:\n${p.stages.map((n) => `  ${n}\n`).join('')}`,
    EXIT.usage,
  );
}
