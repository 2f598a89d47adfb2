/** Pipelines the export tests share: the talk's eight stages, a diamond, the smallest with a production stage. */
import { parsePipelineText, type Pipeline } from '../../src/core/config';

/** The talk's pipeline, with commands that leave a trace: each stage appends its name to order.log. */
export const TALK_PIPELINE = `version: 1
trigger: commit
branches: [main]
stages:
  - name: Unit Tests
    run: echo "Unit Tests" >> order.log
    env: { GREETING: "hello $USER" }
  - name: Build Artifacts
    run: echo "Build Artifacts" >> ../order.log
    cwd: app
    timeout: 10m
  - name: Provision Non-Prod
    run: echo "Provision Non-Prod" >> order.log
    environment: non-prod
  - name: Deploy Non-Prod
    run: echo "Deploy Non-Prod" >> order.log
    environment: non-prod
  - name: Acceptance Test
    run: echo "Acceptance Test" >> order.log
    environment: non-prod
    timeout: 90s
  - name: Provision Prod
    run: echo "Provision Prod" >> order.log
    environment: production
  - name: Deploy Prod
    run: echo "Deploy Prod" >> order.log
    environment: production
    approval: manual
  - name: Monitoring
    run: echo "Monitoring" >> order.log
    environment: production
`;

export const TALK_STAGES = ['Unit Tests', 'Build Artifacts', 'Provision Non-Prod', 'Deploy Non-Prod', 'Acceptance Test', 'Provision Prod', 'Deploy Prod', 'Monitoring'];

/** A → (B & C) → D, written with D first so file order is not DAG order. */
export const DIAMOND_PIPELINE = `version: 1
stages:
  - name: Ship It
    run: echo D >> order.log
    needs: [Lint & Format, Tests]
  - name: Checkout
    run: echo A >> order.log
    needs: []
  - name: Lint & Format
    run: echo B >> order.log
    needs: [Checkout]
  - name: Tests
    run: echo C >> order.log
    needs: [Checkout]
`;

/** Unit Tests and Build in parallel, Deploy Prod after Build only: the shape that deployed past a red test (review24 F2). */
export const PARALLEL_TESTS = `version: 1
stages:
  - name: Unit Tests
    needs: []
    run: exit 1
  - name: Build
    needs: []
    run: make
  - name: Deploy Prod
    needs: [Build]
    environment: production
    run: ./deploy.sh
`;

/** Build, then Deploy Prod (production): the smallest pipeline with a production stage. Deploy Prod is last, so lines appended extend it. */
export const BUILD_THEN_PROD = `version: 1
stages:
  - name: Build
    run: make
  - name: Deploy Prod
    run: ./deploy.sh
    environment: production
`;

/** The same, run on every commit of every branch (no `branches:`). */
export const BUILD_THEN_PROD_ON_COMMIT = BUILD_THEN_PROD.replace('stages:', 'trigger: commit\nstages:');

/** A blue/green `deploy:` section, to append to a pipeline. */
export const BLUE_GREEN_DEPLOY = `deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: ./switch.sh
`;

export function parseOk(text: string, root = '/repo'): Pipeline {
  const result = parsePipelineText(text, `${root}/.gearshift.yml`);
  if (!result.ok) { throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n')); }
  return result.pipeline;
}
