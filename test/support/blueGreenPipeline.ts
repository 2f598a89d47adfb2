/**
 * The blue/green pipeline the integration suites deploy (redStory, rollbackVerdict, deployAlertNotice,
 * deployRedNotice, release): "Unit Tests", then "Deploy Prod" to production, a switch that writes
 * the live slot to a file outside the repository, and optionally a webhook and monitoring with one
 * probe named `health`. Each suite says only what differs. Plain text, no vscode: any tier may use it.
 */

/** The `monitor:` section: one `health` probe, a shell command or an HTTP check. */
export interface MonitorFixture {
  readonly window?: string;
  readonly interval?: string;
  readonly baseline?: string;
  /** Omitted: the key is left out (the default applies). */
  readonly autoRollback?: boolean;
  readonly probe: { readonly command: string } | { readonly http: string; readonly timeout: string };
}

export interface BlueGreenFixture {
  /** The file the default switch writes the new live slot to. */
  readonly liveFile: string;
  /** The switch command instead of the default (switchTo(liveFile)). */
  readonly switch?: string;
  /** "Unit Tests"'s command; `echo tested` by default. */
  readonly unitTests?: string;
  /** "Deploy Prod"'s command, as written in the YAML; `echo "release $GEARSHIFT_SHA"` by default. */
  readonly deploy?: string;
  readonly webhook?: string;
  readonly monitor?: MonitorFixture;
}

/** The switch that writes the slot it switches to into `liveFile`. */
export function switchTo(liveFile: string): string {
  return `printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}"`;
}

/** The `.gearshift.yml` text. */
export function blueGreenPipeline(f: BlueGreenFixture): string {
  return [
    'version: 1',
    ...(f.webhook === undefined ? [] : ['alerts:', `  webhook: ${f.webhook}`]),
    'stages:',
    '  - name: Unit Tests',
    `    run: ${f.unitTests ?? 'echo tested'}`,
    '  - name: Deploy Prod',
    `    run: ${f.deploy ?? 'echo "release $GEARSHIFT_SHA"'}`,
    '    environment: production',
    'deploy:',
    '  strategy: blue-green',
    '  slots: [blue, green]',
    `  switch: ${f.switch ?? switchTo(f.liveFile)}`,
    ...(f.monitor === undefined ? [] : monitorLines(f.monitor)),
    '',
  ].join('\n');
}

function monitorLines(m: MonitorFixture): string[] {
  const probe = 'command' in m.probe ? [`      command: ${m.probe.command}`] : [`      http: ${m.probe.http}`, `      timeout: ${m.probe.timeout}`];
  return [
    'monitor:',
    `  window: ${m.window ?? '1s'}`,
    `  interval: ${m.interval ?? '500ms'}`,
    `  baseline: ${m.baseline ?? '0'}`,
    ...(m.autoRollback === undefined ? [] : [`  autoRollback: ${m.autoRollback}`]),
    '  probes:',
    '    - name: health',
    ...probe,
  ];
}
