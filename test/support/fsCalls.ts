/**
 * The order of real `fs` calls made while `body` runs (they still run): how a test sees that a
 * write was flushed before its rename, which no power cut can be staged here to show, or how
 * often a file is opened (core/fileio opens every file it reads, in the pool or synchronously).
 */
import nodeFs from 'node:fs'; // the module object itself, whose functions core/fileio calls

type Name = 'fsync' | 'fsyncSync' | 'rename' | 'renameSync' | 'open' | 'openSync';

/** Each call as its name without `Sync` and the base name of the path it acts on (rename: the new name; fsync: its fd's file is unnamed). */
export async function recordFsCalls(names: readonly Name[], body: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const real = names.map((name) => nodeFs[name]);
  names.forEach((name, i) => {
    (nodeFs as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const file = name.startsWith('rename') ? args[1] : args[0];
      calls.push(typeof file === 'string' ? `${name.replace('Sync', '')} ${file.split('/').pop()}` : name.replace('Sync', ''));
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
