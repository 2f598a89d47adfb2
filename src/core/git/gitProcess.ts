/**
 * One `git` process with an argument array (never a shell), for the queries on a run's path: the
 * CLI then does not load simple-git (≈ 60 KB to compile on every `gearshift run`, docs/benchmarks-journal.md, 14c).
 *
 * Like simple-git v4 it leaves out the caller's GIT_* variables (GIT_DIR from a hook would
 * point git at another repository) and the editor/pager/askpass ones: the answer is about
 * `cwd` and nothing else. Secrets and tokens are left out too: git runs programs the repository
 * configures (fsmonitor, hooks, filters), which get no more than a stage does. Callers still put `--end-of-options` before any revision.
 */

import { statSync } from 'fs';
import { isSecretEnvName } from '../secrets';

/** Ambient variables simple-git also removes (its environment guard), compared lower-case. */
const DROPPED = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const k = key.toLowerCase();
    if (!k.startsWith('git_') && !DROPPED.has(k) && !isSecretEnvName(key)) { out[key] = value; }
  }
  return out;
}

/** git failed: its own stderr is the message ("fatal: not a git repository…"). */
export class GitProcessError extends Error {
  constructor(message: string, readonly exitCode: number | null) { super(message); }
}

/**
 * stdout of `git <args>` in `cwd`. Rejects with git's stderr when it exits non-zero, and with
 * the spawn error itself ("spawn git ENOENT") when git is not installed.
 * `firstByte`: resolve with what came as soon as stdout has anything (and stop git): for
 * questions answered by "any output at all" (is the tree dirty?) on a tree with thousands of changes.
 * `onChunk`: stdout goes there as it arrives (UTF-8, whole characters across pieces) and is not kept; resolves with ''.
 * `env`: added to git's environment (a run's cookie, so a clean-up finds a checkout its dead run left going).
 */
export async function runGit(cwd: string, args: readonly string[], opts: { firstByte?: boolean; onChunk?: (text: string) => void; env?: Readonly<Record<string, string>> } = {}): Promise<string> {
  // Loaded on the first git process: `status` and the other readers that files answer never
  // pay for child_process (and the net/stream modules it pulls in).
  const { spawn } = await import('child_process');
  const pieces = opts.onChunk && new (await import('string_decoder')).StringDecoder('utf8');
  return new Promise((resolve, reject) => {
    // windowsHide: no console window flashing up for each query (the editor asks these too).
    const child = spawn('git', args, { cwd, env: { ...gitEnv(), ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const settle = (fn: () => void): void => { if (!settled) { settled = true; fn(); } };
    child.stdout.on('data', (chunk: Buffer) => {
      if (opts.onChunk && pieces) {
        if (settled) { return; } // a parser that threw has ended the call: nothing more reaches it
        // A parser that throws ends the call (and git), not the process.
        try { opts.onChunk(pieces.write(chunk)); } catch (e) { settle(() => reject(e as Error)); child.kill(); }
        return;
      }
      out.push(chunk);
      if (opts.firstByte) { settle(() => resolve(Buffer.concat(out).toString('utf8'))); child.kill(); }
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (e) => settle(() => reject(spawnFailure(e, cwd))));
    child.on('close', (code) => settle(() => {
      const rest = code === 0 && pieces ? pieces.end() : ''; // bytes of a character cut off at the end: as U+FFFD, as toString does
      if (rest) { try { opts.onChunk?.(rest); } catch (e) { reject(e as Error); return; } }
      if (code === 0) { resolve(Buffer.concat(out).toString('utf8')); return; }
      const message = Buffer.concat(err).toString('utf8').trim();
      reject(new GitProcessError(message || `git ${args[0] ?? ''} exited with ${code ?? 'a signal'}`, code));
    }));
  });
}

/** A missing folder also fails the spawn with ENOENT, which reads as "git is not installed": say which is missing. */
function spawnFailure(e: NodeJS.ErrnoException, cwd: string): Error {
  if (e.code !== 'ENOENT') { return e; }
  try { if (statSync(cwd).isDirectory()) { return e; } } catch { /* missing: said below */ }
  return Object.assign(new Error(`${cwd}: no such folder`), { code: 'ENOENT' });
}
