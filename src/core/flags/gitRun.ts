/**
 * One git process for the flags feature: argument array (no shell), stdin fed and closed,
 * stdout bounded in bytes, killed at a deadline. Resolves after `close` (both streams done).
 * The caller's GIT_* variables are left out (gitEnv): a hook's GIT_DIR or GIT_INDEX_FILE would
 * answer about another repository or index than `cwd`.
 */
import { spawn } from 'node:child_process';
import { gitEnv } from '../git';

export interface GitRunOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
  /** Stop reading (and kill git) past this many bytes; `truncated` says so. */
  readonly maxBytes?: number;
}

export interface GitRunResult {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly truncated: boolean;
}

export function runGit(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitRunResult> {
  const { input, timeoutMs = 30_000, maxBytes = 64 * 1024 * 1024 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...gitEnv(), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let timedOut = false;
    let truncated = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      if (truncated) { return; }
      bytes += c.length;
      if (bytes > maxBytes) { truncated = true; child.kill('SIGKILL'); return; }
      chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => { if (stderr.length < 8192) { stderr += c.toString('utf8'); } });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(chunks), stderr, timedOut, truncated });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
