/** The URL of the remote named origin, read with git (no shell, argument array). */
import { gitAt } from '../git';

/** undefined when there is no origin (or no repository, or no git). */
export async function originUrl(folder: string): Promise<string | undefined> {
  try {
    const out = (await gitAt(folder).raw(['config', '--get', 'remote.origin.url'])).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** HEAD's full sha, or undefined before the first commit / outside a repository. */
export async function headSha(folder: string): Promise<string | undefined> {
  try {
    const out = (await gitAt(folder).raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}
