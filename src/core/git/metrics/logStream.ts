/**
 * Runs a git command and hands its stdout to `onChunk` as it arrives, so parsing a
 * 100,000-commit log overlaps with git producing it instead of waiting for the end, and the
 * whole output is never held. Argument arrays only: nothing reaches a shell. Through runGit,
 * not simple-git: the gauge's git queries then load no simple-git (≈ 60 KB to compile on every
 * `status --json`).
 */
import { runGit } from '../gitProcess';

export async function streamGit(baseDir: string, args: readonly string[], onChunk: (text: string) => void): Promise<void> {
  await runGit(baseDir, args, { onChunk });
}
