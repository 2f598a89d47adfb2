/**
 * A stage command that needs no shell is exec'd directly, as GNU make does: `/bin/sh -c` costs
 * one more exec and fork per stage (≈ 5 ms, the per-stage gap to make in docs/benchmarks.md, "8 × sleep 0.05 ÷ make").
 *
 * Only the plainest commands qualify, so that the result is exactly what `/bin/sh -c` would
 * have done: words of letters, digits and `_ . / : @ % + , -` separated by spaces, whose first
 * word is no shell builtin or keyword and names an executable file on the stage's PATH with a
 * `#!` or ELF header. Anything else (quotes, `$`, globs, redirections, `VAR=x`, `cd`, a command
 * that is missing or not executable, a script without `#!`) goes to the shell as before, which
 * then also gives its own "not found" message and exit code 127.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DirectCommand {
  /** Absolute path of the program. */
  file: string;
  /** Its arguments (argv[1…]). */
  args: string[];
  /** argv[0] as the shell would pass it: the word as written. */
  argv0: string;
  /** The environment with PWD as the shell would export it. */
  env: NodeJS.ProcessEnv;
}

/** Characters with no meaning to sh outside quotes (plus space and tab between words). */
const PLAIN = /^[A-Za-z0-9_./:@%+, \t-]+$/;

/** Builtins and reserved words (make's list, and dash's): these must run in a shell. */
const SHELL_WORDS = new Set([
  '.', ':', '[', '[[', '{', '}', '!', 'alias', 'bg', 'break', 'case', 'cd', 'command', 'continue', 'declare', 'do',
  'done', 'echo', 'elif', 'else', 'esac', 'eval', 'exec', 'exit', 'export', 'false', 'fc', 'fg', 'fi', 'for',
  'function', 'getopts', 'hash', 'if', 'in', 'jobs', 'kill', 'let', 'local', 'login', 'logout', 'printf', 'pwd',
  'read', 'readonly', 'return', 'select', 'set', 'shift', 'source', 'test', 'then', 'time', 'times', 'trap', 'true',
  'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'until', 'wait', 'while',
]);

/** undefined: run it through `/bin/sh -c` (see the file comment). */
export function directCommand(command: string, cwd: string, env: NodeJS.ProcessEnv): DirectCommand | undefined {
  if (!PLAIN.test(command)) { return undefined; }
  const words = commandWords(command);
  const first = words[0];
  if (first === undefined || SHELL_WORDS.has(first)) { return undefined; }
  const file = findProgram(first, cwd, env.PATH);
  const pwd = file && shellPwd(cwd, env.PWD);
  if (!file || !pwd) { return undefined; }
  return { file, args: words.slice(1), argv0: first, env: { ...env, PWD: pwd } };
}

/** The words of a plain command, as sh splits them (no quotes, no expansions: see PLAIN). */
export function commandWords(command: string): string[] {
  return command.split(/[ \t]+/).filter((w) => w !== '');
}

/** The file sh would exec for `word`, when that is unambiguous; undefined leaves it to sh. */
function findProgram(word: string, cwd: string, searchPath: string | undefined): string | undefined {
  if (word.includes('/')) { return executable(path.resolve(cwd, word)); }
  // No PATH (sh then has a default) or an empty or relative entry (the current folder): sh decides.
  if (searchPath === undefined) { return undefined; }
  const dirs = searchPath.split(':');
  if (dirs.some((d) => !path.isAbsolute(d))) { return undefined; }
  for (const dir of dirs) {
    const candidate = path.join(dir, word);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(candidate, { throwIfNoEntry: false });
    } catch {
      // An entry that cannot be searched (EACCES, ENOTDIR, ELOOP…): sh goes past it, so sh decides.
      return undefined;
    }
    if (st === undefined) { continue; }
    return st.isFile() ? executable(candidate) : undefined;
  }
  return undefined; // not found: sh says so, with its message and 127
}

/**
 * `file` if it is a regular file we may execute that the kernel will run: a `#!` whose interpreter
 * exists (no CR from Windows line ends) or an ELF for this machine. Anything else goes to sh, whose
 * words ("not found", exit 127 or 126) users know, rather than a bare spawn error.
 */
function executable(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fs.accessSync(file, fs.constants.X_OK);
    fd = fs.openSync(file, 'r');
    if (!fs.fstatSync(fd).isFile()) { return undefined; }
    const head = Buffer.alloc(256);
    const magic = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    if (magic.subarray(0, 2).toString('latin1') === '#!') { return interpreterRuns(magic) ? file : undefined; }
    return magic.subarray(0, 4).equals(ELF) && magic.length >= 20 && magic.readUInt16LE(18) === ELF_MACHINE[process.arch] ? file : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) { fs.closeSync(fd); }
  }
}

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
/** ELF e_machine by Node's process.arch; another machine's binary fails in execve, so sh gets it. */
const ELF_MACHINE: Partial<Record<string, number>> = { x64: 62, arm64: 183, ia32: 3, arm: 40 };

/** The `#!` line names an absolute, executable interpreter, and the line is whole within the bytes read. */
function interpreterRuns(head: Buffer): boolean {
  const end = head.indexOf(0x0a);
  if (end < 0) { return false; }
  const line = head.subarray(2, end).toString('latin1');
  if (line.includes('\r')) { return false; }
  const interpreter = line.trim().split(/[ \t]/)[0] ?? '';
  if (!path.isAbsolute(interpreter)) { return false; }
  try {
    fs.accessSync(interpreter, fs.constants.X_OK);
    return fs.statSync(interpreter).isFile();
  } catch {
    return false;
  }
}

/** dash exports PWD: the inherited one when it is absolute and names `cwd` (same inode), else the physical path. */
export function shellPwd(cwd: string, inherited: string | undefined): string | undefined {
  try {
    const here = fs.statSync(cwd);
    if (inherited?.startsWith('/')) {
      const there = fs.statSync(inherited, { throwIfNoEntry: false });
      if (there && there.ino === here.ino && there.dev === here.dev) { return inherited; }
    }
    return fs.realpathSync.native(cwd);
  } catch {
    return undefined; // a cwd that is gone: let the spawn report it as before
  }
}
