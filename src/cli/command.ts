/** The shape every `gearshift <command>` has: its options, its help and what it does. */
import type { OptionSpec, OptionValues } from './args';
import type { CliIo } from './io';

export interface Command<S extends readonly OptionSpec[] = readonly OptionSpec[]> {
  readonly name: string;
  /** One line for the command list in `gearshift --help`. */
  readonly summary: string;
  /** The full text of `gearshift <command> --help`. */
  readonly help: string;
  /** `--help`/`-h` is added for every command by main. */
  readonly options: S;
  /** Resolves with the exit code; throws UsageError (exit 2) or CliError. */
  run(options: OptionValues<S>, io: CliIo): Promise<number>;
}

/** A command whose `run` gets its options typed from its specs (no `opts.x as string`). */
export function defineCommand<const S extends readonly OptionSpec[]>(command: Command<S>): Command {
  return command as unknown as Command;
}

/** A failure with a known exit code and a message for stderr (no stack: it is not a bug). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) { super(message); }
}

/** Exit codes (DESIGN.md "CLI (contract)"). */
export const EXIT = { ok: 0, red: 1, usage: 2, cancelled: 130, internal: 70 } as const;

export const CONFIG_LOOKUP_HELP = `The pipeline file is --config PATH, else the first .gearshift.yml found in the current
folder or a parent folder, up to the top of the git repository (outside git: the current
folder only). Stages run in the folder holding that file.`;
