/**
 * A real git repository wired to the blue/green fixture (test/unit/deploy/fixture.ts): slot
 * servers and a proxy on 127.0.0.1, `./switch.sh`, and a committed `.gearshift.yml` whose
 * production stage copies `release-next` into `release-$GEARSHIFT_SLOT`. Fixture files are
 * git-ignored, so the working tree stays clean (a dirty tree is no non-prod pass).
 * Stage commands use absolute paths: a promote runs them in a clean worktree.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { EngineEvent } from '../../../src/core/engine/events';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { cleanEnv, commitFile, git, initRepo } from '../../support/git';
import { BlueGreenFixture } from '../deploy/fixture';
import { deployRunHooks } from '../../../src/core/deploy/runHooks';

export interface RepoOptions {
  /** Default: no monitoring. */
  monitor?: { autoRollback?: boolean; window?: string; interval?: string; baseline?: string; extra?: string[]; probes?: (f: BlueGreenFixture) => string[] };
  /** Default true: `deploy:` with blue/green slots. */
  blueGreen?: boolean;
  /** Raw YAML stage items inserted before `Deploy Prod` (after `Deploy Non-Prod`); given the repo's folder. */
  before?: (dir: string) => string[];
  /** Raw YAML stage items after `Deploy Prod`. */
  after?: (dir: string) => string[];
  /** Raw YAML lines inside `deploy:` after `switch:` (e.g. `  env:`). */
  deployExtra?: string[];
}

const IGNORED = ['release-*', 'live-slot*', 'switch.sh', 'switch-fails', 'deployed-to', 'nonprod-deployed', 'prod-deploys', 'fail-*', 'go-*', ''].join('\n');

export class DeployRepo {
  readonly events: EngineEvent[] = [];
  readonly engines: PipelineEngine[] = [];
  readonly engine: PipelineEngine;

  private constructor(readonly dir: string, readonly f: BlueGreenFixture) {
    this.engine = this.newEngine();
  }

  static async create(opts: RepoOptions = {}): Promise<DeployRepo> {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-deploycmd-')));
    initRepo(dir);
    const f = await BlueGreenFixture.create(dir);
    commitFile(dir, '.gitignore', IGNORED, 'Ignore deploy fixture files');
    commitFile(dir, '.gearshift.yml', pipelineYaml(dir, f, opts), 'Add the pipeline');
    f.nextRelease('200');
    return new DeployRepo(dir, f);
  }

  /** Another engine on the same folder: another editor window, or the CLI. */
  newEngine(): PipelineEngine {
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: this.dir, color: false, killGraceMs: 500, baseEnv: cleanEnv() });
    if (this.engines.length === 0) { engine.onEvent((e) => this.events.push(e)); }
    this.engines.push(engine);
    return engine;
  }

  commit(name: string): string {
    return commitFile(this.dir, `src/${name}.txt`, `${name}\n`, `Change ${name}`);
  }

  head(): string { return git(this.dir, 'rev-parse', 'HEAD'); }

  touch(name: string): void { fs.writeFileSync(path.join(this.dir, name), ''); }
  remove(name: string): void { fs.rmSync(path.join(this.dir, name), { force: true }); }
  exists(name: string): boolean { return fs.existsSync(path.join(this.dir, name)); }
  read(name: string): string { return fs.readFileSync(path.join(this.dir, name), 'utf8').trim(); }

  /** History, newest first. */
  async runs(): Promise<RunRecord[]> {
    return (await (await this.engine.history()).read()).runs;
  }

  /** Deploy events of the engine's stream, by type, optionally for one run. */
  deployEvents(runId?: string): string[] {
    return this.events.flatMap((e) => (e.type === 'deploy' && (runId === undefined || e.runId === runId) ? [e.event.type] : []));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.dispose()));
    await this.f.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A stage that waits for `go-<name>` to exist (bounded: fails after ~10 s). */
export function waitingStage(dir: string, name: string, environment?: string): string[] {
  const run = `i=0; while [ ! -e '${dir}/go-${name}' ]; do i=$((i+1)); [ $i -gt 500 ] && exit 9; sleep 0.02; done; echo "${name} done"`;
  return [`  - name: ${name}`, `    run: ${JSON.stringify(run)}`, ...(environment ? [`    environment: ${environment}`] : [])];
}

function pipelineYaml(dir: string, f: BlueGreenFixture, opts: RepoOptions): string {
  const blueGreen = opts.blueGreen !== false;
  const prod = blueGreen
    ? `test -n "$GEARSHIFT_SLOT" || exit 1; cp '${dir}/release-next' "${dir}/release-$GEARSHIFT_SLOT" && echo "$GEARSHIFT_SLOT" > '${dir}/deployed-to'`
    : `echo "$GEARSHIFT_SHA" >> '${dir}/prod-deploys'`;
  const lines = [
    'version: 1',
    'stages:',
    '  - name: Unit Tests',
    `    run: ${JSON.stringify(`test ! -e '${dir}/fail-unit' || { echo "2 unit tests failed" >&2; exit 1; }`)}`,
    '  - name: Deploy Non-Prod',
    `    run: ${JSON.stringify(`echo "$GEARSHIFT_SHA" > '${dir}/nonprod-deployed'`)}`,
    '    environment: non-prod',
    ...(opts.before?.(dir) ?? []),
    '  - name: Deploy Prod',
    `    run: ${JSON.stringify(prod)}`,
    '    environment: production',
    ...(opts.after?.(dir) ?? []),
  ];
  if (blueGreen) { lines.push('deploy:', '  slots: [blue, green]', '  switch: ./switch.sh', ...(opts.deployExtra ?? [])); }
  if (opts.monitor) {
    const m = opts.monitor;
    lines.push('monitor:', `  window: ${m.window ?? '1s'}`, `  interval: ${m.interval ?? '200ms'}`, `  baseline: ${m.baseline ?? '200ms'}`,
      `  autoRollback: ${m.autoRollback === true}`, ...(m.extra ?? []), '  probes:',
      ...(m.probes?.(f) ?? [`    - http: ${f.url('proxy')}`, '      timeout: 1s', '      requests: 3']));
  }
  return `${lines.join('\n')}\n`;
}
