/** The `gearshift` command line: the same core as the extension, stdout instead of a terminal. */

export const USAGE = `Usage: gearshift <command> [options]

Commands:
  help                 show this help

Run \`gearshift <command> --help\` for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(`gearshift: unknown command '${command}'\n\n${USAGE}`);
  return 2;
}
