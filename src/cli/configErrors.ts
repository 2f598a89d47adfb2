import type { ConfigError, Pipeline } from '../core/config';
import { closest } from '../core/config';
import { CliError, EXIT } from './command';
import type { CliIo } from './io';
import { displayPath } from './paths';

/** One `file:line:col: message` line per error on stderr, the form editors and CI link. */
export function printConfigErrors(errors: readonly ConfigError[], io: CliIo): void {
  for (const e of errors) {
    io.stderr.write(`${displayPath(e.file, io.cwd)}:${e.line}:${e.col}: ${e.message}\n`);
  }
}

/** Throws a usage error naming every stage when `name` is not one of them. */
export function checkStageName(pipeline: Pipeline, option: string, name: string | undefined, io: CliIo): void {
  if (name === undefined) { return; }
  const names = pipeline.stages.map((s) => s.name);
  if (names.includes(name)) { return; }
  const guess = closest(name, names);
  throw new CliError(
    `${option}: no stage named "${name}" in ${displayPath(pipeline.file, io.cwd)}${guess ? ` (did you mean "${guess}"?)` : ''}\n` +
    `The stages are:\n${names.map((n) => `  ${n}\n`).join('')}`,
    EXIT.usage,
  );
}
