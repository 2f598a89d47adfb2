/**
 * Who approved a deploy, as recorded in history and deploy.json: the repository's git
 * `user.name` when set (the name on the team's commits), else the login name. Shared by the
 * palette commands and the CLI so both record the same person the same way.
 */
import * as os from 'node:os';
import { runGit } from './gitProcess';

export async function approverName(folder: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    const name = (await runGit(folder, ['config', 'user.name'])).trim();
    if (name) { return name; }
  } catch {
    // no git, or no name configured
  }
  return env.USER ?? env.LOGNAME ?? loginName();
}

function loginName(): string {
  try { return os.userInfo().username; } catch { return 'unknown'; }
}
