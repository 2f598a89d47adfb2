import * as fs from 'fs';
import * as path from 'path';
import { DEMO_DEPLOY_CONFIG, DEMO_GITIGNORE, DEMO_SERVERS_JS, DEPLOY_PROD_SH, SWITCH_SH } from './demoBlueGreen';
import { commitFile, initRepo } from './git';

/**
 * The demo repository `npm start` opens: the talk's stages as quick local scripts, so a user
 * sees Gearshift work without any infrastructure, and a real blue/green production on
 * 127.0.0.1 (demoBlueGreen.ts): deploy to production, watch monitoring, break it, roll back.
 *
 * Break it: `touch .demo/break` in the demo repository, then Deploy to Production (palette or
 * `gearshift deploy production`): the new release answers 500 once live, monitoring alerts
 * within an interval (2 s) and rolls back to the previous slot by itself. `rm .demo/break` to
 * deploy healthy releases again. DEMO_FAIL=<stage name> makes that stage fail instead.
 */

const STAGE_SCRIPT = `#!/bin/sh
# Stands in for a real stage: prints what it would do, takes a moment, succeeds.
# Set DEMO_FAIL to a stage name to watch the pipeline go red.
echo "[$GEARSHIFT_STAGE] $1 for commit $GEARSHIFT_SHA on $GEARSHIFT_BRANCH"
sleep "\${2:-0.3}"
if [ "$DEMO_FAIL" = "$GEARSHIFT_STAGE" ]; then echo "[$GEARSHIFT_STAGE] failed on purpose (DEMO_FAIL)" >&2; exit 1; fi
echo "[$GEARSHIFT_STAGE] done"
`;

export const DEMO_PIPELINE = `# Gearshift demo pipeline: the stages of "So You Want to Go Faster?", with a real blue/green
# production on 127.0.0.1 (proxy :4100). Break a release: touch .demo/break, then deploy.
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
    run: node ci/demo-servers.js ensure
    environment: production
    keep: true
  - name: Deploy Prod
    run: sh ci/deploy-prod.sh
    environment: production
${DEMO_DEPLOY_CONFIG}`;

const DEMO_README = `# Demo app

A tiny app deployed by the Gearshift demo pipeline to a local blue/green production:
http://127.0.0.1:4100 (the proxy) serves whichever slot is live, blue (:4101) or green (:4102).

- Deploy: Gearshift: Deploy to Production (or \`gearshift deploy production\`).
- Break the next release: \`touch .demo/break\` and deploy. Once live it answers 500;
  monitoring alerts within 2 s and rolls back to the previous slot by itself.
- Fix: \`rm .demo/break\`, then run the whole pipeline (Gearshift: Run Pipeline, or
  \`gearshift run\`). After the alert the pipeline is red: a plain deploy is refused (or asks
  to override the red); a full run through production, healthy again, turns it green.
- Make the switch fail: \`touch .demo/switch-fails\`.
- Stop the servers: \`node ci/demo-servers.js stop\`.
- Feature toggles: flip \`new-checkout\` in flags.json (Gearshift's Feature Toggles view, or
  \`gearshift flags set new-checkout on\`) and reload: the app answers \`checkout: new\` at once.
  Gearshift's question says production serves the change "once it is committed and deployed":
  true of a real app, which reads the flags.json shipped with its release. This demo's servers
  read the working copy's flags.json instead, so they serve it at once.
`;

/** The demo's feature toggles, in flagd's format (docs/flags.md): the Feature Toggles view lists them; the app reads new-checkout. */
export const DEMO_FLAGS = `{
  "flags": {
    "new-checkout": {
      "state": "ENABLED",
      "variants": { "on": true, "off": false },
      "defaultVariant": "off"
    },
    "banner-color": {
      "state": "ENABLED",
      "variants": { "blue": "#1565c0", "green": "#2e7d32" },
      "defaultVariant": "blue"
    }
  }
}
`;

/** Creates the demo repo at `dir` unless it already exists (so its history survives restarts). */
export function ensureDemoRepo(dir: string): boolean {
  if (fs.existsSync(path.join(dir, '.git'))) { return false; }
  initRepo(dir);
  commitFile(dir, 'README.md', DEMO_README, 'Start the demo app');
  commitFile(dir, '.gitignore', DEMO_GITIGNORE, 'Ignore the local production state');
  commitFile(dir, 'ci/stage.sh', STAGE_SCRIPT, 'Add stage script');
  commitFile(dir, 'ci/demo-servers.js', DEMO_SERVERS_JS, 'Add the local blue/green production');
  commitFile(dir, 'ci/deploy-prod.sh', DEPLOY_PROD_SH, 'Deploy into the idle slot');
  commitFile(dir, 'ci/switch.sh', SWITCH_SH, 'Add the blue/green switch');
  commitFile(dir, 'src/app.txt', 'version 1\n', 'First feature');
  commitFile(dir, 'flags.json', DEMO_FLAGS, 'Add feature toggles');
  commitFile(dir, '.gearshift.yml', DEMO_PIPELINE, 'Add the Gearshift pipeline');
  return true;
}
