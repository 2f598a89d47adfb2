import { argText } from './argText';
import type { ConfigError } from '../core/config';
import { closest } from '../core/config';
import { type NoStage, noStageHint, noStageWhere } from '../core/engine';
import { printable } from '../core/format';
import { CliError, EXIT } from './command';
import type { CliIo } from './io';
import { displayPath } from './paths';

/** The longest config message (docs/configuration.md: "a whole message at most 600"). */
const MAX_MESSAGE_CHARS = 600;

/** One `file:line:col: message` line per error on stderr, the form editors and CI link. */
export function printConfigErrors(errors: readonly ConfigError[], io: CliIo): void {
  for (const e of errors) {
    // The path may be --config's value, which a message may repeat ("No .gearshift.yml at …"): the path escaped and cut as any
    // argument is, the message as a whole config message (at most 600 characters, docs/configuration.md).
    io.stderr.write(`${argText(displayPath(e.file, io.cwd))}:${e.line}:${e.col}: ${printable(e.message, { max: MAX_MESSAGE_CHARS })}\n`);
  }
}

/** The usage error for a `--stage`/`--from` that names no stage of the file the run follows (the commit's under `checkout: clean`), naming every stage it has. */
export function noStageError(p: NoStage, io: CliIo): CliError {
  const option = p.option === 'only' ? '--stage' : '--from';
  const guess = p.inWorkingCopy ? undefined : closest(p.name, p.stages); // a stage only the working copy has needs a commit, not another name
  return new CliError(
    `${option}: no stage named "${argText(p.name)}" in ${noStageWhere(p, displayPath(p.file, io.cwd))}${noStageHint(p)}${guess ? ` (did you mean "${argText(guess)}"?)` : ''}\n` +
    `The stages are:\n${p.stages.map((n) => `  ${n}\n`).join('')}`,
    EXIT.usage,
  );
}
