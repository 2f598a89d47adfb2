/**
 * The bundled CLI at a real terminal: util-linux's `script` gives it a pseudo-terminal (stdin,
 * stdout and stderr are the pty), forwards what we write to its stdin as typed input, and with
 * `-e` exits with the CLI's own exit code. Output is read as it comes, with bounded waits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CLI, cliEnv } from './cliProcess';

/** `script` is in bsdutils (Essential on Debian); a test without it is skipped. */
export function hasScript(): boolean {
  return spawnSync('script', ['--version']).status === 0;
}

/** Single-quoted for sh: the command `script -c` runs is one shell line. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export class PtyCli {
  readonly child: ChildProcess;
  output = '';
  readonly done: Promise<number | null>;

  constructor(args: readonly string[], opts: { cwd: string; env?: Record<string, string | undefined> }) {
    const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: opts.cwd, env: cliEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => { this.output += s; });
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => { this.output += s; });
    this.child.stdin!.on('error', () => undefined);
    this.done = new Promise((resolve) => { this.child.on('close', (code) => resolve(code)); });
  }

  /** What a person types (a line: end it with \r, as the Enter key sends). */
  type(text: string): void { this.child.stdin!.write(text); }

  /** Resolves once the output matches `pattern`; rejects after `ms` or when the CLI ended without it. */
  async waitFor(pattern: RegExp, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    let ended = false;
    void this.done.then(() => { ended = true; });
    while (!pattern.test(this.output)) {
      if (Date.now() > deadline || ended) { throw new Error(`terminal output never matched ${pattern}:\n${this.output}`); }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Runs to the end: the exit code and everything the terminal showed. */
  async finish(): Promise<{ code: number | null; output: string }> {
    const code = await this.done;
    return { code, output: this.output };
  }
}
