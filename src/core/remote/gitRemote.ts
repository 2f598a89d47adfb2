/**
 * The URL of the remote named origin and HEAD's sha. The URL comes from the config files when
 * originFiles.ts is sure of them, HEAD from git/headNow.ts; else one git process (argument
 * array, no shell). Not through simple-git: `gearshift status` would compile its 60 KB for one question.
 */
import { gitEnv, headNow } from '../git';
import { originUrlFromFiles } from './originFiles';

/** undefined when there is no origin (or no repository, or no git). */
export async function originUrl(folder: string): Promise<string | undefined> {
  const fromFiles = await originUrlFromFiles(folder).catch((): 'ask-git' => 'ask-git');
  const out = fromFiles === 'ask-git' ? (await git(folder, ['config', '--get', 'remote.origin.url']))?.trim() : fromFiles.url;
  return out === '' ? undefined : out;
}

/** HEAD's full sha (git/headNow.ts: from the files when they can say), or undefined before the first commit / outside a repository. */
export async function headSha(folder: string): Promise<string | undefined> {
  const sha = await headNow(folder).catch(() => undefined);
  return sha !== undefined && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/** stdout, or undefined when git fails or is missing. The caller's GIT_* (GIT_DIR from a hook) are left out (gitEnv). */
async function git(cwd: string, args: string[]): Promise<string | undefined> {
  const { execFile } = await import('child_process'); // loaded only when the files cannot answer
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env: gitEnv(), encoding: 'utf8', windowsHide: true }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}
