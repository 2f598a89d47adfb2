/**
 * A secret whose name the engine already uses: GitLab turns `${{ secrets.HOME }}` into `$HOME`,
 * which is the runner's home, not a CI/CD variable the user set (and `CI_JOB_TOKEN` is GitLab's
 * job token); GitHub refuses to create a secret named `GITHUB_*`, so `${{ secrets.GITHUB_TOKEN }}`
 * is always the workflow's own token. The file is still written; the user is told to rename.
 */
import type { Pipeline } from '../config';
import { secretNamesRunNeeds, stageSecretNames } from '../pipeline';
import type { ExportOptions } from './types';

/** Variables a shell (and so every GitLab job's script) sets or reads itself. */
const SHELL_VARIABLES = new Set(['HOME', 'PATH', 'USER', 'LOGNAME', 'SHELL', 'PWD', 'OLDPWD', 'HOSTNAME', 'TERM', 'LANG', 'LC_ALL',
  'TMPDIR', 'IFS', 'PS1', 'PS4', 'ENV', 'BASH_ENV', 'UID', 'EUID', 'PPID', 'RANDOM', 'SECONDS', 'LINENO', 'OPTIND', 'OPTARG']);

/** The secrets the exported jobs read (under `--via-cli`, each stage's run also needs its production secrets). */
function exportedSecretNames(pipeline: Pipeline, viaCli: boolean): string[] {
  const names = viaCli ? pipeline.stages.flatMap((s) => secretNamesRunNeeds(pipeline, { only: s.name })) : stageSecretNames(pipeline.stages);
  return [...new Set(names)].sort();
}

function gitlabClash(name: string): string | undefined {
  if (name === 'CI' || /^(CI|GITLAB)_/.test(name)) { return `secret ${name} is named like GitLab's predefined variables (CI_*, GITLAB_*): the job reads GitLab's ${name}, not a CI/CD variable of yours; rename the secret`; }
  if (SHELL_VARIABLES.has(name)) { return `secret ${name} is the runner's shell variable ${name}: the job reads the runner's value, not a CI/CD variable of yours; rename the secret`; }
  return undefined;
}

function githubClash(name: string): string | undefined {
  if (!/^GITHUB_/.test(name)) { return undefined; }
  return `secret ${name}: GitHub refuses secrets named GITHUB_*, so \${{ secrets.${name} }} is ${name === 'GITHUB_TOKEN' ? 'the workflow\'s automatic token' : 'empty'}, not a secret of yours; rename the secret`;
}

/** `pipeline`: the part exported (exportedPart). One line per clashing name. */
export function secretNameWarnings(pipeline: Pipeline, options: ExportOptions): string[] {
  const clash = options.target === 'gitlab' ? gitlabClash : githubClash;
  return exportedSecretNames(pipeline, options.viaCli === true).flatMap((name) => clash(name) ?? []);
}
