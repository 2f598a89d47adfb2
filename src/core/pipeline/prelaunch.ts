/**
 * A stage forked before its turn. Node's fork() costs ≈ 4–5 ms a stage on a VM where page-table
 * work traps (make's posix_spawn ≈ 0.6): so the next stage's process is forked while the current
 * one runs, as a small `sh` that waits on its stdin, and is released with one line when its turn
 * comes (docs/benchmarks-journal.md, 14r6). At release it is exactly what spawning it then would have made:
 * - its environment is the stage's final one, built again at release and compared (else dropped);
 * - its folder is checked at release: the launcher sits in the folder the stage's `cwd` named at the
 *   fork, and is used only if `cwd` names that same folder now (else dropped, and today's spawn
 *   reports a missing folder as before). The program is looked up at release (directExec.ts picks
 *   the direct exec or `/bin/sh -c`, and sh searches PATH then);
 * - its pid is the stage's pid and process group, and it carries the stage's cookie.
 * Dropped (killed with its group) when the stage does not start; when node dies, its stdin ends
 * and it exits (125) without running anything. The command stays data: it is an argument of the
 * launcher, never part of its script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandWords, directCommand, shellPwd } from './directExec';
import { StageProcess, killGroup, type ProcessSpec } from './process';

/** `d`: exec the words (found on PATH by sh, as the direct exec would); `s`: the command through `/bin/sh -c`. */
const LAUNCHER = [
  'read -r GEARSHIFT_LAUNCH || exit 125',
  '[ "$GEARSHIFT_LAUNCH" = d ] || exec /bin/sh -c "$1" </dev/null',
  'shift',
  'exec "$@" </dev/null',
].join('\n');

/** Variables sh itself sets or rejects on start (it would change them for the program), and the launcher's own. */
const SHELL_OWNED = new Set(['IFS', 'PPID', 'OPTIND', 'GEARSHIFT_LAUNCH']);
/** sh drops variables whose names it cannot hold; the direct exec passes them on. */
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The environment reaches the program through sh unchanged (PWD aside, which is checked at release). */
export function passesThroughShell(env: Readonly<Record<string, string | undefined>>): boolean {
  return Object.keys(env).every((key) => SHELL_NAME.test(key) && !SHELL_OWNED.has(key));
}

export class PrelaunchedStage {
  /** Resolves once the launcher has exited (or never started). */
  readonly gone: Promise<void>;
  private exited = false;

  private constructor(
    private readonly child: ChildProcess & { pid: number },
    private readonly command: string,
    private readonly env: Readonly<Record<string, string>>,
    /** The PWD the launcher's sh computed at the fork (shellPwd is sh's rule). */
    private readonly pwd: string,
  ) {
    this.gone = new Promise<void>((resolve) => {
      const onGone = (): void => { this.exited = true; resolve(); };
      child.once('exit', onGone);
      child.once('error', onGone);
    });
    // Writing the release line to a launcher that died meanwhile: EPIPE, and its exit tells the rest.
    child.stdin?.on('error', () => undefined);
  }

  /** Forks the launcher for a stage, or undefined when it cannot be done safely (then the stage is spawned at its turn). */
  static fork(command: string, cwd: string, env: Readonly<Record<string, string>>): PrelaunchedStage | undefined {
    if (!shellIsDash() || !passesThroughShell(env)) { return undefined; }
    const pwd = shellPwd(cwd, env.PWD);
    if (pwd === undefined) { return undefined; } // no folder yet: an earlier stage may make it
    let child: ChildProcess;
    try {
      child = spawn('/bin/sh', ['-c', LAUNCHER, 'gearshift-launch', command, ...commandWords(command)], {
        cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch {
      return undefined;
    }
    if (child.pid === undefined) { child.on('error', () => undefined); return undefined; }
    return new PrelaunchedStage(child as ChildProcess & { pid: number }, command, env, pwd);
  }

  /**
   * The stage's process, released now; undefined (and the launcher dropped) when it is no longer
   * exactly what a spawn now would make. Its start time, timeout and output begin here.
   */
  release(spec: ProcessSpec): StageProcess | undefined {
    let direct: boolean;
    try {
      if (!this.stillExact(spec)) { void this.drop(); return undefined; }
      direct = directCommand(spec.command, spec.cwd, spec.env) !== undefined;
    } catch {
      // Whatever the checks met (a file system error), the stage is spawned as before and the launcher goes.
      void this.drop();
      return undefined;
    }
    const child = this.child;
    return new StageProcess(spec, () => {
      child.stdin?.end(direct ? 'd\n' : 's\n');
      return child;
    });
  }

  /** Kills the launcher (its whole group) and closes its pipes. */
  drop(): Promise<void> {
    if (!this.exited) { killGroup(this.child.pid, 'SIGKILL'); }
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) { stream?.destroy(); }
    return this.gone;
  }

  /** Same command and environment, launcher alive, sitting in the folder `cwd` names now, and sh's PWD unchanged. */
  private stillExact(spec: ProcessSpec): boolean {
    if (this.exited || spec.command !== this.command || !sameEnv(spec.env, this.env)) { return false; }
    return shellPwd(spec.cwd, spec.env.PWD) === this.pwd && sameFolder(spec.cwd, `/proc/${this.child.pid}/cwd`);
  }
}

let dash: boolean | undefined;
/**
 * The launcher passes the environment on exactly as measured for dash (SHELL_OWNED). Other shells
 * add to it (bash as /bin/sh sets SHLVL; busybox ash is unproven), so stages there are spawned at their turn.
 */
function shellIsDash(): boolean {
  if (dash === undefined) {
    try {
      dash = process.platform === 'linux' && path.basename(fs.realpathSync('/bin/sh')) === 'dash';
    } catch {
      dash = false;
    }
  }
  return dash;
}

function sameEnv(a: NodeJS.ProcessEnv, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameFolder(a: string, b: string): boolean {
  const x = fs.statSync(a, { throwIfNoEntry: false });
  const y = fs.statSync(b, { throwIfNoEntry: false });
  return x !== undefined && y !== undefined && x.isDirectory() && x.ino === y.ino && x.dev === y.dev;
}
