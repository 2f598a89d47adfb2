/**
 * The order of real `fs` calls made while `body` runs (they still run): how a test sees that a
 * write was flushed before its rename, which no power cut can be staged here to show.
 */
import nodeFs from 'node:fs'; // the module object itself, whose functions core/fileio calls

type Name = 'fsync' | 'fsyncSync' | 'rename' | 'renameSync';

/** Each call as its name without `Sync` and the base name of its first path argument (fsync: its fd's file is unnamed). */
export async function recordFsCalls(names: readonly Name[], body: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const real = names.map((name) => nodeFs[name]);
  names.forEach((name, i) => {
    (nodeFs as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls.push(typeof args[1] === 'string' ? `${name.replace('Sync', '')} ${args[1].split('/').pop()}` : name.replace('Sync', ''));
      return (real[i] as (...a: unknown[]) => unknown)(...args);
    };
  });
  try {
    await body();
  } finally {
    names.forEach((name, i) => { (nodeFs as Record<string, unknown>)[name] = real[i]; });
  }
  return calls;
}
