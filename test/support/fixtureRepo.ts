import { commitFile, git, initRepo } from './git';

/** A repository shaped like a small project, for unit tests, the harness and the e2e suites. */

/** Quick stages that really run: each prints its stage and succeeds in well under a second. */
export const QUICK_PIPELINE = `version: 1
trigger: manual
stages:
  - name: Unit Tests
    run: echo "unit tests for $GEARSHIFT_SHA" && sh ./scripts/check.sh
  - name: Build Artifacts
    run: mkdir -p build && echo "artifact $GEARSHIFT_SHA" > build/artifact.txt
  - name: Deploy Non-Prod
    run: echo "deploying to non-prod"
    environment: non-prod
`;

export interface FixtureOptions { pipeline?: string | null; extraCommits?: number }

/** A git repo with a few commits and (unless `pipeline: null`) a `.gearshift.yml`. */
export function createFixtureRepo(dir: string, opts: FixtureOptions = {}): string {
  initRepo(dir);
  commitFile(dir, 'README.md', '# Fixture\n', 'Initial commit');
  commitFile(dir, '.gitignore', 'build/\n', 'Ignore build output');
  commitFile(dir, 'scripts/check.sh', '#!/bin/sh\necho "all checks passed"\n', 'Add check script');
  for (let i = 0; i < (opts.extraCommits ?? 0); i++) {
    commitFile(dir, `notes/${i}.txt`, `note ${i}\n`, `Note ${i}`);
  }
  if (opts.pipeline !== null) {
    commitFile(dir, '.gearshift.yml', opts.pipeline ?? QUICK_PIPELINE, 'Add Gearshift pipeline');
  }
  return git(dir, 'rev-parse', 'HEAD');
}
