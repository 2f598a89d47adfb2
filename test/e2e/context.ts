import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

/** What the e2e harness hands to the suites: the real workbench page and where things are. */
export interface E2eContext {
  page: Page;
  /** Base URL of code-server. */
  url: string;
  /** The fixture workspace folder opened in the workbench. */
  workspace: string;
  screenshotDir: string;
}

let current: E2eContext | undefined;

export function setE2eContext(c: E2eContext): void { current = c; }

export function e2e(): E2eContext {
  if (!current) { throw new Error('e2e suites must be run by out/test/harness/runE2e.js'); }
  return current;
}

/** For one suite: the workspace's .gearshift.yml becomes `pipeline()` before its tests and the original after them. */
export function usePipelineForSuite(pipeline: () => string): void {
  let original = '';
  const file = (): string => path.join(e2e().workspace, '.gearshift.yml');
  before(() => {
    original = fs.readFileSync(file(), 'utf8');
    fs.writeFileSync(file(), pipeline());
  });
  after(() => { fs.writeFileSync(file(), original); });
}

/** A unit stage, a production deploy stage and blue/green with `switchCommand`; `tail`: more top-level YAML (deploy.env's lines, monitor:). */
export function blueGreenPipeline(switchCommand: string, tail = ''): string {
  return `version: 1
stages:
  - name: Unit Tests
    run: echo "all tests pass"
  - name: Deploy Prod
    run: echo "release $GEARSHIFT_SHA into slot $GEARSHIFT_SLOT"
    environment: production
deploy:
  strategy: blue-green
  switch: ${switchCommand}
${tail}`;
}
