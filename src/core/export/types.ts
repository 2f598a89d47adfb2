/** What `exportPipeline` is asked for. */
import type { ViaCliSetup } from './viaCliSetup';
export type ExportTarget = 'github' | 'gitlab';

export const EXPORT_TARGETS: readonly ExportTarget[] = ['github', 'gitlab'];

export interface ExportOptions {
  readonly target: ExportTarget;
  /** Each job installs the repository's dependencies and runs `gearshift run --stage NAME` instead of the stage's command. */
  readonly viaCli?: boolean;
  /** What a `--via-cli` job installs, as found in the repository (default: `npm ci` in the config's folder, the default Node). */
  readonly viaCliSetup?: ViaCliSetup;
  /**
   * Absolute path of the repository's top: where the engine checks the code out, so `cwd`
   * becomes relative to it. Default: the folder holding .gearshift.yml.
   */
  readonly repoRoot?: string;
  /** The output path as the user named it, written into the "how to regenerate" line (default path: left out). */
  readonly out?: string;
}

/** Where each engine looks for its file, relative to the repository's top. */
export const DEFAULT_EXPORT_PATH: Readonly<Record<ExportTarget, string>> = {
  github: '.github/workflows/gearshift.yml',
  gitlab: '.gitlab-ci.yml',
};

export const TARGET_TITLE: Readonly<Record<ExportTarget, string>> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI',
};
