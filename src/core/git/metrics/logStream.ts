/**
 * Runs a git command through simple-git and hands its stdout to `onChunk` as it arrives, so
 * parsing a 100,000-commit log overlaps with git producing it instead of waiting for the end.
 * (simple-git still collects the output for its own promise; we ignore that copy.)
 * Argument arrays only: nothing reaches a shell.
 */
import { gitAt } from '../tracker/gitQueries';

export async function streamGit(baseDir: string, args: readonly string[], onChunk: (text: string) => void): Promise<void> {
  // outputHandler belongs to the instance, so each streamed command gets its own.
  const git = gitAt(baseDir).outputHandler((_command, stdout) => {
    // Hex, digits, tabs and spaces only: latin1 decodes any chunk boundary safely. (No
    // setEncoding: simple-git's own listener expects Buffers.)
    stdout.on('data', (chunk: Buffer) => onChunk(chunk.toString('latin1')));
  });
  await git.raw([...args]);
}
