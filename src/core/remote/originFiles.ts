/**
 * `remote.origin.url` read from the config files git itself would read, so `gearshift status`
 * does not start a git process (≈ 20–30 ms under load) to learn it.
 *
 * Same answer as `git config --get remote.origin.url` run the way gitRemote.ts runs it (the
 * caller's GIT_* variables left out): the last value in the system, global and repository
 * files. Only what this reader is sure of is answered; anything else — an `[include]`, a
 * quoted or escaped value, a continuation line, per-worktree config, a git whose system file
 * is not /etc/gitconfig, a file it may not read — returns 'ask-git' and git is asked as before.
 */
import { fileIo as fs } from '../fileio';
import * as os from 'os';
import * as path from 'path';
import { findGitLayout } from '../git';

export type OriginFromFiles = { url: string | undefined } | 'ask-git';

export async function originUrlFromFiles(folder: string, env: NodeJS.ProcessEnv = process.env): Promise<OriginFromFiles> {
  const [layout, system] = await Promise.all([findGitLayout(folder), systemConfigFile(env)]);
  if (!layout || system === undefined) { return 'ask-git'; }
  const home = env.HOME ?? os.homedir();
  const xdg = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'git', 'config') : path.join(home, '.config', 'git', 'config');
  const files = [system, xdg, path.join(home, '.gitconfig'), path.join(layout.commonDir, 'config')];
  const texts = await Promise.all(files.map(readConfig));
  let url: string | undefined;
  for (const text of texts) {
    if (text === 'unreadable') { return 'ask-git'; }
    const values = text === undefined ? [] : originUrls(text);
    if (values === 'unsure') { return 'ask-git'; }
    if (values.length) { url = values[values.length - 1]; }
  }
  return { url };
}

/** undefined: missing (git skips it too); 'unreadable': git would complain, let it. */
async function readConfig(file: string): Promise<string | undefined | 'unreadable'> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? undefined : 'unreadable';
  }
}

/**
 * A distribution's git (/usr/bin/git, built with prefix /usr) reads /etc/gitconfig; another
 * build has its own, so undefined (ask git). The PATH lookup is the one spawn('git') does.
 */
async function systemConfigFile(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (process.platform !== 'linux') { return undefined; }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) { continue; }
    const candidate = path.join(dir, 'git');
    const real = await fs.realpath(candidate).catch(() => undefined);
    if (real === undefined) { continue; }
    const executable = await fs.access(candidate, 1 /* X_OK */).then(() => true, () => false);
    if (!executable) { continue; }
    return real === '/usr/bin/git' || real === '/bin/git' ? '/etc/gitconfig' : undefined;
  }
  return undefined;
}

const SECTION = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"([^"\\]*)")?\s*\]\s*(?:[#;].*)?$/;
const KEY = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/;

/** Every `url` of `[remote "origin"]` in file order; 'unsure' at anything git might read otherwise. */
export function originUrls(text: string): string[] | 'unsure' {
  const urls: string[] = [];
  let inOrigin = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) { continue; }
    if (line.endsWith('\\')) { return 'unsure'; } // a continuation: the next line is not what it looks like
    if (line.startsWith('[')) {
      const m = SECTION.exec(line);
      if (!m) { return 'unsure'; }
      const [name, sub] = sectionOf(m[1], m[2]);
      if (name === 'include' || name === 'includeif') { return 'unsure'; }
      inOrigin = name === 'remote' && sub === 'origin';
      continue;
    }
    const m = KEY.exec(line);
    if (!m) { return 'unsure'; }
    if (!inOrigin || m[1].toLowerCase() !== 'url') { continue; }
    const value = m[2];
    // Quotes, escapes and tabs are rewritten by git's parser; a bare `url` is a boolean.
    if (value === undefined || /["\\\t]/.test(value)) { return 'unsure'; }
    urls.push(value.replace(/\s*[#;].*$/, '').trim());
  }
  return urls;
}

/** `[remote "origin"]`, or the old `[remote.origin]` (its subsection is compared lower-case). */
function sectionOf(name: string, sub: string | undefined): [string, string | undefined] {
  if (sub !== undefined) { return [name.toLowerCase(), sub]; }
  const dot = name.indexOf('.');
  return dot < 0 ? [name.toLowerCase(), undefined] : [name.slice(0, dot).toLowerCase(), name.slice(dot + 1).toLowerCase()];
}
