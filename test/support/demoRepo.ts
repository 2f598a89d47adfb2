import * as fs from 'fs';
import * as path from 'path';
import { commitFile, initRepo } from './fixtureRepo';

/**
 * The demo repository `npm start` opens: the talk's eight stages as quick local scripts, so a
 * user sees Gearshift work without any infrastructure. Later features extend it.
 */

const STAGE_SCRIPT = `#!/bin/sh
# Stands in for a real stage: prints what it would do, takes a moment, succeeds.
# Set DEMO_FAIL to a stage name to watch the pipeline go red.
echo "[$GEARSHIFT_STAGE] $1 for commit $GEARSHIFT_SHA on $GEARSHIFT_BRANCH"
sleep "\${2:-0.3}"
if [ "$DEMO_FAIL" = "$GEARSHIFT_STAGE" ]; then echo "[$GEARSHIFT_STAGE] failed on purpose (DEMO_FAIL)" >&2; exit 1; fi
echo "[$GEARSHIFT_STAGE] done"
`;

export const DEMO_PIPELINE = `# Gearshift demo pipeline: the eight stages of "So You Want to Go Faster?".
version: 1
trigger: manual
stages:
  - name: Unit Tests
    run: sh ci/stage.sh "running unit tests" 0.5
  - name: Build Artifacts
    run: sh ci/stage.sh "building the artifact" 0.5
  - name: Provision Non-Prod
    run: sh ci/stage.sh "provisioning the non-prod server"
    environment: non-prod
  - name: Deploy Non-Prod
    run: sh ci/stage.sh "deploying to non-prod"
    environment: non-prod
  - name: Acceptance Test
    run: sh ci/stage.sh "running acceptance tests" 0.8
    environment: non-prod
  - name: Provision Prod
    run: sh ci/stage.sh "provisioning production"
    environment: production
  - name: Deploy Prod
    run: sh ci/stage.sh "deploying to production"
    environment: production
  - name: Monitoring
    run: sh ci/stage.sh "watching error rates after the deploy" 0.5
    environment: production
`;

/** Creates the demo repo at `dir` unless it already exists (so its history survives restarts). */
export function ensureDemoRepo(dir: string): boolean {
  if (fs.existsSync(path.join(dir, '.git'))) { return false; }
  initRepo(dir);
  commitFile(dir, 'README.md', '# Demo app\n\nA tiny app deployed by the Gearshift demo pipeline.\n', 'Start the demo app');
  commitFile(dir, 'ci/stage.sh', STAGE_SCRIPT, 'Add stage script');
  commitFile(dir, 'src/app.txt', 'version 1\n', 'First feature');
  commitFile(dir, '.gearshift.yml', DEMO_PIPELINE, 'Add the Gearshift pipeline');
  return true;
}
