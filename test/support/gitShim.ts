/** A `git` first on PATH that logs each process's arguments (one line each), then runs the real git. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './git';

export interface GitShim {
  /** The arguments of every git process started since the shim went on PATH. */
  calls: () => string[];
  /** Takes the shim off PATH. */
  restore: () => void;
}

export function gitShim(): GitShim {
  const dir = tempDir('gearshift-git-shim-');
  const logFile = path.join(dir, 'calls');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  fs.writeFileSync(path.join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${logFile}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const saved = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${saved ?? ''}`;
  return {
    calls: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l !== '') : []),
    restore: () => { process.env.PATH = saved; },
  };
}
