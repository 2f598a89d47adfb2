/**
 * The `gearshift` command line: the same core as the extension, stdout instead of a terminal.
 * `main` takes its I/O as a parameter so tests can run it in-process.
 */
import { parseOptions, UsageError, type OptionSpec } from './args';
import { argText } from './argText';
import { CliError, EXIT, type Command, CONFIG_LOOKUP_HELP } from './command';
import { COMMAND_TABLE as COMMANDS, type CommandEntry } from './commandTable';
import { processIo, type CliIo } from './io';
import { printable } from '../core/format';
import { readVersion } from './version';

const HELP_OPTION: OptionSpec = { name: 'help', type: 'boolean', short: 'h' };

export const USAGE = `gearshift: run your .gearshift.yml pipeline from a terminal, a git hook or CI

Usage: gearshift <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}
  help       show this help, or \`gearshift help <command>\`

Options:
  -h, --help   show help; \`gearshift <command> --help\` shows a command's options
  --version    print the version

${CONFIG_LOOKUP_HELP}
State (run history, run logs, locks, deploy state), shared with the VS Code extension, is
per pipeline: .git/gearshift/history.jsonl for the .gearshift.yml at the repository's top,
.git/gearshift/pipelines/<folder>/ for one in a subfolder (its path with / as %2F, e.g.
pipelines/apps%2Fapi/), outside git ~/.local/state/gearshift/<folder's hash>/.

Exit codes: 0 green/ok, 1 red (a stage failed or timed out), 2 usage or config error,
3 a production release's monitoring was inconclusive and waits for a decision,
130 cancelled (Ctrl+C, SIGTERM; or HEAD moved to other files during the run), a manual gate
not approved, or a deploy not confirmed,
70 internal error (a bug: please report it).
`;

/** After a typo, as a command's own usage error says it: the error stays on screen, not above 38 lines of help (walkcli32 L3). */
const SHORT_USAGE = 'Usage: gearshift <command> [options]\nRun `gearshift --help` for the commands.\n';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(`gearshift: no command given\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (first === '--version') {
    // Like every command: an argument it does not take is refused, not ignored.
    if (rest.length > 0) { io.stderr.write(`gearshift --version: unexpected argument '${argText(rest[0])}'\n`); return EXIT.usage; }
    io.stdout.write(`${readVersion()}\n`);
    return EXIT.ok;
  }
  if (first === 'help') { return helpFor(rest, io); }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`gearshift: ${first.startsWith('-') ? `unknown option '${argText(first)}'` : `unknown command '${argText(first)}'${await commandTypo(first)}`}\n${SHORT_USAGE}`);
    return EXIT.usage;
  }
  return dispatch(await command.load(), rest, io);
}

async function dispatch(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseOptions(args, [...command.options, HELP_OPTION]);
    if (options.help === true) {
      io.stdout.write(command.help);
      return EXIT.ok;
    }
    return await command.run(options, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // The one usage line, not the whole help: the error stays visible.
      const usage = command.help.split('\n')[0];
      io.stderr.write(`gearshift ${command.name}: ${inert(e.message)}\n${usage}\nRun \`gearshift ${command.name} --help\` for details.\n`);
      return EXIT.usage;
    }
    if (e instanceof CliError) {
      io.stderr.write(`gearshift ${command.name}: ${inert(e.message)}${e.message.endsWith('\n') ? '' : '\n'}`);
      return e.exitCode;
    }
    io.stderr.write(`gearshift ${command.name}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT.internal;
  }
}

async function helpFor(args: readonly string[], io: CliIo): Promise<number> {
  // `gearshift help --help` asks for help too, not about a command named "--help".
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const command: CommandEntry | undefined = args.length === 1 ? COMMANDS.find((c) => c.name === args[0]) : undefined;
  if (!command) {
    const what = args.length === 1 ? `unknown command '${argText(args[0])}'${await commandTypo(args[0])}` : 'name one command';
    io.stderr.write(`gearshift help: ${what}\n${SHORT_USAGE}`);
    return EXIT.usage;
  }
  io.stdout.write((await command.load()).help);
  return EXIT.ok;
}

/** An error's lines kept, each inert: they quote arguments, paths and stage names, which are data. */
function inert(message: string): string {
  return message.split('\n').map((line) => printable(line)).join('\n');
}

/** "; did you mean `run`?" for `gearshift rnu`: the config's typo rule, loaded only on this error path (start-up stays small). */
async function commandTypo(word: string): Promise<string> {
  const { didYouMean } = await import('../core/config');
  return printable(didYouMean(word, COMMANDS.map((c) => c.name)));
}
