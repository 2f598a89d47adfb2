/**
 * A `.gearshift.yml` that is a symlink to nothing "exists" for `init` (the name is taken) and is
 * missing for every reader. Naming the link and its target makes both answers one story.
 */
import { lstatSync, readlinkSync, statSync } from 'fs';
import * as path from 'path';
import { printable } from '../format';

/** "`<name>` is a symlink to `<target>`, which does not exist" (inert), or undefined when `file` is not a dangling link. */
export function danglingLinkMessage(file: string): string | undefined {
  try {
    if (!lstatSync(file).isSymbolicLink()) { return undefined; }
    statSync(file); // the target exists after all: not dangling
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') { return undefined; }
  }
  let target: string;
  try { target = readlinkSync(file); } catch { return undefined; } // gone meanwhile
  // The link text comes from the repository, like any other input: quoted inert.
  return `\`${printable(path.basename(file))}\` is a symlink to \`${printable(target)}\`, which does not exist`;
}
